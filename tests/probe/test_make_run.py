"""`make run`'s last step (scripts/run.sh) as root: daphne and the local probe beside it
with a token made for the run, so flows show with no extra step; a TERM to the script
stops both."""

import signal
import subprocess

import pytest

from scripts.harness.server import ROOT, DashboardServer
from tests.harness.wait import eventually
from tests.probe.conftest import PORT


@pytest.fixture
def run(tmp_path, docker_api):
    s = DashboardServer(tmp_path, "local=")
    for args in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
        s.manage(*args)
    s.manage("adduser", "viewer", "--role", "viewer", "--password", "viewer-password-1")
    env = {k: v for k, v in s.env.items() if k != "DASHBOARD_PROBE_TOKEN"}
    env["DASHBOARD_PORT"] = str(s.port)
    log = open(tmp_path / "run.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(["bash", "scripts/run.sh"], cwd=ROOT, env=env, stdout=log, stderr=log)
    yield s, proc, tmp_path / "run.log"
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    log.close()


def children(pid: int) -> list[str]:
    done = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return done.stdout.split()


def test_it_shows_flows_with_no_extra_step_and_stops_whole(run, talking):
    server, proc, log = run
    server_id, caller = talking

    def flows():
        try:
            session = server.login("viewer")
            found = session.get(server.url + "/api/flows").json()["flows"]
        except Exception:  # noqa: BLE001 - not up yet: asked again
            return []
        return [(f["client"]["id"], f["port"]) for f in found if f["server"]["id"] == server_id]

    assert eventually(flows, timeout=40) == [(caller, PORT)], log.read_text()
    kids = children(proc.pid)
    assert len(kids) == 2, kids  # daphne and the probe
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 143
    assert all(subprocess.run(["kill", "-0", k], capture_output=True).returncode for k in kids)
