"""DASHBOARD_REDIS_URL: two daphne processes on one real redis-server, against a real
engine: the run's own second daemon ("e2"), as every client is held to that whole engine,
which nothing but this run changes (the main engine may change at any moment). Exactly one
holds the lease and watches; the other takes over when it is killed, paused past its lease
or cut off from Redis. After each, every socket client equals Docker's truth, and one
observer on Redis sees a single rising version line."""

import contextlib
import json
import os
import signal
import threading
import time

import pytest
import requests

from scripts.harness import docker_env, redis_server
from scripts.harness.server import DashboardServer
from tests.harness.client_model import ClientModel
from tests.harness.cuttable import CuttableLink
from tests.harness.observer import PatchObserver
from tests.harness.wait import eventually

pytestmark = pytest.mark.engine2

LEASE = 3.0  # the default
TAKEOVER = 5.0  # the promise: within 5 s of the leader's death
ENGINE = "e2"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, engine2):
    if why := redis_server.available():
        pytest.skip(why)
    if not engine2.running():  # a fault test before may have stopped it
        engine2.start()
    redis = redis_server.RedisServer(tmp_path_factory.mktemp("redis"))
    redis.start()
    links = [CuttableLink(redis.port) for _ in range(2)]
    servers = []
    try:
        for i, link in enumerate(links):
            link.start()
            servers.append(
                DashboardServer(
                    tmp_path_factory.mktemp(f"web{i}"),
                    f"{ENGINE}={engine2.url}",
                    DASHBOARD_REDIS_URL=f"redis://127.0.0.1:{link.port}/0",
                    DASHBOARD_WATCHER_TIMEOUT="6",
                )
            )
        for s in servers:
            s.start()
        yield redis, servers, links
    finally:
        for s in servers:
            with contextlib.suppress(ProcessLookupError, AttributeError, TypeError):
                s.proc.send_signal(signal.SIGCONT)
            s.stop()
        for link in links:
            link.stop()
        redis.stop()


@pytest.fixture
def running(cluster):
    """Both processes up, linked, and one of them leading, before each test."""
    redis, servers, links = cluster
    for link in links:
        link.mend()
    for s in servers:
        if not s.running():
            s.serve()
    assert eventually(lambda: len(leaders(servers)) == 1, 15), roles(servers)
    return redis, servers, links


def roles(servers) -> list[str]:
    out = []
    for s in servers:
        try:
            out.append(health(s)["role"])
        except Exception as e:  # noqa: BLE001 - a process that cannot answer
            out.append(f"down ({e.__class__.__name__})")
    return out


def health(server) -> dict:
    return requests.get(server.url + "/healthz", timeout=2).json()


def leaders(servers) -> list:
    return [s for s, role in zip(servers, roles(servers), strict=True) if role == "leader"]


def follow(ws, model: ClientModel, until, timeout=3.0) -> bool:
    """Apply what the socket sends until `until(model)` holds (ClientModel checks order)."""
    deadline = time.monotonic() + timeout
    while not until(model):
        try:
            model.apply(json.loads(ws.recv(timeout=max(0.01, deadline - time.monotonic()))))
        except TimeoutError:
            return False
    return True


def equals_docker(docker_api):
    truth = docker_env.truth(docker_api)
    return lambda m: docker_env.from_api(m.topology(), ENGINE) == truth


def api_equals_docker(server, session, docker_api) -> bool:
    topology = session.get(server.url + "/api/topology").json()
    return docker_env.from_api(topology, ENGINE) == docker_env.truth(docker_api)


@contextlib.contextmanager
def watched(redis, servers):
    """An observer on Redis, and on each server a logged-in map (socket and client model)
    past its first snapshot: yields (observer, [(ws, model), ...], sessions)."""
    sessions = [s.login() for s in servers]
    with PatchObserver(redis.url) as observer, contextlib.ExitStack() as stack:
        maps = []
        for server, session in zip(servers, sessions, strict=True):
            ws = stack.enter_context(server.websocket(session, sync=True))
            model = ClientModel()
            assert follow(ws, model, lambda m: m.snapshots == 1)
            maps.append((ws, model))
        yield observer, maps, sessions


def burst(make, count: int) -> threading.Thread:
    """Containers made one after another on a network of their own, in the background."""

    def run():
        net = make.network()
        for _ in range(count):
            make.container(network=net["Name"])

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_exactly_one_process_watches_and_both_are_live(running, make_e2):
    make, docker_api = make_e2, make_e2.api
    redis, servers, _ = running
    for _ in range(10):  # and it stays so
        assert sorted(roles(servers)) == ["follower", "leader"]
        time.sleep(0.2)
    with watched(redis, servers) as (observer, maps, sessions):
        net = make.network()
        cid = make.container(network=net["Name"])
        for ws, model in maps:
            assert follow(ws, model, lambda m: (net["Id"], cid) in m.endpoints, 2)
            assert model.snapshots == 1  # patches, in order, no gap
            assert follow(ws, model, equals_docker(docker_api), 2)
    assert observer.patches and not observer.out_of_order()
    for s, session in zip(servers, sessions, strict=True):  # pages read the same copy
        page = session.get(f"{s.url}/networks/{net['Id']}/")
        assert page.status_code == 200 and net["Name"] in page.text
        assert health(s)["status"] == "ok"


def test_a_killed_leader_is_replaced_within_5s_and_nothing_made_meanwhile_is_lost(running, make_e2):
    make, docker_api = make_e2, make_e2.api
    redis, servers, _ = running
    [leader] = leaders(servers)
    [other] = [s for s in servers if s is not leader]
    session = other.login()
    with PatchObserver(redis.url) as observer, other.websocket(session, sync=True) as ws:
        model = ClientModel()
        assert follow(ws, model, lambda m: m.snapshots == 1)
        making = burst(make, 12)
        time.sleep(0.3)  # in the middle of the burst
        leader.proc.kill()  # SIGKILL: no goodbye, the lease runs out
        killed = time.monotonic()
        assert eventually(lambda: roles([other]) == ["leader"], TAKEOVER + 1)
        took = time.monotonic() - killed
        making.join(60)
        assert took < TAKEOVER, f"takeover took {took:.1f} s"
        assert follow(ws, model, equals_docker(docker_api), 5)
        assert model.engines[ENGINE]["status"] == "connected"
    assert not observer.out_of_order()
    assert api_equals_docker(other, session, docker_api)


def test_a_paused_leader_stops_publishing_before_another_starts(running, make_e2):
    make, docker_api = make_e2, make_e2.api
    redis, servers, _ = running
    [leader] = leaders(servers)
    [other] = [s for s in servers if s is not leader]
    with watched(redis, (leader, other)) as (observer, maps, _):
        os.kill(leader.proc.pid, signal.SIGSTOP)
        try:
            assert eventually(lambda: roles([other]) == ["leader"], TAKEOVER + 1)
            net = make.network()  # while the old leader sleeps, sure it still leads
            make.container(network=net["Name"])
            burst(make, 5).join(60)
        finally:
            os.kill(leader.proc.pid, signal.SIGCONT)
        # It wakes with events queued and a lease it no longer has: it must not publish.
        assert eventually(lambda: roles([leader]) == ["follower"], 5)
        for ws, model in maps:
            assert follow(ws, model, equals_docker(docker_api), 8)
    assert not observer.out_of_order(), observer.patches
    assert b"this process stopped watching" in (leader.var_dir / "daphne.log").read_bytes()


def test_a_leader_cut_off_from_redis_gives_way_and_mends_when_it_is_back(running, make_e2):
    make, docker_api = make_e2, make_e2.api
    redis, servers, links = running
    [leader] = leaders(servers)
    [other] = [s for s in servers if s is not leader]
    link = links[servers.index(leader)]
    with watched(redis, (leader, other)) as (observer, maps, sessions):
        (ws_cut, cut_model), (ws_other, other_model) = maps
        link.cut()
        assert eventually(lambda: roles([other]) == ["leader"], TAKEOVER + 1)
        net = make.network()
        make.container(network=net["Name"])
        assert follow(ws_other, other_model, equals_docker(docker_api), 3)
        # The cut process hears nobody: its map says so rather than look live.
        assert follow(ws_cut, cut_model, lambda m: m.engines[ENGINE]["status"] != "connected", 9)
        assert "No dashboard process has published" in cut_model.engines[ENGINE]["error"]
        assert roles([leader]) == ["follower"]
        link.mend()
        assert follow(ws_cut, cut_model, equals_docker(docker_api), 10)
        assert cut_model.engines[ENGINE]["status"] == "connected"
    assert not observer.out_of_order(), observer.patches
    for s, session in zip((leader, other), sessions, strict=True):
        assert api_equals_docker(s, session, docker_api)


def test_a_clean_stop_hands_the_lease_on_at_once(running):
    _, servers, _ = running
    [leader] = leaders(servers)
    [other] = [s for s in servers if s is not leader]
    leader.proc.send_signal(signal.SIGTERM)
    stopped = time.monotonic()
    assert eventually(lambda: roles([other]) == ["leader"], LEASE)
    # Well under the lease: it was released, not left to run out.
    assert time.monotonic() - stopped < LEASE / 2
    assert leader.proc.wait(10) == 0
