"""The swarm's rows: from `docker service scale` to the open map's socket showing the new
tasks running, beside the moment the manager's own API first shows them (a tight poll of
/tasks: the data floor); and a host leaving and joining, from its own /info saying so. On
two real hosts (scripts/harness/two_hosts.py, set up for it and removed after), the
dashboard watching both."""

import json
import tempfile
import threading
import time
from pathlib import Path

import docker

from scripts.bench.report import Report, ms, percentile
from scripts.harness import docker_env
from scripts.harness.docker_env import LABELS, RUN_ID
from scripts.harness.server import DashboardServer
from scripts.harness.two_hosts import TwoHosts

ROUNDS = 6


def _running(api, sid: str) -> int:
    return sum(1 for t in api.tasks(filters={"service": sid}) if t["Status"]["State"] == "running")


def _first_state(api, state: str, out: list) -> None:
    """When the engine's own /info first reports `state` (a tight poll)."""
    deadline = time.time() + 30
    while time.time() < deadline:
        if api.info()["Swarm"]["LocalNodeState"] == state:
            out.append(time.time())
            return
        time.sleep(0.005)


def rows(report: Report) -> None:
    hosts = TwoHosts(docker_env.Subnets(docker.APIClient(version="auto")).next())
    server = None
    try:
        hosts.up()
        var = Path(tempfile.mkdtemp(prefix="dash-bench-swarm-"))
        # At the default tick (the test harness ticks faster).
        server = DashboardServer(
            var, f"hosta={hosts.a.url},hostb={hosts.b.url}", DASHBOARD_PING_SECONDS="1"
        )
        server.start()
        api = hosts.a.api()
        spec = docker.types.TaskTemplate(
            docker.types.ContainerSpec(
                hosts.a.image, ["sleep", "3600"], labels=LABELS, stop_grace_period=0
            )
        )
        name = f"b{RUN_ID[:6]}-scale"
        sid = api.create_service(
            spec, name=name, labels=LABELS, mode=docker.types.ServiceMode("replicated", 1)
        )["ID"]
        seen: dict[int, float] = {}  # replicas running -> when the socket first said so
        tasks: dict[str, dict] = {}
        hostb: dict[str, float] = {}  # hostb's swarm state -> when the socket first said so
        stop = threading.Event()
        with server.websocket(server.login("viewer"), sync=True) as ws:
            snapshot = json.loads(ws.recv())
            tasks.update({t["id"]: t for t in snapshot["topology"]["tasks"]})

            def read():
                while not stop.is_set():
                    try:
                        msg = json.loads(ws.recv(timeout=0.5))
                    except TimeoutError:
                        continue
                    if msg.get("type") != "patch":
                        continue
                    now = time.time()
                    for tid in msg["remove"].get("tasks", []):
                        tasks.pop(tid, None)
                    for t in msg["upsert"].get("tasks", []):
                        tasks[t["id"]] = t
                    n = sum(1 for t in tasks.values() if t["service"] == sid and t["live"])
                    seen.setdefault(n, now)
                    for e in msg["engines"]:
                        if e["id"] == "hostb":
                            hostb.setdefault(e["swarm"], now)

            reader = threading.Thread(target=read, daemon=True)
            reader.start()
            while _running(api, sid) < 1:
                time.sleep(0.05)
            floors, dashboard = [], []
            replicas = 1
            for i in range(ROUNDS):
                replicas = 3 if i % 2 == 0 else 1  # up by two, then back
                version = api.inspect_service(sid)["Version"]["Index"]
                seen.clear()
                t0 = time.time()
                api.update_service(
                    sid,
                    version,
                    name=name,
                    task_template=spec,
                    labels=LABELS,
                    mode=docker.types.ServiceMode("replicated", replicas),
                )
                while _running(api, sid) != replicas:
                    time.sleep(0.005)
                floor = time.time() - t0
                deadline = time.time() + 10
                while replicas not in seen and time.time() < deadline:
                    time.sleep(0.005)
                if replicas == 3 and replicas in seen:
                    floors.append(floor)
                    dashboard.append(seen[replicas] - t0)
                time.sleep(1)
            # Leaving and joining emit no event: each engine's /info shows them.
            b = hosts.b.api()
            for state, change in (
                ("inactive", lambda: b.leave_swarm(force=True)),
                ("active", hosts.join_b),
            ):
                hostb.clear()
                floor_at: list[float] = []
                watching = threading.Thread(
                    target=_first_state, args=(hosts.b.api(), state, floor_at), daemon=True
                )
                watching.start()
                change()
                watching.join(30)
                deadline = time.time() + 10
                while state not in hostb and time.time() < deadline:
                    time.sleep(0.005)
                if floor_at and state in hostb:
                    report.row(
                        f"swarm: hostb {'leaves' if state == 'inactive' else 'joins'}, from its "
                        "own /info saying so to the map's socket",
                        ms(hostb[state] - floor_at[0]),
                        "< 1 s",
                    )
            stop.set()
            reader.join(2)
        for what, values in (
            ("the manager's own /tasks shows them (tight poll, floor)", floors),
            ("the map's socket shows them", dashboard),
        ):
            if values:
                report.row(
                    f"swarm: `service scale` 1 → 3 until {what}",
                    f"p50 {ms(percentile(values, 50))}, max {ms(max(values))} (n={len(values)})",
                    "within 1 s of the floor" if "map" in what else "",
                )
    finally:
        if server is not None:
            server.stop()
        hosts.destroy()
