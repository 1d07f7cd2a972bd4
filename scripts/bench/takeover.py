"""Leader takeover: SIGKILL the daphne process holding the lease; how long until another
holds it, until a change made at that moment shows on a map, and the slowest request
meanwhile."""

import json
import statistics
import threading
import time

from scripts.bench.report import Report, ms
from scripts.bench.rig import Rig
from scripts.harness import redis_server


def rows(report: Report, rig: Rig, processes=3, rounds=3) -> None:
    if redis_server.available():
        report.row("leader takeover", "skipped: no redis-server", "")
        return
    redis, pairs = rig.redis_cluster(processes)
    took, shown, slowest = [], [], []
    try:
        for _ in range(rounds):
            roles = {s: session.get(s.url + "/healthz").json()["role"] for s, session in pairs}
            leader = next(s for s, role in roles.items() if role == "leader")
            others = [(s, session) for s, session in pairs if s is not leader]
            latencies: list[float] = []
            stop = threading.Event()

            def hammer(server, session, latencies=latencies, stop=stop):
                while not stop.is_set():
                    t0 = time.monotonic()
                    session.get(server.url + "/api/topology", timeout=10)
                    latencies.append(time.monotonic() - t0)

            threads = [threading.Thread(target=hammer, args=pair) for pair in others]
            for t in threads:
                t.start()
            with others[0][0].websocket(others[0][1], sync=True) as ws:
                ws.recv()  # the snapshot
                leader.proc.kill()
                killed = time.monotonic()
                cid = rig.create_one()
                rig.api.start(cid)
                lead_at = None
                while lead_at is None:
                    for s, session in others:
                        if session.get(s.url + "/healthz").json()["role"] == "leader":
                            lead_at = time.monotonic()
                    time.sleep(0.05)
                while True:
                    msg = json.loads(ws.recv(timeout=30))
                    upserts = msg.get("upsert", {}).get("containers", [])
                    if msg["type"] == "snapshot":
                        upserts = msg["topology"]["containers"]
                    if any(c["id"] == cid and c["state"] == "running" for c in upserts):
                        break
                seen_at = time.monotonic()
            stop.set()
            for t in threads:
                t.join()
            took.append(lead_at - killed)
            shown.append(seen_at - killed)
            slowest.append(max(latencies))
            rig.api.remove_container(cid, force=True)
            leader.serve()  # back as a follower for the next round
            time.sleep(1)
    finally:
        rig.close_cluster(redis, pairs)
    each = f"{processes} processes, lease 3 s, n={rounds}"
    report.row(
        f"leader takeover after SIGKILL ({each})",
        f"median {statistics.median(took):.2f} s, max {max(took):.2f} s",
        "< 5 s",
    )
    report.row(
        "a change made as the leader dies shows on a follower's map",
        f"median {statistics.median(shown):.2f} s, max {max(shown):.2f} s",
        "",
    )
    report.row(
        "slowest /api/topology on the survivors during a takeover",
        ms(max(slowest)),
        "< 1 s",
    )
