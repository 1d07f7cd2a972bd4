"""The probe beside an engine of `total` containers: its share of one core and its memory
with a one-second tick, and the size of a report, sending to a sink that takes every
report (what the dashboard does with one is the flows' own row)."""

import os
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from scripts.bench.report import Report, cpu_seconds, rss_mb
from scripts.bench.rig import Rig
from scripts.harness.server import ROOT


class _Sink(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server's name
        size = int(self.headers.get("Content-Length", 0))
        self.rfile.read(size)
        self.server.reports.append((time.monotonic(), size))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def rows(report: Report, rig: Rig, total: int, seconds: float = 20) -> None:
    sink = ThreadingHTTPServer(("127.0.0.1", 0), _Sink)
    sink.reports = []
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    env = {
        **os.environ,
        "DASHBOARD_ENGINES": f"bench={rig.engine.url}",
        "DASHBOARD_PROBE_TOKEN": secrets.token_urlsafe(32),
    }
    url = f"http://127.0.0.1:{sink.server_address[1]}"
    probe = subprocess.Popen(
        [sys.executable, "manage.py", "probe", "--report", url, "--every", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
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
            f"{(n1 - n0) / (t1 - t0):.2f} ({statistics.median(sizes) / 1024:.0f} KiB each)",
            "1",
        )
    finally:
        probe.send_signal(signal.SIGTERM)
        try:
            probe.wait(timeout=15)
        except subprocess.TimeoutExpired:
            probe.kill()
        sink.shutdown()
