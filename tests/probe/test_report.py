"""The probe and the dashboard as they run: `manage.py probe --report` beside a daphne
started as `make run` starts it, both with the shared token; what the kernel saw between
two labelled containers shows in /api/flows, and the probe stops cleanly on SIGTERM."""

import signal
import subprocess
import sys

import pytest

from scripts.harness.server import ROOT, DashboardServer
from tests.harness.wait import eventually
from tests.probe.conftest import PORT

TOKEN = "probe-token-" + "x" * 30


@pytest.fixture(scope="module")
def server(tmp_path_factory, docker_api):
    s = DashboardServer(tmp_path_factory.mktemp("probe"), "local=", DASHBOARD_PROBE_TOKEN=TOKEN)
    s.start()
    yield s
    s.stop()


def start_probe(server, every: float, **env) -> subprocess.Popen:
    """`manage.py probe --report` to `server`, with the server's settings and `env`."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "probe", "--report", server.url, "--every", str(every)],
        cwd=ROOT,
        env={**server.env, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture
def probe(server):
    proc = start_probe(server, 0.5)
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_flows_reach_the_dashboard_and_the_probe_stops_on_sigterm(server, probe, talking):
    server_id, caller = talking
    session = server.login("viewer")

    def shown():
        flows = session.get(server.url + "/api/flows").json()["flows"]
        return [f for f in flows if f["server"]["id"] == server_id]

    found = eventually(shown, timeout=20)
    assert [(f["client"]["id"], f["port"], f["connections"]) for f in found] == [
        (caller, PORT, 2)
    ], found
    probe.send_signal(signal.SIGTERM)
    out, _ = probe.communicate(timeout=20)
    assert probe.returncode == 0, out
    assert "Traceback" not in out


def test_a_probe_with_the_wrong_token_is_refused_and_keeps_going(server, talking):
    proc = start_probe(server, 0.2, DASHBOARD_PROBE_TOKEN="w" * 40)
    try:
        log = server.var_dir / "daphne.log"
        assert eventually(lambda: b"token is missing or wrong" in log.read_bytes(), timeout=20)
        assert proc.poll() is None  # a refused report is logged, not fatal
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=20)
    assert "answered 401" in out
    flows = server.login("viewer").get(server.url + "/api/flows").json()["flows"]
    assert [f for f in flows if f["server"]["id"] in talking] == []


def test_it_refuses_to_report_without_a_token(server):
    env = {k: v for k, v in server.env.items() if k != "DASHBOARD_PROBE_TOKEN"}
    done = subprocess.run(
        [sys.executable, "manage.py", "probe", "--report", server.url],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "DASHBOARD_PROBE_TOKEN" in done.stderr
