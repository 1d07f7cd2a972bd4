"""Faults survived: the run's own second daemon behind a socket proxy that can drop, delay
or stall it. The main daemon is never touched."""

import time

import pytest

from dashboard.topology.serialize import topology_dict
from scripts.harness import docker_env
from scripts.harness.docker_env import LABELS
from scripts.harness.socket_proxy import SocketProxy
from tests.conftest import start_hub
from tests.harness.wait import eventually

pytestmark = [pytest.mark.engine2, pytest.mark.django_db]


@pytest.fixture
def proxy(engine2_up, tmp_path):
    p = SocketProxy(str(engine2_up.socket), tmp_path / "e2-proxy.sock")
    p.start()
    yield p
    p.stall(False)
    p.stop()


@pytest.fixture
def hub(proxy):
    from dashboard.live.registry import set_hub

    h = start_hub({"e2": proxy.url}, ping_seconds=0.5, timeout=3)
    assert h.synced(15)
    yield h
    h.stop_thread()
    set_hub(None)


def matches(hub, api):
    diff = docker_env.differences(
        docker_env.from_api(topology_dict(hub.current), "e2"), docker_env.truth(api)
    )
    return not diff


def run(api, image, network="bridge"):
    cid = api.create_container(
        image, "sleep 3600", labels=LABELS, host_config=api.create_host_config(network_mode=network)
    )["Id"]
    api.start(cid)
    return cid


def test_changes_made_while_the_stream_is_cut_are_not_lost(hub, proxy, engine2_up):
    api = engine2_up.api()  # straight to the daemon, not through the proxy
    proxy.stall(True)
    assert hub.wait_for(lambda t: t.engines["e2"].status == "disconnected", 5)
    cid = run(api, engine2_up.image)
    proxy.stall(False)
    proxy.drop_connections()
    assert hub.wait_for(lambda t: t.engines["e2"].status == "connected", 10)
    assert hub.wait_for(lambda t: cid in t.containers, 2)
    assert eventually(lambda: matches(hub, api), 2)
    api.remove_container(cid, force=True)


def test_a_hung_daemon_is_marked_and_pages_answer_from_the_cache(hub, proxy, engine2_up, op_client):
    net = engine2_up.api().networks(names=["bridge"])[0]["Id"]
    proxy.stall(True)
    try:
        assert hub.wait_for(lambda t: t.engines["e2"].status == "disconnected", 5)
        assert "did not answer" in hub.current.engines["e2"].error
        started = time.monotonic()
        for url in ("/networks/", f"/networks/{net}/", "/api/topology", "/healthz"):
            r = op_client.get(url)
            assert r.status_code == 200, url
        assert time.monotonic() - started < 4, "pages must not wait for a hung daemon"
        page = op_client.get("/networks/").content.decode()
        assert "not live" in page
        assert op_client.get("/healthz").json()["status"] == "degraded"
    finally:
        proxy.stall(False)
    assert hub.wait_for(lambda t: t.engines["e2"].status == "connected", 15)
    assert eventually(lambda: matches(hub, engine2_up.api()), 2)


def test_a_slow_daemon_is_followed_all_the_same(hub, proxy, engine2_up):
    proxy.delay = 0.2
    api = engine2_up.api()
    cid = run(api, engine2_up.image)
    assert hub.wait_for(lambda t: cid in t.containers and t.containers[cid].state == "running", 5)
    proxy.delay = 0
    assert eventually(lambda: matches(hub, api), 2)
    api.remove_container(cid, force=True)


def test_drift_found_by_the_resync_is_repaired(engine2_up):
    """A watcher that missed events (a subscriber too slow for Docker's 100 ms) is put right
    by the periodic relist."""
    from dashboard.live.registry import set_hub

    hub = start_hub({"e2": engine2_up.url}, resync_seconds=1)
    try:
        assert hub.synced(15)
        watcher = hub.watchers["e2"]
        # Forge a lost event: remove a container from the cache behind the watcher's back.
        api = engine2_up.api()
        cid = run(api, engine2_up.image)
        assert hub.wait_for(lambda t: cid in t.containers and t.endpoints_of_container(cid), 2)
        time.sleep(0.5)  # let the container's own events settle
        drift = watcher.drift
        hub.loop.call_soon_threadsafe(hub.store.update_containers, {cid}, [])
        assert eventually(lambda: watcher.drift > drift, 4), "the resync must notice"
        assert hub.wait_for(lambda t: cid in t.containers and t.endpoints_of_container(cid), 2)
        api.remove_container(cid, force=True)
    finally:
        hub.stop_thread()
        set_hub(None)
