"""The watcher's cache: one container's update, which every container event makes on the
event loop (a start, a list answer, an inspect), at 1,000 and 5,000 containers. Pure code:
no engine, no dashboard."""

import time

from scripts.bench.report import Report


def rows(report: Report) -> None:
    from dashboard.topology.records import Container, ContainerView, Endpoint, Network
    from dashboard.topology.store import Store

    results = []
    for n in (1000, 5000):
        nets = [
            Network(id=f"n{i}", engine="a", name=f"n{i}", driver="bridge") for i in range(n // 10)
        ]

        def view(i, running, nets=nets):
            nid = nets[i % len(nets)].id
            state = "running" if running else "exited"
            c = Container(id=f"c{i}", engine="a", name=f"c{i}", state=state, networks=(nid,))
            return ContainerView(c, (Endpoint(nid, c.id, "10.0.0.2/24"),) if running else ())

        store = Store()
        store.replace_engine("a", nets, [view(i, True) for i in range(n)])
        rounds = 2000
        t0 = time.perf_counter()
        for j in range(rounds):
            store.update_containers({f"c{j % n}"}, [view(j % n, j % 2 == 1)])
        results.append(f"{(time.perf_counter() - t0) / rounds * 1e6:.0f} µs")
    report.row(
        "one container's update in the watcher's cache (on the event loop, at each container "
        "event), 1,000 / 5,000 containers",
        " / ".join(results) + " (copies of the cache's dicts, in C; no pass in Python)",
        "",
    )
