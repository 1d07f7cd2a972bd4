"""One socket flooding the server with requests for snapshots: a start on one viewer's map,
timed quiet and then while another viewer's socket asks for a snapshot FLOOD_RATE times a
second; and the server's CPU time meanwhile."""

import asyncio
import json
import statistics
import threading
import time

import websockets

from scripts.bench.report import Report, cpu_seconds, ms, rss_mb
from scripts.bench.rig import Rig

FLOOD_RATE = 200  # resyncs a second: a page asks once per patch it could not apply


def flood_socket(url: str, cookie: str, stop, out) -> None:
    """Another viewer's socket asking for a snapshot ("resync") FLOOD_RATE times a second,
    and opened again at once whenever the server closes it. In a process of its own, so
    that it takes none of the bench's own time from the viewer it measures; paced, so that
    on this machine it does not take the server's core either (sending as fast as it can,
    it took half the machine, and daphne's reading of its frames the rest)."""
    from websockets.sync.client import connect

    counts = {"sent": 0, "answers": 0, "closes": 0, "codes": set()}
    resync = json.dumps({"type": "resync"})

    def read(ws):
        try:
            for _ in ws:
                counts["answers"] += 1
        except websockets.exceptions.ConnectionClosed:
            pass

    while not stop.is_set():
        socket_url = url.replace("http", "ws") + "/ws/topology/"
        headers = {"Cookie": cookie, "Origin": url}
        try:
            with connect(socket_url, additional_headers=headers, max_size=None) as ws:
                ws.recv()  # the snapshot sent on connect
                threading.Thread(target=read, args=(ws,), daemon=True).start()
                due = time.monotonic()
                while not stop.is_set():
                    ws.send(resync)
                    counts["sent"] += 1
                    due += 1 / FLOOD_RATE
                    time.sleep(max(0.0, due - time.monotonic()))
        except websockets.exceptions.ConnectionClosed as e:
            counts["closes"] += 1
            counts["codes"].add(e.rcvd.code if e.rcvd else None)
    out.put(counts)


async def rows(report: Report, rig: Rig, containers, rounds=5) -> None:
    import multiprocessing

    async with rig.server.websocket(rig.http) as ws:
        await ws.recv()
        quiet = [await start_seen(rig, ws) for _ in range(rounds)]
        other = rig.login()
        cookie = "; ".join(f"{k}={v}" for k, v in other.cookies.items())
        spawn = multiprocessing.get_context("spawn")
        stop, out = spawn.Event(), spawn.Queue()
        flooder = spawn.Process(target=flood_socket, args=(rig.server.url, cookie, stop, out))
        flooder.start()
        await asyncio.sleep(2)  # the flood under way (the process starts in ~1 s)
        cpu0, t0 = cpu_seconds(rig.server.proc.pid), time.monotonic()
        flooded = [await start_seen(rig, ws) for _ in range(rounds)]
        cpu = cpu_seconds(rig.server.proc.pid) - cpu0
        elapsed = time.monotonic() - t0
        stop.set()
        counts = await asyncio.to_thread(out.get, timeout=60)
        await asyncio.to_thread(flooder.join, 10)
    codes = ", ".join(str(c) for c in sorted(counts["codes"], key=str)) or "none"
    report.row(
        f"a start on one map while another socket asks for {FLOOD_RATE} resyncs a second, "
        f"{containers} containers",
        f"quiet median {ms(statistics.median(quiet))}, max {ms(max(quiet))}; flooded "
        f"median {ms(statistics.median(flooded))}, max {ms(max(flooded))}; the flooder "
        f"sent {counts['sent']:,}, got {counts['answers']:,} snapshots, was closed "
        f"{counts['closes']:,} times (codes: {codes}); server CPU {cpu:.1f} s in "
        f"{elapsed:.1f} s; {rss_mb(rig.server.proc.pid):.0f} MB RSS",
        "flooded as quiet",
    )


async def start_seen(rig: Rig, ws) -> float:
    """From a container's start event to the viewer's socket showing it running."""
    cid = rig.create_one()
    await asyncio.sleep(0.3)
    await rig.drain(ws)
    t0 = time.time()
    await asyncio.to_thread(rig.api.start, cid)
    while True:
        msg = json.loads(await asyncio.wait_for(ws.recv(), 60))
        shown = msg.get("upsert", msg.get("topology", {})).get("containers", [])
        if any(c["id"] == cid and c["state"] == "running" for c in shown):
            seen = time.time()
            break
    started = next(
        rig.api.events(
            since=int(t0) - 1,
            until=int(time.time()) + 1,
            filters={"container": cid, "event": "start"},
            decode=True,
        )
    )
    await asyncio.to_thread(rig.api.remove_container, cid, force=True)
    return seen - int(started["timeNano"]) / 1e9
