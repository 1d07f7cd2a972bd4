"""Fan-out: from a container's start event to the last of many WebSocket clients showing it
running, on the one dashboard process or over several daphne processes through Redis."""

import asyncio
import json
import statistics
import time

from scripts.bench.report import Report, ms
from scripts.bench.rig import Rig
from scripts.harness import redis_server


async def rows(report: Report, rig: Rig, clients, servers=None, how="WebSocket clients",
               target=None) -> None:  # fmt: skip
    """Clients spread over `servers` [(server, logged-in session)]: by default the rig's
    one dashboard process."""
    servers = servers or [(rig.server, rig.http)]
    sockets = []
    for i in range(clients):
        server, session = servers[i % len(servers)]
        ws = await server.websocket(session).__aenter__()
        await ws.recv()
        sockets.append(ws)
    results = []
    for _ in range(5):
        cid = rig.create_one()
        await asyncio.sleep(0.3)
        await asyncio.gather(*(rig.drain(ws) for ws in sockets))
        t0 = time.time()
        await asyncio.to_thread(rig.api.start, cid)

        async def until_running(ws, cid=cid):
            while True:
                msg = json.loads(await ws.recv())
                if any(
                    c["id"] == cid and c["state"] == "running"
                    for c in msg.get("upsert", {}).get("containers", [])
                ):
                    return time.time()

        done = await asyncio.gather(*(until_running(ws) for ws in sockets))
        # From the event's own timestamp: the start call itself takes Docker a while.
        started = next(
            rig.api.events(
                since=int(t0) - 1,
                until=int(time.time()) + 1,
                filters={"container": cid, "event": "start"},
                decode=True,
            )
        )
        results.append(max(done) - int(started["timeNano"]) / 1e9)
        rig.api.remove_container(cid, force=True)
    for ws in sockets:
        await ws.close()
    report.row(
        f"fan-out to {clients} {how} (start event to last client)",
        f"median {ms(statistics.median(results))}, max {ms(max(results))}",
        target or "< 250 ms at 200",
    )


def redis_rows(report: Report, rig: Rig, clients, processes) -> None:
    """The same through Redis: every process follows the one holding the lease."""
    if redis_server.available():
        report.row(f"fan-out to {clients} clients through Redis", "skipped: no redis-server", "")
        return
    redis, pairs = rig.redis_cluster(processes)
    try:
        how = f"clients over {processes} daphne processes via Redis"
        asyncio.run(rows(report, rig, clients, pairs, how, target="< 250 ms at 1,000"))
    finally:
        rig.close_cluster(redis, pairs)
