"""Full topology reads: the dashboard's sync beside `docker network inspect $(ls -q)` and
the SDK's loop (time and API calls, counted by the rig's socket proxy), the server's
memory, and a resync that finds nothing changed."""

import asyncio
import os
import statistics
import subprocess
import time

import docker

from dashboard.engine.client import EngineClient
from scripts.bench.report import Report, ms, rss_mb, timed
from scripts.bench.rig import Rig


def rows(report: Report, rig: Rig, containers, networks) -> None:
    client = EngineClient("bench", rig.engine.url)

    def sync():
        client.info()
        nets = client.networks()
        client.containers({n.name: n.id for n in nets})

    env = {**os.environ, "DOCKER_HOST": rig.engine.url}

    def cli():
        ids = subprocess.run(
            ["docker", "network", "ls", "-q"], env=env, capture_output=True, text=True
        ).stdout.split()
        subprocess.run(
            ["docker", "network", "inspect", *ids], env=env, capture_output=True, check=True
        )

    high = docker.DockerClient(base_url=rig.engine.url, version="auto")

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
        results[name] = (seconds, count_calls(rig, name))
    for name, (seconds, calls) in results.items():
        report.row(
            f"read, {size}: {name}",
            f"{ms(seconds)}, {calls} API calls",
            "constant calls; beat the CLI" if name == "dashboard sync" else "",
        )
    report.row(
        f"server memory, {size}",
        f"{rss_mb(rig.server.proc.pid):.0f} MB RSS",
        "< 150 MB at 300",
    )


def count_calls(rig: Rig, name) -> int:
    before = len(rig.proxy.forwarded)
    if name == "dashboard sync":
        c = EngineClient("bench", rig.proxy.url)
        c.api  # noqa: B018 - the version probe, made once per client, is not part of a sync
        before = len(rig.proxy.forwarded)
        c.info()
        c.containers({n.name: n.id for n in c.networks()})
    elif name.startswith("docker"):
        env = {**os.environ, "DOCKER_HOST": rig.proxy.url}
        ids = subprocess.run(
            ["docker", "network", "ls", "-q"], env=env, capture_output=True, text=True
        ).stdout.split()
        subprocess.run(["docker", "network", "inspect", *ids], env=env, capture_output=True)
    else:
        high = docker.DockerClient(base_url=rig.proxy.url, version="1.41")
        for n in high.networks.list():
            n.reload()
    return len(rig.proxy.forwarded) - before


def resync(report: Report, rig: Rig, containers, networks) -> None:
    """A resync that finds nothing changed: its cost, and that it sends nothing."""
    from dashboard.live.hub import Hub

    hub = Hub({"bench": rig.engine.url}, resync_seconds=3600)
    hub.start_in_thread()
    try:
        assert hub.synced(30)
        mine = set(rig.containers)
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
    report.row(
        f"resync with nothing changed, {containers} containers, {networks} networks",
        f"{ms(statistics.median(times))}, {changed} patches sent",
        "0 patches",
    )


def memory(report: Report, rig: Rig, running, created) -> None:
    report.row(
        f"server memory, {running + created:,} containers ({running:,} running, "
        f"{created:,} created: this machine cannot run 5,000)",
        f"{rss_mb(rig.server.proc.pid):.0f} MB RSS",
        "< 150 MB at 5,000",
    )
