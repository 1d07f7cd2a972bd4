"""Event to client: containers started and connected to a network, timed from Docker's own
event to the dashboard's WebSocket, beside `docker events` (the floor), Docker's list
polled tightly (the data floor) and a 2 s poll."""

import asyncio
import json
import threading
import time

import docker

from scripts.bench.report import Report, ms, percentile
from scripts.bench.rig import Rig


async def rows(report: Report, rig: Rig, rounds=30) -> None:
    stopped = rig.created(rounds)
    target = rig.networks[-1]
    # Chosen before the clock runs: a blocking call on this loop would hold back the
    # socket reader below and count against the dashboard.
    to_connect = [
        cid
        for cid in rig.containers[:rounds]
        if target["Name"] not in rig.api.inspect_container(cid)["NetworkSettings"]["Networks"]
    ]
    floor, ws_seen, poll_seen, event_time, api_floor = {}, {}, {}, {}, {}
    stop = threading.Event()

    def events():
        client = docker.APIClient(base_url=rig.engine.url, version="auto")
        stream = client.events(decode=True, filters={"type": ["container", "network"]})
        for ev in stream:
            now = time.time()
            key = None
            if ev.get("Type") == "container" and ev.get("Action") == "start":
                key = ("start", ev["Actor"]["ID"])
            elif (
                ev.get("Type") == "network"
                and ev.get("Action") == "connect"
                and ev["Actor"]["ID"] == target["Id"]
                # `docker network connect` only: a container starting on the target
                # connects ~300 ms before Docker calls it running, and is timed by start.
                and ev["Actor"]["Attributes"]["container"] in to_connect
            ):
                key = ("connect", ev["Actor"]["Attributes"]["container"])
            if key:
                event_time[key] = int(ev["timeNano"]) / 1e9
                floor[key] = now
                threading.Thread(target=listed, args=(key,), daemon=True).start()
            if stop.is_set():
                stream.close()
                return

    def listed(key):
        """When Docker's own container list first shows what the event announced."""
        client = docker.APIClient(base_url=rig.engine.url, version="auto")
        kind, cid = key
        for _ in range(1000):
            c = client.containers(all=True, filters={"id": [cid]})
            if c and kind == "start" and c[0]["State"] == "running":
                break
            nets = (c[0]["NetworkSettings"]["Networks"] or {}).values() if c else ()
            if kind == "connect" and any(
                n.get("NetworkID") == target["Id"] and n.get("EndpointID") for n in nets
            ):
                break
            time.sleep(0.002)
        api_floor[key] = time.time()

    def poll():
        client = docker.APIClient(base_url=rig.engine.url, version="auto")
        while not stop.is_set():
            now = time.time()
            for c in client.containers(all=True):
                if c["State"] == "running":
                    poll_seen.setdefault(("start", c["Id"]), now)
                for n in (c["NetworkSettings"]["Networks"] or {}).values():
                    if n.get("NetworkID") == target["Id"] and n.get("EndpointID"):
                        poll_seen.setdefault(("connect", c["Id"]), now)
            stop.wait(2)

    threading.Thread(target=events, daemon=True).start()
    await asyncio.sleep(0.5)
    threading.Thread(target=poll, daemon=True).start()
    await asyncio.sleep(0.5)
    async with rig.server.websocket(rig.http) as ws:
        await ws.recv()  # the snapshot

        async def reader():
            async for text in ws:
                now = time.time()
                msg = json.loads(text)
                if msg.get("type") != "patch":
                    continue
                for c in msg["upsert"]["containers"]:
                    if c["state"] == "running":
                        ws_seen.setdefault(("start", c["id"]), now)
                for e in msg["upsert"]["endpoints"]:
                    if e["network"] == target["Id"]:
                        ws_seen.setdefault(("connect", e["container"]), now)

        task = asyncio.create_task(reader())
        for cid in stopped:
            await asyncio.to_thread(rig.api.start, cid)
            await asyncio.sleep(0.1)
        for cid in to_connect:
            await asyncio.to_thread(rig.api.connect_container_to_network, cid, target["Id"])
            await asyncio.sleep(0.1)
        await asyncio.sleep(2.5)
        stop.set()
        task.cancel()
    for kind in ("start", "connect"):
        keys = [k for k in event_time if k[0] == kind]
        for name, seen in (
            ("dashboard WebSocket", ws_seen),
            ("docker events (floor)", floor),
            ("Docker's list shows it (tight poll, data floor)", api_floor),
            ("2 s poll", poll_seen),
        ):
            lat = [seen[k] - event_time[k] for k in keys if k in seen]
            if lat:
                report.row(
                    f"event to client, container {kind}: {name}",
                    f"p50 {ms(percentile(lat, 50))}, p95 {ms(percentile(lat, 95))}, "
                    f"max {ms(max(lat))} (n={len(lat)})",
                    "p95 < 100 ms, within 50 ms of the floor"
                    if name.startswith("dashboard")
                    else "",
                )
    for cid in stopped:
        rig.api.remove_container(cid, force=True)
