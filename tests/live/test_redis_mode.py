"""DASHBOARD_REDIS_URL: one `manage.py watch` process, two daphne processes following it
through a real redis-server, against the real engine."""

import json
import signal
import subprocess
import sys
import time

import pytest

from tests.harness import docker_env, redis_server
from tests.harness.client_model import ClientModel
from tests.harness.redis_server import WatchProcess
from tests.harness.server import ROOT, DashboardServer
from tests.harness.wait import eventually


@pytest.fixture
def cluster(tmp_path_factory, docker_api):
    if why := redis_server.available():
        pytest.skip(why)
    redis = redis_server.RedisServer(tmp_path_factory.mktemp("redis"))
    redis.start()
    env = {"DASHBOARD_REDIS_URL": redis.url, "DASHBOARD_WATCHER_TIMEOUT": "2"}
    servers = [DashboardServer(tmp_path_factory.mktemp(f"web{i}"), "local=", **env) for i in (1, 2)]
    watcher = WatchProcess(servers[0].env, servers[0].var_dir / "watch.log")
    try:
        for s in servers:
            s.start()
        watcher.start()
        yield servers, watcher
    finally:
        watcher.stop(signal.SIGKILL)
        for s in servers:
            s.stop()
        redis.stop()


def api_matches_docker(server, session, docker_api) -> bool:
    topology = session.get(server.url + "/api/topology").json()
    return docker_env.from_api(topology, "local") == docker_env.truth(docker_api)


def follow(ws, model: ClientModel, until, timeout=3.0) -> bool:
    """Apply what the socket sends until `until(model)` holds."""
    deadline = time.monotonic() + timeout
    while not until(model):
        try:
            model.apply(json.loads(ws.recv(timeout=max(0.01, deadline - time.monotonic()))))
        except TimeoutError:
            return False
    return True


def all_match_docker(servers, sessions, docker_api, timeout) -> bool:
    return all(
        eventually(lambda s=s, session=session: api_matches_docker(s, session, docker_api), timeout)
        for s, session in zip(servers, sessions, strict=True)
    )


def test_two_dashboard_processes_follow_one_watcher(cluster, docker_api, make):
    servers, _ = cluster
    sessions = [s.login() for s in servers]
    assert all_match_docker(servers, sessions, docker_api, 15)
    for s, session in zip(servers, sessions, strict=True):
        assert session.get(s.url + "/healthz").json()["status"] == "ok"
    with (
        servers[0].websocket(sessions[0], sync=True) as ws1,
        servers[1].websocket(sessions[1], sync=True) as ws2,
    ):
        models = [ClientModel(), ClientModel()]
        for ws, model in zip((ws1, ws2), models, strict=True):
            assert follow(ws, model, lambda m: m.snapshots == 1)
        net = make.network()
        cid = make.container(network=net["Name"])
        for ws, model in zip((ws1, ws2), models, strict=True):
            # Live through Redis: the patches, in order with no gap (ClientModel asserts).
            assert follow(ws, model, lambda m: (net["Id"], cid) in m.endpoints, 2)
            assert model.snapshots == 1
        truth = docker_env.truth(docker_api)
        for model in models:
            assert docker_env.from_api(model.topology(), "local") == truth
    for s, session in zip(servers, sessions, strict=True):  # pages read the same copy
        page = session.get(f"{s.url}/networks/{net['Id']}/")
        assert page.status_code == 200 and net["Name"] in page.text


def test_a_lost_watcher_shows_and_its_return_mends_everything(cluster, docker_api, make):
    servers, watcher = cluster
    sessions = [s.login() for s in servers]
    assert all_match_docker(servers, sessions, docker_api, 15)
    with servers[0].websocket(sessions[0], sync=True) as ws:
        model = ClientModel()
        assert follow(ws, model, lambda m: m.snapshots == 1)
        watcher.stop(signal.SIGKILL)  # a crash: no goodbye
        assert follow(ws, model, lambda m: m.engines["local"]["status"] == "disconnected", 6)
        assert "watcher process" in model.engines["local"]["error"]
        for s, session in zip(servers, sessions, strict=True):
            assert session.get(s.url + "/healthz").json()["status"] == "degraded"
        net = make.network()  # made while nobody watches
        watcher.start()
        assert follow(
            ws,
            model,
            lambda m: m.engines["local"]["status"] == "connected" and net["Id"] in m.networks,
            15,
        )
    assert all_match_docker(servers, sessions, docker_api, 5)
    for s, session in zip(servers, sessions, strict=True):
        assert session.get(s.url + "/healthz").json()["status"] == "ok"


def test_watch_stops_cleanly_and_refuses_to_run_without_redis(cluster, tmp_path):
    _, watcher = cluster
    assert watcher.ready()
    assert watcher.stop(signal.SIGTERM) == 0
    assert b"Stopped." in watcher.log_path.read_bytes()
    env = {k: v for k, v in watcher.env.items() if k != "DASHBOARD_REDIS_URL"}
    done = subprocess.run(
        [sys.executable, "manage.py", "watch"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode != 0 and "DASHBOARD_REDIS_URL" in done.stderr


def test_a_second_watcher_on_the_same_redis_stops_and_says_why(cluster, docker_api):
    servers, watcher = cluster
    assert watcher.ready()
    second = WatchProcess(watcher.env, servers[1].var_dir / "watch-2.log")
    second.start()
    code = second.proc.wait(20)
    log = second.log_path.read_text()
    second.log.close()
    assert code != 0 and "only one may run" in log
    assert "Watching" not in log  # it left before it published anything
    assert watcher.proc.poll() is None  # the first one goes on
    session = servers[0].login()
    assert all_match_docker(servers[:1], [session], docker_api, 5)
    assert session.get(servers[0].url + "/healthz").json()["status"] == "ok"
