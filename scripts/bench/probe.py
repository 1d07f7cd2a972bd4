"""The probe beside an engine of `total` containers: its share of one core and its memory
with a one-second tick, and the size of a report, sending to a sink that takes every
report (what the dashboard does with one is the flows' own row); then, reporting to the
rig's dashboard, the time from a new connection's first packet to its flow in /api/flows."""

import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from dashboard.probe.reading import RELIST_EVERY
from scripts.bench.report import Report, cpu_seconds, rss_mb
from scripts.bench.rig import Rig
from scripts.harness.docker_env import LABELS
from scripts.harness.server import ROOT

WARM_UP = 7000  # a flow that shows the probe reports before the clock runs
PORTS = range(7001, 7006)  # one new flow each: a flow is new once per server port


class _Sink(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server's name
        size = int(self.headers.get("Content-Length", 0))
        self.rfile.read(size)
        self.server.reports.append((time.monotonic(), size))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def _start(rig: Rig, url: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DASHBOARD_ENGINES": f"bench={rig.engine.url}",
        "DASHBOARD_PROBE_TOKEN": rig.probe_token,
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "probe", "--report", url, "--every", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _stop(probe: subprocess.Popen) -> None:
    probe.send_signal(signal.SIGTERM)
    try:
        probe.wait(timeout=15)
    except subprocess.TimeoutExpired:
        probe.kill()


def rows(report: Report, rig: Rig, total: int, seconds: float = RELIST_EVERY) -> None:
    """`seconds` of measure hold one of the relists the probe makes however quiet Docker."""
    cost_rows(report, rig, total, seconds)
    flow_to_map_rows(report, rig, total)


def cost_rows(report: Report, rig: Rig, total: int, seconds: float) -> None:
    sink = ThreadingHTTPServer(("127.0.0.1", 0), _Sink)
    sink.reports = []
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    probe = _start(rig, f"http://127.0.0.1:{sink.server_address[1]}")
    try:
        deadline = time.monotonic() + 120
        while len(sink.reports) < 3 and time.monotonic() < deadline:  # past the first inspects
            time.sleep(0.1)
        if len(sink.reports) < 3:
            report.row(f"probe at {total} containers", "no report within 120 s", "")
            return
        cpu0, t0, n0 = cpu_seconds(probe.pid), time.monotonic(), len(sink.reports)
        time.sleep(seconds)
        cpu1, t1, n1 = cpu_seconds(probe.pid), time.monotonic(), len(sink.reports)
        share = (cpu1 - cpu0) / (t1 - t0) * 100
        sizes = [size for _, size in sink.reports[n0:n1]]
        report.row(
            f"probe at {total} containers: CPU, 1 s tick", f"{share:.1f} % of a core", "< 2 %"
        )
        report.row(f"probe at {total} containers: memory", f"{rss_mb(probe.pid):.0f} MB", "< 50 MB")
        report.row(
            f"probe at {total} containers: reports sent a second",
            f"{(n1 - n0) / (t1 - t0):.2f} ({statistics.median(sizes) / 1024:.1f} KiB each)",
            "1",
        )
    finally:
        _stop(probe)
        sink.shutdown()


def _listening(pid: int, ports) -> bool:
    """Whether the process's namespace listens on every one of `ports` (TCP over IPv4)."""
    with open(f"/proc/{pid}/net/tcp") as table:
        rows = [line.split() for line in table.readlines()[1:]]
    found = {int(r[1].rsplit(":", 1)[1], 16) for r in rows if r[3] == "0A"}
    return set(ports) <= found


def _server(rig: Rig) -> tuple[str, str]:
    """A labelled container listening on WARM_UP and PORTS, on the first bench network,
    and its address; once it listens (asked of the kernel: a connection to see would
    itself be a flow, kept by conntrack two minutes after it closed)."""
    ports = [WARM_UP, *PORTS]
    listen = " & ".join(f"nc -ll -p {p} -e cat" for p in ports)
    cid = rig.api.create_container(
        rig.image,
        ["sh", "-c", f"{listen} & wait"],
        labels=LABELS,
        stop_signal="SIGKILL",
        host_config=rig.api.create_host_config(network_mode=rig.networks[0]["Name"]),
    )["Id"]
    rig.containers.append(cid)
    rig.api.start(cid)
    inspect = rig.api.inspect_container(cid)
    deadline = time.monotonic() + 30
    while not _listening(inspect["State"]["Pid"], ports) and time.monotonic() < deadline:
        time.sleep(0.1)
    net = rig.networks[0]["Name"]
    return cid, inspect["NetworkSettings"]["Networks"][net]["IPAddress"]


def _shown(rig: Rig, cid: str, port: int) -> bool:
    flows = rig.http.get(rig.server.url + "/api/flows", timeout=10).json()["flows"]
    return any(f["server"]["id"] == cid and f["port"] == port for f in flows)


def flow_to_map_rows(report: Report, rig: Rig, total: int) -> None:
    """The host (the bench) opens a connection to a container on a bench network, one
    server port at a time; the clock runs from just before the connection's first packet
    (its SYN) until /api/flows answers with that flow."""
    cid, ip = _server(rig)
    probe = _start(rig, rig.server.url)
    times, held = [], []
    try:
        held.append(socket.create_connection((ip, WARM_UP), timeout=5))
        deadline = time.monotonic() + 60
        while not _shown(rig, cid, WARM_UP) and time.monotonic() < deadline:
            time.sleep(0.1)
        for port in PORTS:
            started = time.monotonic()
            held.append(socket.create_connection((ip, port), timeout=5))
            while time.monotonic() - started < 30:
                if _shown(rig, cid, port):
                    times.append(time.monotonic() - started)
                    break
                time.sleep(0.02)
    finally:
        for s in held:
            s.close()
        _stop(probe)
    shown = f"{statistics.median(times):.2f} s median, {max(times):.2f} s max" if times else "—"
    report.row(
        f"probe at {total} containers: flow to map (first packet to /api/flows)",
        f"{shown} ({len(times)}/{len(PORTS)} seen)",
        "< 2 s",
    )
