"""`make bench`: one table of measured figures beside the baselines a user could pick
instead. It reports; it never fails the suite. Everything runs against a second dockerd
owned by the bench (the main daemon and its containers are left alone) and a dashboard
started as `make run` starts it.

Targets (from the issues): a sync costs a constant number of API calls and beats the CLI at
every size; event-to-WebSocket p95 under 100 ms and within 50 ms of the `docker events`
floor; 200-client fan-out under 250 ms; first render of 1,000 containers under 2 s; one
patch under 50 ms; resident memory under 150 MB at 300 containers.
"""

import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docker
import requests
import websockets

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dashboard.settings")

from dashboard.engine.client import EngineClient  # noqa: E402
from dashboard.live.hub import Hub  # noqa: E402
from scripts.bench_swarm import swarm_rows  # noqa: E402
from scripts.harness import (
    docker_env,  # noqa: E402
    redis_server,  # noqa: E402
)
from scripts.harness.docker_env import LABELS  # noqa: E402
from scripts.harness.engine2 import SecondEngine  # noqa: E402
from scripts.harness.readability import READABILITY_JS, stack_snapshot  # noqa: E402
from scripts.harness.server import USERS, DashboardServer  # noqa: E402
from scripts.harness.socket_proxy import SocketProxy  # noqa: E402
from scripts.harness.synthetic import patch_adding, patch_starting, synthetic_snapshot  # noqa: E402

ROWS: list[tuple[str, str, str]] = []


def row(what: str, value: str, target: str = "") -> None:
    ROWS.append((what, value, target))
    print(f"  {what}: {value}", file=sys.stderr, flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def timed(fn, repeat=5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """The process's user and system CPU time so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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


class Bench:
    def __init__(self):
        self.api0 = docker.APIClient(version="auto")
        self.subnets = docker_env.Subnets(self.api0)
        bridge = self.subnets.next()
        self.engine = SecondEngine(bridge.replace(".0/24", ".1/24"), self.subnets.next())
        self.engine.start()
        self.api = self.engine.api(timeout=60)
        self.image = docker_env.import_image(self.api)
        self.proxy = SocketProxy(str(self.engine.socket), self.engine.dir / "count.sock")
        self.proxy.start()
        self.var = Path(tempfile.mkdtemp(prefix="dash-bench-"))
        self.server = DashboardServer(
            self.var, f"bench={self.engine.url}", DASHBOARD_PING_SECONDS="5"
        )
        self.server.start()
        self.http = self.login()
        self.networks: list[dict] = []
        self.containers: list[str] = []

    def login(self) -> requests.Session:
        return self.server.login("viewer")

    def close(self):
        try:
            self.remove_containers()  # in parallel: the engine's own teardown goes one by one
        finally:  # a removal timed out on a loaded machine: the rest must still go
            self.server.stop()
            self.proxy.stop()
            self.engine.destroy()
            shutil.rmtree(self.var, ignore_errors=True)

    # Objects
    def make_networks(self, count):
        for _ in range(count):
            subnet = self.subnets.next()
            nid = self.api.create_network(
                f"bench-net-{len(self.networks)}",
                ipam=docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet=subnet)]),
                labels=LABELS,
            )["Id"]
            self.networks.append(self.api.inspect_network(nid))

    def make_containers(self, count, on_networks):
        def one(i):
            api = self.engine.api(timeout=60)
            net = self.networks[i % on_networks]["Name"]
            cid = api.create_container(
                self.image,
                "sleep 86400",
                labels=LABELS,
                stop_signal="SIGKILL",
                host_config=api.create_host_config(network_mode=net),
            )["Id"]
            api.start(cid)
            return cid

        start = len(self.containers)
        with ThreadPoolExecutor(8) as pool:
            self.containers += list(pool.map(one, range(start, start + count)))

    def make_created(self, count, on_networks):
        """Containers created and never started: what an engine holds by the thousand on a
        machine that could not run them all (each running one costs a shim process)."""

        def one(i):
            api = self.engine.api(timeout=60)
            return api.create_container(
                self.image,
                "sleep 86400",
                labels=LABELS,
                stop_signal="SIGKILL",
                host_config=api.create_host_config(
                    network_mode=self.networks[i % on_networks]["Name"]
                ),
            )["Id"]

        start = len(self.containers)
        with ThreadPoolExecutor(8) as pool:
            self.containers += list(pool.map(one, range(start, start + count)))

    def memory_row(self, running, created):
        row(
            f"server memory, {running + created:,} containers ({running:,} running, "
            f"{created:,} created: this machine cannot run 5,000)",
            f"{rss_mb(self.server.proc.pid):.0f} MB RSS",
            "< 150 MB at 5,000",
        )

    def remove_containers(self):
        with ThreadPoolExecutor(8) as pool:
            list(
                pool.map(
                    lambda c: self.engine.api().remove_container(c, force=True), self.containers
                )
            )
        self.containers = []

    def wait_dashboard(self, containers):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            t = self.http.get(self.server.url + "/api/topology").json()
            if sum(1 for c in t["containers"] if c["engine"] == "bench") == containers:
                return
            time.sleep(0.2)

    # 1. Full topology reads
    def reads(self, containers, networks):
        client = EngineClient("bench", self.engine.url)

        def sync():
            client.info()
            nets = client.networks()
            client.containers({n.name: n.id for n in nets})

        env = {**os.environ, "DOCKER_HOST": self.engine.url}

        def cli():
            ids = subprocess.run(
                ["docker", "network", "ls", "-q"], env=env, capture_output=True, text=True
            ).stdout.split()
            subprocess.run(
                ["docker", "network", "inspect", *ids], env=env, capture_output=True, check=True
            )

        high = docker.DockerClient(base_url=self.engine.url, version="auto")

        def naive():
            for n in high.networks.list():
                n.reload()

        size = f"{containers} containers, {networks} networks"
        results = {}
        for name, fn in (
            ("dashboard sync", sync),
            ("docker network inspect $(ls -q)", cli),
            ("SDK loop", naive),
        ):
            seconds = timed(fn, repeat=3 if name.startswith("docker") else 5)
            results[name] = (seconds, self.count_calls(name))
        for name, (seconds, calls) in results.items():
            row(
                f"read, {size}: {name}",
                f"{ms(seconds)}, {calls} API calls",
                "constant calls; beat the CLI" if name == "dashboard sync" else "",
            )
        row(
            f"server memory, {size}",
            f"{rss_mb(self.server.proc.pid):.0f} MB RSS",
            "< 150 MB at 300",
        )

    # 1b. A resync that finds nothing changed: its cost, and that it sends nothing
    def resync(self, containers, networks):
        hub = Hub({"bench": self.engine.url}, resync_seconds=3600)
        hub.start_in_thread()
        try:
            assert hub.synced(30)
            mine = set(self.containers)
            # The first sync's inspects (aliases, start times) settle in the background.
            hub.wait_for(lambda t: all(t.containers[c].started_at for c in mine), 60)
            time.sleep(1.5)  # and Docker's status text moves on by a second or more
            watcher = hub.watchers["bench"]
            before = hub.current.version
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                asyncio.run_coroutine_threadsafe(watcher.sync(), hub.loop).result(60)
                times.append(time.perf_counter() - t0)
            changed = hub.current.version - before
        finally:
            hub.stop_thread()
        row(
            f"resync with nothing changed, {containers} containers, {networks} networks",
            f"{ms(statistics.median(times))}, {changed} patches sent",
            "0 patches",
        )

    def count_calls(self, name) -> int:
        before = len(self.proxy.forwarded)
        if name == "dashboard sync":
            c = EngineClient("bench", self.proxy.url)
            c.api  # noqa: B018 - the version probe, made once per client, is not part of a sync
            before = len(self.proxy.forwarded)
            c.info()
            c.containers({n.name: n.id for n in c.networks()})
        elif name.startswith("docker"):
            env = {**os.environ, "DOCKER_HOST": self.proxy.url}
            ids = subprocess.run(
                ["docker", "network", "ls", "-q"], env=env, capture_output=True, text=True
            ).stdout.split()
            subprocess.run(["docker", "network", "inspect", *ids], env=env, capture_output=True)
        else:
            high = docker.DockerClient(base_url=self.proxy.url, version="1.41")
            for n in high.networks.list():
                n.reload()
        return len(self.proxy.forwarded) - before

    # 2. Event to WebSocket latency, beside `docker events` and a 2 s poll
    def created(self, count) -> list[str]:
        """Containers made (not started) before a clock runs, over the networks in turn."""
        return [
            self.api.create_container(
                self.image,
                "sleep 86400",
                labels=LABELS,
                stop_signal="SIGKILL",
                host_config=self.api.create_host_config(
                    network_mode=self.networks[i % len(self.networks)]["Name"]
                ),
            )["Id"]
            for i in range(count)
        ]

    async def latency(self, rounds=30):
        stopped = self.created(rounds)
        target = self.networks[-1]
        # Chosen before the clock runs: a blocking call on this loop would hold back the
        # socket reader below and count against the dashboard.
        to_connect = [
            cid
            for cid in self.containers[:rounds]
            if target["Name"] not in self.api.inspect_container(cid)["NetworkSettings"]["Networks"]
        ]
        floor, ws_seen, poll_seen, event_time, api_floor = {}, {}, {}, {}, {}
        stop = threading.Event()

        def events():
            client = docker.APIClient(base_url=self.engine.url, version="auto")
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
            client = docker.APIClient(base_url=self.engine.url, version="auto")
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
            client = docker.APIClient(base_url=self.engine.url, version="auto")
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
        async with self.server.websocket(self.http) as ws:
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
                await asyncio.to_thread(self.api.start, cid)
                await asyncio.sleep(0.1)
            for cid in to_connect:
                await asyncio.to_thread(self.api.connect_container_to_network, cid, target["Id"])
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
                    row(
                        f"event to client, container {kind}: {name}",
                        f"p50 {ms(percentile(lat, 50))}, p95 {ms(percentile(lat, 95))}, "
                        f"max {ms(max(lat))} (n={len(lat)})",
                        "p95 < 100 ms, within 50 ms of the floor"
                        if name.startswith("dashboard")
                        else "",
                    )
        for cid in stopped:
            self.api.remove_container(cid, force=True)

    # 2b. What a user sees: `docker start` to the running container on an open map
    def _live_map(self, browser, made: list[str]):
        """A viewer's map, live, once its copy holds every container in `made`."""
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(self.server.url + "/login/")
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

    def browser_live(self, containers, rounds=20):
        """A container started with `docker start` (made before the clock runs): when the
        map open in Chromium shows it running, and when Docker's own list (filtered by its
        id, polled tightly) first does, both from the start call."""
        from playwright.sync_api import sync_playwright

        from scripts.harness.browser import CHROMIUM, CHROMIUM_ARGS

        made = self.created(rounds)
        # Notes the wall-clock time the patch that shows it running is applied to the model,
        # and when the frame after the map's flush of it has run: Cytoscape's own callback
        # for that frame is queued before ours, so by then it has drawn the change.
        watch = """cid => {
          window.__applied = 0;
          window.__seen = 0;
          const { model, renderer } = window.dashboardMap;
          const apply = model.applyPatch.bind(model);
          model.applyPatch = (msg) => {
            const changed = apply(msg);
            const c = model.containers.get(cid);
            if (!window.__applied && c && c.state === "running") window.__applied = Date.now();
            return changed;
          };
          const draw = renderer.patch.bind(renderer);
          let drawing = false;
          renderer.patch = (changed) => {
            draw(changed);
            if (window.__applied && !drawing && changed.containers.includes(cid)) {
              drawing = true;
              requestAnimationFrame(() => { window.__seen = Date.now(); });
            }
          };
        }"""
        docker_seen, map_seen, applied = [], [], []
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = self._live_map(b, made)
            for cid in made:
                time.sleep(1.3)  # apart, as a user's commands are
                page.evaluate(watch, cid)
                poller = docker.APIClient(base_url=self.engine.url, version="auto")
                t0 = time.time()
                threading.Thread(target=self.api.start, args=(cid,)).start()
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
            self.api.remove_container(cid, force=True)
        lag = [m - d for m, d in zip(applied, docker_seen, strict=True)]
        drawn = [m - a for m, a in zip(map_seen, applied, strict=True)]
        row(
            f"`docker start` to running in the open map's copy, {containers} containers "
            "(real engine)",
            f"p50 {ms(percentile(applied, 50))}, Docker's list p50 "
            f"{ms(percentile(docker_seen, 50))}: behind Docker p50 {ms(percentile(lag, 50))}, "
            f"p95 {ms(percentile(lag, 95))}",
            "within 25 ms of Docker (p95)",
        )
        row(
            f"... then drawn (applied to the end of the frame that draws it: the wait for the "
            f"next frame, 0-16.7 ms, and that frame's work), {containers} containers",
            f"p50 {ms(percentile(drawn, 50))}, p95 {ms(percentile(drawn, 95))}",
            "p50 < 16 ms",
        )
        shown = [m - d for m, d in zip(map_seen, docker_seen, strict=True)]
        row(
            f"... drawn on the open map, behind Docker's list, {containers} containers",
            f"p50 {ms(percentile(shown, 50))}, p95 {ms(percentile(shown, 95))}",
            "within 25 ms of Docker (p95)",
        )

    def browser_burst(self, containers, burst=100, paced=True):
        """100 containers started at once with `docker start` (made before the clock runs):
        for each, when the open map's copy first has it running and when Docker's own list
        (one call for all of them, polled tightly) first does; the last of them too."""
        from playwright.sync_api import sync_playwright

        from scripts.harness.browser import CHROMIUM, CHROMIUM_ARGS

        made = self.created(burst)
        watch = """ids => {
          window.__runningAt = {};
          window.__drawnAt = {};
          const wanted = new Set(ids);
          const { model, renderer } = window.dashboardMap;
          const apply = model.applyPatch.bind(model);
          model.applyPatch = (msg) => {
            const changed = apply(msg);
            const now = Date.now();
            for (const c of msg.upsert.containers) {
              if (wanted.has(c.id) && c.state === "running" && !window.__runningAt[c.id]) {
                window.__runningAt[c.id] = now;
              }
            }
            return changed;
          };
          // Drawn: the frame after the map's flush that holds it running.
          const draw = renderer.patch.bind(renderer);
          renderer.patch = (changed) => {
            draw(changed);
            const fresh = changed.containers.filter((id) => wanted.has(id)
              && !(id in window.__drawnAt) && model.containers.get(id)?.state === "running");
            for (const id of fresh) window.__drawnAt[id] = 0;
            if (fresh.length) requestAnimationFrame(() => {
              const now = Date.now();
              for (const id of fresh) window.__drawnAt[id] = now;
            });
          };
        }"""
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
        events = docker.APIClient(base_url=self.engine.url, version="auto").events(
            decode=True, filters={"type": "container", "event": "start"}
        )

        def event_reader():
            for ev in events:  # ends when the stream is closed, after the burst
                event_at.setdefault(ev.get("id", ""), time.time())

        threading.Thread(target=event_reader, daemon=True).start()
        with sync_playwright() as p, self.server.websocket(self.http, sync=True) as ws:
            ws.recv()  # the snapshot
            threading.Thread(target=socket_reader, args=(ws,), daemon=True).start()
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = self._live_map(b, made)
            page.evaluate(watch, made)
            if not paced:
                page.evaluate("() => { window.dashboardMap.pacer.maxWait = 0; }")
            poller = docker.APIClient(base_url=self.engine.url, version="auto")
            pool = ThreadPoolExecutor(16)
            t0 = time.time()
            for cid in made:
                pool.submit(self.api.start, cid)
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
            self.api.remove_container(cid, force=True)
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
        row(
            f"burst of {burst} `docker start`s, {containers} containers{how}: the map's copy "
            "behind Docker's list (real engine)",
            f"p50 {ms(percentile(lag, 50))}, p95 {ms(percentile(lag, 95))}; the last one "
            f"{ms(last)} after Docker's last (all running in Docker after "
            f"{ms(max(docker_at.values()) - t0)})",
            "the last within 25 ms of Docker's last",
        )
        row(
            f"... the same burst drawn on the map (the frame after its flush), {containers} "
            f"containers{how}",
            f"p50 {ms(percentile(drawn, 50))}, p95 {ms(percentile(drawn, 95))}; the last one "
            f"{ms(drawn_last)} after Docker's last",
            "",
        )
        row(
            f"... the same burst on a plain socket client (the server's side), {containers} "
            f"containers{how}",
            f"p50 {ms(percentile(server, 50))}, p95 {ms(percentile(server, 95))}; the last one "
            f"{ms(server_last)} after Docker's last (n={len(server)})",
            "",
        )
        row(
            f"... the map's copy behind that socket client (the browser's own share), "
            f"{containers} containers{how}",
            f"p50 {ms(percentile(page_share, 50))}, p95 {ms(percentile(page_share, 95))}, "
            f"max {ms(max(page_share))} (n={len(page_share)})",
            "",
        )
        row(
            f"... Docker's own `start` events, read beside it (the floor of any watcher that "
            f"follows events), {containers} containers{how}",
            f"p50 {ms(percentile(evented, 50))}, p95 {ms(percentile(evented, 95))}; the last "
            f"one {ms(events_last)} after Docker's last (n={len(evented)})",
            "",
        )
        row(
            f"... Docker's list call in that loop (each row above is timed from the call's "
            f"start; Docker answered somewhere within it), {containers} containers{how}",
            f"p50 {ms(percentile(calls, 50))}, p95 {ms(percentile(calls, 95))} (n={len(calls)})",
            "",
        )

    # 3. Fan-out
    async def fanout(self, clients, servers=None, how="WebSocket clients", target=None):
        """Clients spread over `servers` [(server, logged-in session)]: by default the one
        dashboard process."""
        servers = servers or [(self.server, self.http)]
        sockets = []
        for i in range(clients):
            server, session = servers[i % len(servers)]
            ws = await server.websocket(session).__aenter__()
            await ws.recv()
            sockets.append(ws)
        results = []
        for _ in range(5):
            cid = self.api.create_container(
                self.image,
                "sleep 86400",
                labels=LABELS,
                stop_signal="SIGKILL",
                host_config=self.api.create_host_config(network_mode=self.networks[0]["Name"]),
            )["Id"]
            await asyncio.sleep(0.3)
            await asyncio.gather(*(self.drain(ws) for ws in sockets))
            t0 = time.time()
            await asyncio.to_thread(self.api.start, cid)

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
                self.api.events(
                    since=int(t0) - 1,
                    until=int(time.time()) + 1,
                    filters={"container": cid, "event": "start"},
                    decode=True,
                )
            )
            results.append(max(done) - int(started["timeNano"]) / 1e9)
            self.api.remove_container(cid, force=True)
        for ws in sockets:
            await ws.close()
        row(
            f"fan-out to {clients} {how} (start event to last client)",
            f"median {ms(statistics.median(results))}, max {ms(max(results))}",
            target or "< 250 ms at 200",
        )

    # 3a. One socket flooding the server with requests for snapshots
    async def flood(self, containers, rounds=5):
        """A start on one viewer's map, timed quiet and then while another viewer's socket
        asks for a snapshot as fast as it can (flood_socket); and the server's CPU time."""
        import multiprocessing

        async with self.server.websocket(self.http) as ws:
            await ws.recv()
            quiet = [await self.start_seen(ws) for _ in range(rounds)]
            other = self.login()
            cookie = "; ".join(f"{k}={v}" for k, v in other.cookies.items())
            spawn = multiprocessing.get_context("spawn")
            stop, out = spawn.Event(), spawn.Queue()
            flooder = spawn.Process(target=flood_socket, args=(self.server.url, cookie, stop, out))
            flooder.start()
            await asyncio.sleep(2)  # the flood under way (the process starts in ~1 s)
            cpu0, t0 = cpu_seconds(self.server.proc.pid), time.monotonic()
            flooded = [await self.start_seen(ws) for _ in range(rounds)]
            cpu = cpu_seconds(self.server.proc.pid) - cpu0
            elapsed = time.monotonic() - t0
            stop.set()
            counts = await asyncio.to_thread(out.get, timeout=60)
            await asyncio.to_thread(flooder.join, 10)
        codes = ", ".join(str(c) for c in sorted(counts["codes"], key=str)) or "none"
        row(
            f"a start on one map while another socket asks for {FLOOD_RATE} resyncs a second, "
            f"{containers} containers",
            f"quiet median {ms(statistics.median(quiet))}, max {ms(max(quiet))}; flooded "
            f"median {ms(statistics.median(flooded))}, max {ms(max(flooded))}; the flooder "
            f"sent {counts['sent']:,}, got {counts['answers']:,} snapshots, was closed "
            f"{counts['closes']:,} times (codes: {codes}); server CPU {cpu:.1f} s in "
            f"{elapsed:.1f} s; {rss_mb(self.server.proc.pid):.0f} MB RSS",
            "flooded as quiet",
        )

    async def start_seen(self, ws) -> float:
        """From a container's start event to the viewer's socket showing it running."""
        cid = self.api.create_container(
            self.image,
            "sleep 86400",
            labels=LABELS,
            stop_signal="SIGKILL",
            host_config=self.api.create_host_config(network_mode=self.networks[0]["Name"]),
        )["Id"]
        await asyncio.sleep(0.3)
        await self.drain(ws)
        t0 = time.time()
        await asyncio.to_thread(self.api.start, cid)
        while True:
            msg = json.loads(await asyncio.wait_for(ws.recv(), 60))
            shown = msg.get("upsert", msg.get("topology", {})).get("containers", [])
            if any(c["id"] == cid and c["state"] == "running" for c in shown):
                seen = time.time()
                break
        started = next(
            self.api.events(
                since=int(t0) - 1,
                until=int(time.time()) + 1,
                filters={"container": cid, "event": "start"},
                decode=True,
            )
        )
        await asyncio.to_thread(self.api.remove_container, cid, force=True)
        return seen - int(started["timeNano"]) / 1e9

    def redis_cluster(self, processes: int) -> tuple:
        """`processes` daphne processes on one redis-server, as `make run` starts them with
        DASHBOARD_REDIS_URL: one of them takes the lease and watches the bench engine."""
        redis = redis_server.RedisServer(self.var)
        redis.start()
        servers = []
        for i in range(processes):
            var = Path(tempfile.mkdtemp(prefix=f"dash-bench-web{i}-"))
            servers.append(
                DashboardServer(var, f"bench={self.engine.url}", DASHBOARD_REDIS_URL=redis.url)
            )
            servers[-1].start()
        pairs = [(s, s.login("viewer")) for s in servers]
        for s, session in pairs:
            deadline = time.monotonic() + 30
            while session.get(s.url + "/healthz").json()["status"] != "ok":
                assert time.monotonic() < deadline, "the processes did not catch up"
                time.sleep(0.2)
        return redis, pairs

    def close_cluster(self, redis, pairs) -> None:
        for s, _ in pairs:
            s.stop()
            shutil.rmtree(s.var_dir, ignore_errors=True)
        redis.stop()

    def redis_fanout(self, clients, processes):
        """The same through Redis: every process follows the one holding the lease."""
        if redis_server.available():
            row(f"fan-out to {clients} clients through Redis", "skipped: no redis-server", "")
            return
        redis, pairs = self.redis_cluster(processes)
        try:
            how = f"clients over {processes} daphne processes via Redis"
            asyncio.run(self.fanout(clients, pairs, how, target="< 250 ms at 1,000"))
        finally:
            self.close_cluster(redis, pairs)

    def takeover(self, processes=3, rounds=3):
        """SIGKILL the process holding the lease; how long until another holds it, until a
        change made at that moment shows on a map, and the slowest request meanwhile."""
        if redis_server.available():
            row("leader takeover", "skipped: no redis-server", "")
            return
        redis, pairs = self.redis_cluster(processes)
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
                    cid = self.api.create_container(
                        self.image,
                        "sleep 86400",
                        labels=LABELS,
                        stop_signal="SIGKILL",
                        host_config=self.api.create_host_config(
                            network_mode=self.networks[0]["Name"]
                        ),
                    )["Id"]
                    self.api.start(cid)
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
                self.api.remove_container(cid, force=True)
                leader.serve()  # back as a follower for the next round
                time.sleep(1)
        finally:
            self.close_cluster(redis, pairs)
        each = f"{processes} processes, lease 3 s, n={rounds}"
        row(
            f"leader takeover after SIGKILL ({each})",
            f"median {statistics.median(took):.2f} s, max {max(took):.2f} s",
            "< 5 s",
        )
        row(
            "a change made as the leader dies shows on a follower's map",
            f"median {statistics.median(shown):.2f} s, max {max(shown):.2f} s",
            "",
        )
        row(
            "slowest /api/topology on the survivors during a takeover",
            ms(max(slowest)),
            "< 1 s",
        )

    def databases(self, users=50):
        """PostgreSQL against SQLite on the login and audit paths, 50 users at once: each a
        failed login (audited), a login, and three reads of the audit log."""
        from scripts.harness import postgres_server

        stores = [("SQLite", {})]
        pg = None
        if postgres_server.available():
            row("PostgreSQL vs SQLite", "skipped: no PostgreSQL server", "")
        else:
            pg = postgres_server.PostgresServer()
            pg.start()
            stores.append(("PostgreSQL", {"DASHBOARD_DATABASE_URL": pg.url}))
        try:
            for label, env in stores:
                self.database_row(label, env, users)
        finally:
            if pg is not None:
                pg.stop()

    def database_row(self, label, env, users):
        var = Path(tempfile.mkdtemp(prefix="dash-bench-db-"))
        server = DashboardServer(
            var, f"bench={self.engine.url}", DASHBOARD_LOGIN_FAILURES_PER_ADDRESS="100000", **env
        )
        server.start()
        password = "bench-password-1"  # noqa: S105 - users of a throwaway database
        server.manage(
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model\n"
            "from dashboard.accounts.roles import OPERATOR, ensure_groups, give_role\n"
            "ensure_groups()\n"
            f"for i in range({users}):\n"
            f"    u = get_user_model().objects.create_user(f'bench{{i}}', '', '{password}')\n"
            "    give_role(u, OPERATOR)\n",
        )
        times: dict[str, list[float]] = {"failed login": [], "login": [], "audit log page": []}
        errors = {kind: 0 for kind in times}

        def timed_call(kind, call):
            t0 = time.monotonic()
            answer = call()
            times[kind].append(time.monotonic() - t0)
            if answer.status_code >= 500:
                errors[kind] += 1
            return answer

        def user(i):
            name = f"bench{i}"
            timed_call("failed login", lambda: server.try_login(name, "wrong-password")[1])
            session, _ = server.try_login(name, password)  # warm: the timed one follows
            timed_call("login", lambda: server.try_login(name, password)[1])
            for _ in range(3):
                timed_call("audit log page", lambda: session.get(server.url + "/audit/"))

        try:
            with ThreadPoolExecutor(users) as pool:
                list(pool.map(user, range(users)))
        finally:
            server.stop()
            shutil.rmtree(var, ignore_errors=True)
        for kind, values in times.items():
            row(
                f"{label}, {users} users at once: {kind}",
                f"p50 {ms(percentile(values, 50))}, p95 {ms(percentile(values, 95))}, "
                f"max {ms(max(values))}, {errors[kind]} errors",
                "no errors",
            )

    async def drain(self, ws):
        while True:
            try:
                await asyncio.wait_for(ws.recv(), 0.05)
            except TimeoutError:
                return


PAN = """async () => {
  const cy = window.dashboardMap.cy;
  const gaps = [];
  let last = performance.now();
  for (let i = 0; i < 90; i += 1) {
    cy.panBy({ x: 12, y: 7 });
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }
  return gaps;
}"""


# From the patch's message (the socket's handler) to the end of the frame after the map's
# flush of it; and Cytoscape's work in that frame, from its frame callback (the drawn style
# worked out, boxes sized) to the end of its drawing.
DRAWN = """() => {
  window.__drawn = 0;
  window.__frame = null;
  window.__frameAt = null;
  window.__t0 = null;
  if (window.__drawnHooked) return;
  window.__drawnHooked = true;
  const { model, renderer, cy } = window.dashboardMap;
  const apply = model.applyPatch.bind(model);
  model.applyPatch = (msg) => {
    window.__t0 ??= performance.now();
    return apply(msg);
  };
  const draw = renderer.patch.bind(renderer);
  renderer.patch = (changed) => {
    draw(changed);
    requestAnimationFrame(() => { window.__drawn = performance.now() - window.__t0; });
  };
  const r = cy.renderer();
  r.beforeRender((willDraw) => {
    if (!willDraw || window.__t0 === null || window.__frameAt !== null) return;
    window.__frameAt = performance.now();
  }, Infinity);
  const render = r.render.bind(r);
  r.render = (options) => {
    const out = render(options);
    if (window.__frameAt === null || window.__frame !== null) return out;
    window.__frame = performance.now() - window.__frameAt;
    return out;
  };
}"""

# Starts on the settled map, each a different container, timed one by one.
SETTLED_STARTS = 6


def browser(server_url):
    """First paint, a patch, frame times while panning and the heap, in Debian's chromium,
    at 1,000 containers / 100 networks and at 5,000 / 500 (synthetic data routed into the
    page's socket: no engine here holds 5,000)."""
    for containers, networks in ((1000, 100), (5000, 500)):
        browser_size(server_url, containers, networks)


def browser_size(server_url, containers, networks):
    from playwright.sync_api import sync_playwright

    from scripts.harness.browser import CHROMIUM, CHROMIUM_ARGS, routed_map

    snapshot = synthetic_snapshot(containers, networks)
    patch = patch_adding(snapshot, 3, "f" * 64, "new-one", base=1)
    starts = [patch_starting(snapshot, base=2 + k, nth=k) for k in range(SETTLED_STARTS)]
    moved = patch_adding(snapshot, 4, "e" * 64, "new-two", base=2 + SETTLED_STARTS)
    kinds = ("code", "drawn first", "painted", "patch", "drawn", "frames", "frames after patch")
    kinds += ("settled first", "settled work", "settled drawn")
    kinds += ("heap", "unfold")
    runs = {k: [] for k in kinds}
    runs["unfolded heap"] = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for k_page in range(3):
            page = b.new_page(viewport={"width": 1400, "height": 900})
            page.set_default_timeout(120_000)  # logging in on a busy machine; nothing timed
            routes = routed_map(page, server_url)
            text = json.dumps(snapshot)
            t0 = time.perf_counter()
            routes[0].send(text)
            page.wait_for_function("() => window.dashboardMap.stats.snapshots === 1", timeout=60000)
            page.evaluate(
                "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
            )
            runs["painted"].append(time.perf_counter() - t0)
            runs["code"].append(page.evaluate("window.dashboardMap.stats.renderMs") / 1000)
            page.wait_for_function("() => window.dashboardMap.stats.paintMs !== null")
            runs["drawn first"].append(page.evaluate("window.dashboardMap.stats.paintMs") / 1000)
            page.evaluate(DRAWN)
            routes[0].send(json.dumps(patch))
            page.wait_for_function("() => window.dashboardMap.stats.patches === 1")
            runs["patch"].append(page.evaluate("window.dashboardMap.stats.lastPatchMs") / 1000)
            page.wait_for_function("() => window.__drawn")
            runs["drawn"].append(page.evaluate("window.__drawn") / 1000)
            page.wait_for_function("() => window.dashboardMap.stats.warm", timeout=30000)
            time.sleep(1)
            gaps = page.evaluate(PAN)[2:]  # the first frames wait for the pan to start
            runs["frames"].append(percentile(gaps, 95) / 1000)
            # Starts on the map as it stands once settled (its bitmap finished). The first
            # runs the repaint's code for the first time (not yet compiled), apart.
            time.sleep(0.5)
            phases = random.Random(k_page)
            for k, started in enumerate(starts):
                page.evaluate(DRAWN)
                routes[0].send(json.dumps(started))
                page.wait_for_function("() => window.__drawn && window.__frame !== null")
                took, frame = page.evaluate("[window.__drawn, window.__frame]")
                code = page.evaluate("window.dashboardMap.stats.lastPatchMs")
                if k == 0:
                    runs["settled first"].append(took / 1000)
                else:
                    runs["settled work"].append((code + frame) / 1000)
                    runs["settled drawn"].append(took / 1000)
                # Not a whole number of frames: each start lands at another point of one.
                time.sleep(0.3 + phases.random() / 60)
            # A pan right after a patch, measured apart: a change the still map's bitmap
            # cannot take in place has Cytoscape draw each element again for 250 ms.
            routes[0].send(json.dumps(moved))
            page.wait_for_function(
                f"() => window.dashboardMap.stats.patches === {2 + SETTLED_STARTS}"
            )
            gaps = page.evaluate(PAN)[2:]
            runs["frames after patch"].append(percentile(gaps, 95) / 1000)
            cdp = page.context.new_cdp_session(page)
            cdp.send("HeapProfiler.collectGarbage")
            runs["heap"].append(cdp.send("Runtime.getHeapUsage")["usedSize"] / 1e6)
            page.click("#menu-fold > summary")  # the toolbar's Fold menu holds it
            t1 = time.perf_counter()
            page.click("#unfold-all")
            page.evaluate(
                "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
            )
            runs["unfold"].append(time.perf_counter() - t1)
            cdp.send("HeapProfiler.collectGarbage")
            runs["unfolded heap"].append(cdp.send("Runtime.getHeapUsage")["usedSize"] / 1e6)
            page.close()
        b.close()
    med = {k: statistics.median(v) for k, v in runs.items()}
    size = f"{containers:,} containers / {networks} networks"
    folded = containers > 2000
    paint_target = "< 1 s" if containers <= 1000 else "< 3 s"
    row(
        f"browser first paint, {size}{' (opens folded)' if folded else ''} (synthetic):"
        " from the snapshot's arrival to the end of the frame that draws it",
        f"{ms(med['drawn first'])}, map code {ms(med['code'])}",
        paint_target,
    )
    row(
        f"... from the bench's send (through Playwright's route) to two frames later, {size}",
        ms(med["painted"]),
        "",
    )
    row(f"browser one-container patch, {size}", ms(med["patch"]), "< 16 ms")
    row(
        f"... from its message to the end of the frame that draws it (sent right after first "
        f"paint, before Cytoscape has made the still map's bitmap: every element is drawn "
        f"one by one), {size}",
        ms(med["drawn"]),
        "",
    )
    work, drawn = runs["settled work"], runs["settled drawn"]
    row(
        f"... a start on the map settled for a second, the work of it: the map's code, and "
        f"Cytoscape's in the frame that shows it (drawn style, boxes sized, the still map's "
        f"bitmap repainted where it changed; {len(work)} starts, {SETTLED_STARTS - 1} a "
        f"page), {size}",
        f"p50 {ms(statistics.median(work))}, max {ms(max(work))}",
        "max < 16 ms",
    )
    row(
        f"... the same starts from their message to the end of the frame that draws them "
        f"(with the wait for the next frame, 0-16.7 ms), {size}",
        f"p50 {ms(statistics.median(drawn))}, p95 {ms(percentile(drawn, 95))}",
        "p50 < 16 ms",
    )
    row(
        f"... the first start of a page's life, message to drawn (the repaint's code not yet "
        f"compiled), {size}",
        ms(med["settled first"]),
        "",
    )
    row(
        f"browser frame while panning, {size} (p95 of 88 frames, the map quiet for 1 s)",
        ms(med["frames"]),
        "< 33 ms",
    )
    row(
        f"... the pan started as a patch is drawn, {size}",
        ms(med["frames after patch"]),
        "",
    )
    row(f"browser heap after first paint, {size}", f"{med['heap']:.0f} MB", "")
    if folded:
        row(f"browser Unfold all, {size}", ms(med["unfold"]), "")
        heap = f"{med['unfolded heap']:.0f} MB"
        row(f"browser heap with every network unfolded, {size}", heap, "")


# Today's figures (before issue 29's layout), measured with the same rows on the same maps:
# (window, map) -> smallest name px, overlapping labels, coverage %, crossings, longest %.
READABILITY_BEFORE = {
    ("1280x720", "14-container stack"): "3.1 px (22 of 22 unnamed), 24 %, 20 crossings, 27 %",
    ("1400x900", "14-container stack"): "4.4 px (22 of 22 unnamed), 34 %, 20 crossings, 35 %",
    ("1920x1080", "14-container stack"): "6.4 px (14 of 22 unnamed), 37 %, 20 crossings, 36 %",
    ("1280x720", "1,000 containers"): "0.8 px (1100 of 1100 unnamed), 26 %, 22429 crossings, 38 %",
    ("1400x900", "1,000 containers"): "1.2 px (1100 of 1100 unnamed), 36 %, 22429 crossings, 49 %",
    ("1920x1080", "1,000 containers"): "1.7 px (1100 of 1100 unnamed), 39 %, 22429 crossings, 51 %",
}
WINDOWS = ((1280, 720), (1400, 900), (1920, 1080))


def readability(server_url):
    """At first sight: the smallest container's or network's name on screen, labels that
    overlap, the share of the canvas the drawing covers, edge crossings and the longest
    edge (as % of the canvas diagonal), for the 14-container stack and 1,000 containers
    (synthetic, routed into the page's socket) at three window sizes."""
    from playwright.sync_api import sync_playwright

    from scripts.harness.browser import CHROMIUM, CHROMIUM_ARGS

    maps = (("14-container stack", stack_snapshot()), ("1,000 containers", synthetic_snapshot()))
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for what, snapshot in maps:
            for w, h in WINDOWS:
                m = first_sight(b, server_url, snapshot, w, h)
                key = (f"{w}x{h}", what)
                value = (
                    f"{m['smallest']:.1f} px ({m['unnamed']} of {m['names']} unnamed), "
                    f"{m['overlaps']} overlaps, {100 * m['coverage']:.0f} % covered, "
                    f"{m['crossings']} crossings, longest {100 * m['longest']:.0f} %"
                )
                before = READABILITY_BEFORE.get(key, "")
                row(
                    f"first sight, {what}, {w}x{h}: smallest name, labels overlapping, "
                    f"canvas covered, crossings, longest edge (% of diagonal)",
                    value,
                    f">= 10 px, 0, >= 50 %{f'; before: {before}' if before else ''}",
                )
        b.close()


def first_sight(b, server_url, snapshot, w, h, tries=3):
    """The readability figures of `snapshot` at its first fit on a w x h window. A page
    whose routed socket never delivers (seen on a loaded machine) is tried again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from scripts.harness.browser import routed_map

    for k in range(tries):
        page = b.new_page(viewport={"width": w, "height": h})
        page.set_default_timeout(90_000)  # a busy machine: this row is not timed
        try:
            routes = routed_map(page, server_url)
            routes[0].send(json.dumps(snapshot))
            page.wait_for_function("() => window.dashboardMap.stats.snapshots === 1")
            page.evaluate("() => new Promise(r => requestAnimationFrame(r))")
            return page.evaluate(READABILITY_JS, None)
        except PlaywrightTimeout:
            if k == tries - 1:
                raise
        finally:
            page.close()


def readability_only():
    """`make bench BENCH=--readability`: the first-sight rows alone."""
    var = Path(tempfile.mkdtemp(prefix="dash-bench-read-"))
    server = DashboardServer(var, "local=")
    server.start()
    try:
        readability(server.url)
    finally:
        server.stop()
        shutil.rmtree(var, ignore_errors=True)


def browser_only():
    """`make bench BENCH=--browser`: the browser rows alone, against a dashboard on the
    local engine (the render uses synthetic data, routed into the page's socket)."""
    var = Path(tempfile.mkdtemp(prefix="dash-bench-browser-"))
    server = DashboardServer(var, "local=")
    server.start()
    try:
        readability(server.url)
        browser(server.url)
    finally:
        server.stop()
        shutil.rmtree(var, ignore_errors=True)


def history_rows():
    """History's cost, in a process of its own with a throwaway database
    (scripts/bench_history.py): a week of changes at 1,000 containers."""
    var = Path(tempfile.mkdtemp(prefix="dash-bench-history-"))
    env = {
        **os.environ,
        "DASHBOARD_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "dashboard.settings",
    }
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], env=env, check=True)
        done = subprocess.run(
            [sys.executable, "-m", "scripts.bench_history"],
            env=env, check=True, capture_output=True, text=True,
        )  # fmt: skip
    finally:
        shutil.rmtree(var, ignore_errors=True)
    r = json.loads(done.stdout)
    size = f"{r['changes']:,} changes, 1,000 containers"
    row(
        f"history: recording one change ({size}; on its own thread)",
        f"{r['write_us']:.0f} µs written, {r['enqueue_us']:.1f} µs on the live path",
        "",
    )
    row(f"history: the map 1 hour back ({size})", ms(r["at_1h_ms"] / 1000), "< 1 s")
    row(f"history: the map 7 days back ({size})", ms(r["at_7d_ms"] / 1000), "< 1 s")
    mb = r["footprint"]["database_bytes"] / 1e6
    row("history: database size for that week", f"{mb:.1f} MB", "")


def cache_rows():
    """The watcher's cache: one container's update, which every container event makes on the
    event loop (a start, a list answer, an inspect), at 1,000 and 5,000 containers."""
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
    row(
        "one container's update in the watcher's cache (on the event loop, at each container "
        "event), 1,000 / 5,000 containers",
        " / ".join(results) + " (copies of the cache's dicts, in C; no pass in Python)",
        "",
    )


def live_only():
    """`make bench BENCH=--live`: `docker start` to the open map, at 100, 500 and 1,000
    (or the sizes given after it: `BENCH="--live 1000"`)."""
    sizes = [int(a) for a in sys.argv if a.isdigit()] or [100, 500, 1000]
    cache_rows()
    b = Bench()
    try:
        b.make_networks(50)
        for total in sizes:
            b.make_containers(total - len(b.containers), 50)
            b.wait_dashboard(total)
            b.browser_live(total)
            b.browser_burst(total)
            b.browser_burst(total, paced=False)
    finally:
        b.close()


def flood_only():
    """`make bench BENCH=--flood`: the flooding socket's row alone, at 1,000 containers (or
    the size given after it: `BENCH="--flood 300"`)."""
    size = next((int(a) for a in sys.argv if a.isdigit()), 1000)
    b = Bench()
    try:
        b.make_networks(50)
        b.make_containers(size, 50)
        b.wait_dashboard(size)
        asyncio.run(b.flood(size))
    finally:
        b.close()


def scale_only():
    """`make bench BENCH=--scale`: the rows of several processes alone (fan-out through
    Redis, takeover, the two databases), at 300 containers."""
    b = Bench()
    try:
        b.make_networks(10)
        b.make_containers(300, 10)
        b.wait_dashboard(300)
        b.redis_fanout(1000, processes=4)
        b.takeover()
        b.databases()
    finally:
        b.close()


def print_table():
    width = max(len(r[0]) for r in ROWS)
    vwidth = max(len(r[1]) for r in ROWS)
    print(f"\n{'measure'.ljust(width)} | {'result'.ljust(vwidth)} | target")
    print(f"{'-' * width}-+-{'-' * vwidth}-+-------")
    for what, value, target in ROWS:
        print(f"{what.ljust(width)} | {value.ljust(vwidth)} | {target}")


def main():
    if "--browser" in sys.argv:
        browser_only()
        print_table()
        return
    if "--readability" in sys.argv:
        readability_only()
        print_table()
        return
    if "--scale" in sys.argv:
        scale_only()
        print_table()
        return
    if "--live" in sys.argv:
        live_only()
        print_table()
        return
    if "--flood" in sys.argv:
        flood_only()
        print_table()
        return
    if "--history" in sys.argv:
        history_rows()
        print_table()
        return
    if "--swarm" in sys.argv:
        swarm_rows(row, ms, percentile)
        print_table()
        return
    print("Setting up a bench-owned dockerd and dashboard…", file=sys.stderr)
    cache_rows()
    b = Bench()
    try:
        b.make_networks(10)
        for total in (20, 100, 300):
            b.make_containers(total - len(b.containers), 10)
            b.wait_dashboard(total)
            b.reads(total, 10)
        asyncio.run(b.latency())
        asyncio.run(b.fanout(50))
        asyncio.run(b.fanout(200))
        b.redis_fanout(1000, processes=4)
        b.takeover()
        b.databases()
        history_rows()
        b.remove_containers()
        b.make_networks(40)
        for total in (20, 100, 300, 1000):
            b.make_containers(total - len(b.containers), 50)
            b.wait_dashboard(total)
            b.reads(total, 50)
            if total in (100, 1000):
                b.browser_live(total)
                b.browser_burst(total)
            if total >= 300:
                b.resync(total, 50)
            if total == 1000:
                asyncio.run(b.flood(total))
        b.make_created(4000, 50)
        b.wait_dashboard(5000)
        time.sleep(5)  # the inspects that follow a first sight
        b.memory_row(1000, 4000)
        readability(b.server.url)
        browser(b.server.url)
    finally:
        b.close()
    swarm_rows(row, ms, percentile)
    print_table()


if __name__ == "__main__":
    main()
