"""A dockerd the test owns is stopped and started again mid-test; the cache follows."""

import docker
import pytest

from dashboard.live.registry import set_hub
from scripts.harness import docker_env
from scripts.harness.docker_env import LABELS
from tests.conftest import start_hub
from tests.harness.wait import eventually

pytestmark = [pytest.mark.engine2, pytest.mark.django_db]


@pytest.fixture
def hub2(engine2_up):
    hub = start_hub({"e2": engine2_up.url}, ping_seconds=0.5)
    assert hub.synced(15)
    yield hub
    hub.stop_thread()
    set_hub(None)


def run(api, image, network, name):
    cid = api.create_container(
        image,
        "sleep 3600",
        name=name,
        labels=LABELS,
        host_config=api.create_host_config(network_mode=network, restart_policy={"Name": "no"}),
    )["Id"]
    api.start(cid)
    return cid


def matches(hub, api, engine="e2", run_only=False):
    """Whether the cache equals the engine's truth: all of it on the run's own second daemon,
    what the run owns (`run_only`) on the main engine, which others change too."""
    from dashboard.topology.serialize import topology_dict

    diff = docker_env.differences(
        docker_env.from_api(topology_dict(hub.current), engine, run_only),
        docker_env.truth(api, run_only),
    )
    print("\n".join(diff))
    return not diff


def test_the_cache_recovers_after_the_daemon_restarts(hub2, engine2_up, subnets):
    api = engine2_up.api()
    net = api.create_network(
        "restart-net",
        ipam=docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet=subnets.next())]),
        labels=LABELS,
    )["Id"]
    cid = run(api, engine2_up.image, "restart-net", "restart-ctr")
    assert hub2.wait_for(lambda t: (net, cid) in t.endpoints, 2)
    assert eventually(lambda: matches(hub2, api))

    engine2_up.stop()
    assert hub2.wait_for(lambda t: t.engines["e2"].status == "disconnected", 2)
    assert hub2.current.engines["e2"].error

    engine2_up.start()
    api = engine2_up.api()
    # What changed while the stream was down (the container stopped with the daemon) shows.
    assert hub2.wait_for(lambda t: t.engines["e2"].status == "connected", 5)
    assert eventually(lambda: matches(hub2, api), timeout=2)
    assert hub2.current.containers[cid].state == "exited"

    api.start(cid)
    assert hub2.wait_for(lambda t: (net, cid) in t.endpoints, 2)
    assert eventually(lambda: matches(hub2, api))
    api.remove_container(cid, force=True)
    api.remove_network(net)


def test_a_swarm_overlay_with_several_subnets(hub2, engine2_up, subnets):
    engine2_up.init_swarm()
    api = engine2_up.api()
    pools = [docker.types.IPAMPool(subnet=subnets.next()) for _ in range(2)]
    net = api.create_network(
        "overlay-net",
        driver="overlay",
        attachable=True,
        ipam=docker.types.IPAMConfig(pool_configs=pools),
        labels=LABELS,
    )["Id"]
    cid = run(api, engine2_up.image, "overlay-net", "overlay-ctr")
    try:
        assert hub2.wait_for(lambda t: (net, cid) in t.endpoints, 5)
        assert hub2.wait_for(lambda t: t.engines["e2"].swarm == "active", 5)
        assert eventually(lambda: matches(hub2, api), timeout=5)
        n = hub2.current.networks[net]
        assert n.driver == "overlay" and n.scope == "swarm" and len(n.ipam) == 2
    finally:
        api.remove_container(cid, force=True)
        api.remove_network(net)


def test_two_engines_side_by_side(engine2_up, docker_api, make):
    hub = start_hub({"local": "", "e2": engine2_up.url})
    try:
        assert hub.synced(15)
        local_net = make.network()
        local_ctr = make.container(network=local_net["Name"])
        assert hub.wait_for(lambda t: (local_net["Id"], local_ctr) in t.endpoints)
        t = hub.current
        assert {n.engine for n in t.networks.values()} == {"local", "e2"}
        assert t.networks[local_net["Id"]].engine == "local"
        assert eventually(lambda: matches(hub, engine2_up.api(), "e2"))
        assert eventually(lambda: matches(hub, docker_api, "local", run_only=True))
    finally:
        hub.stop_thread()
        set_hub(None)
