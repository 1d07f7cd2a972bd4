"""What a user sees: `docker start` to the running container on a map open in Chromium, on
the rig's real engine, beside Docker's own list; one start at a time, and a burst of 100 at
once (in the map's copy, drawn, on a plain socket client, and Docker's own events read
beside it)."""

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import docker
import websockets

from scripts.bench.page import chromium, js
from scripts.bench.report import Report, ms, percentile
from scripts.bench.rig import Rig
from scripts.harness.server import USERS


def live_map(rig: Rig, browser, made: list[str]):
    """A viewer's map, live, once its copy holds every container in `made`."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(rig.server.url + "/login/")
    name, password = USERS["viewer"]
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_selector("#map-app[data-state=live]", timeout=60000)
    page.wait_for_function(
        "ids => ids.every(id => window.dashboardMap.model.containers.has(id))",
        arg=made,
        timeout=30000,
    )
    return page


def start_rows(report: Report, rig: Rig, containers, rounds=20) -> None:
    """A container started with `docker start` (made before the clock runs): when the
    map open in Chromium shows it running, and when Docker's own list (filtered by its
    id, polled tightly) first does, both from the start call."""
    from playwright.sync_api import sync_playwright

    made = rig.created(rounds)
    docker_seen, map_seen, applied = [], [], []
    with sync_playwright() as p:
        b = chromium(p)
        page = live_map(rig, b, made)
        for cid in made:
            time.sleep(1.3)  # apart, as a user's commands are
            page.evaluate(js("live_start"), cid)
            poller = docker.APIClient(base_url=rig.engine.url, version="auto")
            t0 = time.time()
            threading.Thread(target=rig.api.start, args=(cid,)).start()
            while True:
                found = poller.containers(filters={"id": cid})
                if found and found[0]["State"] == "running":
                    docker_seen.append(time.time() - t0)
                    break
            page.wait_for_function("() => window.__seen", timeout=10000)
            map_seen.append(page.evaluate("window.__seen") / 1000 - t0)
            applied.append(page.evaluate("window.__applied") / 1000 - t0)
            poller.close()
        b.close()
    for cid in made:
        rig.api.remove_container(cid, force=True)
    lag = [m - d for m, d in zip(applied, docker_seen, strict=True)]
    drawn = [m - a for m, a in zip(map_seen, applied, strict=True)]
    report.row(
        f"`docker start` to running in the open map's copy, {containers} containers (real engine)",
        f"p50 {ms(percentile(applied, 50))}, Docker's list p50 "
        f"{ms(percentile(docker_seen, 50))}: behind Docker p50 {ms(percentile(lag, 50))}, "
        f"p95 {ms(percentile(lag, 95))}",
        "within 25 ms of Docker (p95)",
    )
    report.row(
        f"... then drawn (applied to the end of the frame that draws it: the wait for the "
        f"next frame, 0-16.7 ms, and that frame's work), {containers} containers",
        f"p50 {ms(percentile(drawn, 50))}, p95 {ms(percentile(drawn, 95))}",
        "p50 < 16 ms",
    )
    shown = [m - d for m, d in zip(map_seen, docker_seen, strict=True)]
    report.row(
        f"... drawn on the open map, behind Docker's list, {containers} containers",
        f"p50 {ms(percentile(shown, 50))}, p95 {ms(percentile(shown, 95))}",
        "within 25 ms of Docker (p95)",
    )


def burst_rows(report: Report, rig: Rig, containers, burst=100, paced=True) -> None:
    """100 containers started at once with `docker start` (made before the clock runs):
    for each, when the open map's copy first has it running and when Docker's own list
    (one call for all of them, polled tightly) first does; the last of them too."""
    from playwright.sync_api import sync_playwright

    made = rig.created(burst)
    docker_at: dict[str, float] = {}
    socket_at: dict[str, float] = {}  # the server's side: a plain socket client
    wanted = set(made)

    def socket_reader(ws):
        try:
            for text in ws:
                now = time.time()
                msg = json.loads(text)
                for c in msg.get("upsert", {}).get("containers", []):
                    if c["id"] in wanted and c["state"] == "running":
                        socket_at.setdefault(c["id"], now)
        except websockets.exceptions.ConnectionClosed:
            pass  # closed at the end of the burst

    # Docker's own events, read here as the dashboard reads them: the floor of any
    # watcher that follows events.
    event_at: dict[str, float] = {}
    events = docker.APIClient(base_url=rig.engine.url, version="auto").events(
        decode=True, filters={"type": "container", "event": "start"}
    )

    def event_reader():
        for ev in events:  # ends when the stream is closed, after the burst
            event_at.setdefault(ev.get("id", ""), time.time())

    threading.Thread(target=event_reader, daemon=True).start()
    with sync_playwright() as p, rig.server.websocket(rig.http, sync=True) as ws:
        ws.recv()  # the snapshot
        threading.Thread(target=socket_reader, args=(ws,), daemon=True).start()
        b = chromium(p)
        page = live_map(rig, b, made)
        page.evaluate(js("burst"), made)
        if not paced:
            page.evaluate("() => { window.dashboardMap.pacer.maxWait = 0; }")
        poller = docker.APIClient(base_url=rig.engine.url, version="auto")
        pool = ThreadPoolExecutor(16)
        t0 = time.time()
        for cid in made:
            pool.submit(rig.api.start, cid)
        deadline = t0 + 60
        calls = []  # each list call's duration: Docker answered somewhere within it
        while len(docker_at) < len(made) and time.time() < deadline:
            now = time.time()
            answer = poller.containers(filters={"id": made, "status": ["running"]})
            calls.append(time.time() - now)
            for c in answer:
                docker_at.setdefault(c["Id"], now)
        pool.shutdown()
        page.wait_for_function(
            "n => Object.keys(window.__runningAt).length >= n", arg=len(made), timeout=30000
        )
        map_at = {k: v / 1000 for k, v in page.evaluate("window.__runningAt").items()}
        page.wait_for_function(
            "n => Object.values(window.__drawnAt).filter(Boolean).length >= n",
            arg=len(made),
            timeout=30000,
        )
        drawn_at = {k: v / 1000 for k, v in page.evaluate("window.__drawnAt").items()}
        poller.close()
        events.close()
        b.close()
    for cid in made:
        rig.api.remove_container(cid, force=True)
    lag = [map_at[c] - docker_at[c] for c in made if c in docker_at and c in map_at]
    last = max(map_at.values()) - max(docker_at.values())
    server = [socket_at[c] - docker_at[c] for c in made if c in docker_at and c in socket_at]
    drawn = [drawn_at[c] - docker_at[c] for c in made if c in docker_at and c in drawn_at]
    drawn_last = max(drawn_at.values()) - max(docker_at.values())
    evented = [event_at[c] - docker_at[c] for c in made if c in docker_at and c in event_at]
    events_last = max(event_at[c] for c in made if c in event_at) - max(docker_at.values())
    server_last = max(socket_at.values()) - max(docker_at.values())
    # The page's own share: its copy against the plain socket client's, per container.
    page_share = [map_at[c] - socket_at[c] for c in made if c in map_at and c in socket_at]
    how = "" if paced else " (each patch drawn at once: no pacing)"
    report.row(
        f"burst of {burst} `docker start`s, {containers} containers{how}: the map's copy "
        "behind Docker's list (real engine)",
        f"p50 {ms(percentile(lag, 50))}, p95 {ms(percentile(lag, 95))}; the last one "
        f"{ms(last)} after Docker's last (all running in Docker after "
        f"{ms(max(docker_at.values()) - t0)})",
        "the last within 25 ms of Docker's last",
    )
    report.row(
        f"... the same burst drawn on the map (the frame after its flush), {containers} "
        f"containers{how}",
        f"p50 {ms(percentile(drawn, 50))}, p95 {ms(percentile(drawn, 95))}; the last one "
        f"{ms(drawn_last)} after Docker's last",
        "",
    )
    report.row(
        f"... the same burst on a plain socket client (the server's side), {containers} "
        f"containers{how}",
        f"p50 {ms(percentile(server, 50))}, p95 {ms(percentile(server, 95))}; the last one "
        f"{ms(server_last)} after Docker's last (n={len(server)})",
        "",
    )
    report.row(
        f"... the map's copy behind that socket client (the browser's own share), "
        f"{containers} containers{how}",
        f"p50 {ms(percentile(page_share, 50))}, p95 {ms(percentile(page_share, 95))}, "
        f"max {ms(max(page_share))} (n={len(page_share)})",
        "",
    )
    report.row(
        f"... Docker's own `start` events, read beside it (the floor of any watcher that "
        f"follows events), {containers} containers{how}",
        f"p50 {ms(percentile(evented, 50))}, p95 {ms(percentile(evented, 95))}; the last "
        f"one {ms(events_last)} after Docker's last (n={len(evented)})",
        "",
    )
    report.row(
        f"... Docker's list call in that loop (each row above is timed from the call's "
        f"start; Docker answered somewhere within it), {containers} containers{how}",
        f"p50 {ms(percentile(calls, 50))}, p95 {ms(percentile(calls, 95))} (n={len(calls)})",
        "",
    )
