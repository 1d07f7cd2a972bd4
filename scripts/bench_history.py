"""History's rows of `make bench`, run in a process of their own against a throwaway
database (DASHBOARD_VAR_DIR set by the caller, migrated): the cost of recording a change,
and the map at a moment one hour and seven days back, at 1,000 containers / 100 networks,
with a week of changes recorded at one a minute. Prints one JSON object."""

import json
import statistics
import sys
import time
from datetime import UTC, datetime

import django

django.setup()

from dashboard.history import queries  # noqa: E402
from dashboard.history.limits import Limits  # noqa: E402
from dashboard.history.recorder import Recorder  # noqa: E402
from dashboard.topology.records import (  # noqa: E402
    Container,
    ContainerView,
    Endpoint,
    EngineState,
    Network,
)
from dashboard.topology.store import Store  # noqa: E402

CONTAINERS, NETWORKS = 1000, 100
WEEK_MINUTES = 7 * 24 * 60


def view(i: int, running: bool) -> ContainerView:
    nid = f"{i % NETWORKS:064x}"
    cid = f"c{i:063x}"
    c = Container(id=cid, engine="bench", name=f"web-{i}", image="busybox",
                  state="running" if running else "exited", networks=(nid,))  # fmt: skip
    ep = Endpoint(network=nid, container=cid, ipv4=f"10.{i % NETWORKS}.{i // 250}.{i % 250 + 2}/16")
    return ContainerView(c, (ep,) if running else ())


def main() -> None:
    store = Store(1)
    store.set_engine(EngineState(id="bench", status="connected"))
    networks = [Network(id=f"{i:064x}", engine="bench", name=f"net-{i}", driver="bridge")
                for i in range(NETWORKS)]  # fmt: skip
    store.replace_engine("bench", networks, [view(i, True) for i in range(CONTAINERS)])
    start = time.time() - WEEK_MINUTES * 60 - 120
    clock = [start]
    recorder = Recorder(store.current, Limits(days=30), clock=lambda: clock[0])
    recorder.start()
    patches = []
    for minute in range(WEEK_MINUTES):
        i = minute % CONTAINERS
        running = (minute // CONTAINERS) % 2 == 1
        patches.append(store.update_containers({view(i, running).container.id}, [view(i, running)]))
    enqueue = []
    t0 = time.perf_counter()
    for minute, patch in enumerate(patches):
        clock[0] = start + minute * 60
        a = time.perf_counter_ns()
        recorder(patch)
        enqueue.append(time.perf_counter_ns() - a)
    assert recorder.flush(600), "the recorder did not finish"
    written = time.perf_counter() - t0
    recorder.stop()
    now = start + WEEK_MINUTES * 60
    lat = {}
    for label, back in (("1h", 3600), ("7d", 7 * 86400 - 60)):
        times = []
        for _ in range(5):
            a = time.perf_counter()
            state = queries.state_at(datetime.fromtimestamp(now - back, UTC))
            times.append(time.perf_counter() - a)
        assert len(state["containers"]) == CONTAINERS, (label, len(state["containers"]))
        lat[label] = statistics.median(times)
    print(json.dumps({
        "changes": len(patches),
        "write_us": written / len(patches) * 1e6,
        "enqueue_us": statistics.median(enqueue) / 1000,
        "at_1h_ms": lat["1h"] * 1000,
        "at_7d_ms": lat["7d"] * 1000,
        "footprint": queries.footprint(),
    }))  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
