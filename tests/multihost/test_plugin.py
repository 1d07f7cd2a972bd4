"""A real network driver plugin (tests/harness/driver_plugin.py) on one of the two hosts:
its network is a plugin network on the map and in the API, the create form offers its
driver, and the reach view says the plugin decides."""

import docker
import pytest

from scripts.harness.docker_env import LABELS, RUN_ID

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def plugin(two_hosts):
    name = f"dash{RUN_ID[:6]}"
    proc = two_hosts.a.run_plugin(name, "tests.harness.driver_plugin")
    yield name
    proc.terminate()
    proc.wait(10)
    (two_hosts.a.dir / "etc-docker" / "plugins" / f"{name}.spec").unlink(missing_ok=True)


@pytest.fixture(scope="module")
def plugged(two_hosts, plugin, subnets):
    """A network of the plugin with two containers on it, each given an address by it."""
    api = two_hosts.a.api(timeout=60)
    subnet = subnets.next()
    ipam = docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet=subnet)])
    net = api.create_network(f"t{RUN_ID[:6]}-plug", driver=plugin, ipam=ipam, labels=LABELS)
    made = []
    try:
        for i in (1, 2):
            cid = api.create_container(
                two_hosts.a.image,
                command="sleep 3600",
                name=f"t{RUN_ID[:6]}-plug{i}",
                labels=LABELS,
                host_config=api.create_host_config(network_mode=net["Id"], init=False),
                stop_signal="SIGKILL",
            )["Id"]
            made.append(cid)
            api.start(cid)
        inspect = api.inspect_network(net["Id"])
        assert inspect["Driver"] == plugin and len(inspect["Containers"]) == 2
        # Its data path is real: the two reach each other through the plugin's veths.
        ip2 = inspect["Containers"][made[1]]["IPv4Address"].split("/")[0]
        code, out = two_hosts.a.exec(made[0], "ping", "-c", "1", "-W", "3", ip2)
        assert code == 0, out
        yield {"id": net["Id"], "containers": made, "subnet": subnet}
    finally:
        for cid in made:
            api.remove_container(cid, force=True)
        api.remove_network(net["Id"])


def test_a_plugin_network_shows_with_its_driver_and_the_form_offers_it(
    op_client, plugin, plugged, manager_hub
):
    assert manager_hub.wait_for(lambda t: plugged["id"] in t.networks, 5)
    assert manager_hub.wait_for(lambda t: plugin in t.engines["hosta"].drivers, 5)
    body = op_client.get("/api/topology").json()
    (n,) = [n for n in body["networks"] if n["id"] == plugged["id"]]
    assert n["driver"] == plugin and n["plugin"]
    on_it = {e["container"] for e in body["endpoints"] if e["network"] == plugged["id"]}
    assert on_it == set(plugged["containers"])
    form = op_client.get("/networks/new/").content.decode()
    assert f'<option value="{plugin}"' in form


def test_the_reach_view_says_the_plugin_decides(op_client, plugged, manager_hub):
    a, b = plugged["containers"]
    assert manager_hub.wait_for(lambda t: (plugged["id"], b) in t.endpoints, 5)
    v = op_client.get(f"/api/reach?a={a}&b={b}").json()
    # (Docker may add docker_gwbridge too: the driver gives no gateway.)
    (shared,) = [s for s in v["shared"] if s["network"] == plugged["id"]]
    assert shared["plugin"]
    assert any("plugin, not Docker, decides" in r for r in v["reasons"])
