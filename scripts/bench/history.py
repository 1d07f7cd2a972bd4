"""History's cost: recording a change, and the map at a moment one hour and seven days
back, at 1,000 containers / 100 networks, with a week of changes recorded at one a minute.
Measured in a process of its own (`python -m scripts.bench.history`, which prints one JSON
object) against a throwaway database, so that Django's set-up stays out of the bench's."""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from scripts.bench.report import Report, ms

CONTAINERS, NETWORKS = 1000, 100
WEEK_MINUTES = 7 * 24 * 60


def rows(report: Report) -> None:
    var = Path(tempfile.mkdtemp(prefix="dash-bench-history-"))
    env = {
        **os.environ,
        "DASHBOARD_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "dashboard.settings",
    }
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], env=env, check=True)
        done = subprocess.run(
            [sys.executable, "-m", "scripts.bench.history"],
            env=env, check=True, capture_output=True, text=True,
        )  # fmt: skip
    finally:
        shutil.rmtree(var, ignore_errors=True)
    r = json.loads(done.stdout)
    size = f"{r['changes']:,} changes, 1,000 containers"
    report.row(
        f"history: recording one change ({size}; on its own thread)",
        f"{r['write_us']:.0f} µs written, {r['enqueue_us']:.1f} µs on the live path",
        "",
    )
    report.row(f"history: the map 1 hour back ({size})", ms(r["at_1h_ms"] / 1000), "< 1 s")
    report.row(f"history: the map 7 days back ({size})", ms(r["at_7d_ms"] / 1000), "< 1 s")
    mb = r["footprint"]["database_bytes"] / 1e6
    report.row("history: database size for that week", f"{mb:.1f} MB", "")


def view(i: int, running: bool):
    from dashboard.topology.records import Container, ContainerView, Endpoint

    nid = f"{i % NETWORKS:064x}"
    cid = f"c{i:063x}"
    c = Container(id=cid, engine="bench", name=f"web-{i}", image="busybox",
                  state="running" if running else "exited", networks=(nid,))  # fmt: skip
    ep = Endpoint(network=nid, container=cid, ipv4=f"10.{i % NETWORKS}.{i // 250}.{i % 250 + 2}/16")
    return ContainerView(c, (ep,) if running else ())


def measure() -> dict:
    """In the child process (DASHBOARD_VAR_DIR set by the caller, migrated)."""
    import django

    django.setup()

    from dashboard.history import queries
    from dashboard.history.limits import Limits
    from dashboard.history.recorder import Recorder
    from dashboard.topology.records import EngineState, Network
    from dashboard.topology.store import Store

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
    return {
        "changes": len(patches),
        "write_us": written / len(patches) * 1e6,
        "enqueue_us": statistics.median(enqueue) / 1000,
        "at_1h_ms": lat["1h"] * 1000,
        "at_7d_ms": lat["7d"] * 1000,
        "footprint": queries.footprint(),
    }


if __name__ == "__main__":
    print(json.dumps(measure()))
