"""Each warning appears on a real engine and clears again, in the API and on the pages."""

import pytest

from tests.harness.wait import eventually

pytestmark = pytest.mark.django_db


def warnings_about(client, object_id):
    found = client.get("/api/warnings").json()["warnings"]
    return sorted(w["kind"] for w in found if any(o["id"] == object_id for o in w["objects"]))


def test_a_nearly_full_subnet_warns_and_clears(op_client, hub, make, subnets):
    net = make.network(subnet=subnets.next(29))
    cids = [make.container(network=net["Name"]) for _ in range(5)]
    assert eventually(lambda: warnings_about(op_client, net["Id"]) == ["full"], 3)
    page = op_client.get("/networks/").content.decode()
    assert "6 of 6 addresses" in page and f"/networks/{net['Id']}/" in page
    make.api.remove_container(cids[0], force=True)
    assert eventually(lambda: warnings_about(op_client, net["Id"]) == [], 3)


def test_a_stopped_container_on_a_removed_network_warns_until_it_goes(op_client, hub, make):
    net = make.network()
    cid = make.container(network=net["Name"], start=False)
    assert eventually(lambda: cid in hub.current.containers, 3)
    make.api.remove_network(net["Id"])
    assert eventually(lambda: warnings_about(op_client, cid) == ["gone"], 3)
    make.api.remove_container(cid, force=True)
    assert eventually(lambda: warnings_about(op_client, cid) == [], 3)


def test_an_unused_network_warns_until_a_container_uses_it(op_client, hub, make, settings):
    settings.DASHBOARD_UNUSED_NETWORK_DAYS = 0
    net = make.network()
    assert eventually(lambda: warnings_about(op_client, net["Id"]) == ["unused"], 3)
    make.container(network=net["Name"], start=False)
    assert eventually(lambda: warnings_about(op_client, net["Id"]) == [], 3)


@pytest.mark.engine2
def test_subnets_overlapping_across_engines_warn_and_clear(op_client, make, engine2_up, subnets):
    import docker

    from dashboard.live.registry import set_hub
    from scripts.harness.docker_env import LABELS
    from tests.conftest import start_hub

    hub = start_hub({"local": "", "e2": engine2_up.url})
    try:
        assert hub.synced(15)
        mine = make.network()
        subnet = mine["IPAM"]["Config"][0]["Subnet"]
        e2 = engine2_up.api()
        # Both daemons share the host's routing table: the twin's bridge gets no address
        # (inhibit_ipv4), so the overlap stays in Docker's records and off the host.
        theirs = e2.create_network(
            f"twin-{mine['Name']}",
            ipam=docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet=subnet)]),
            options={"com.docker.network.bridge.inhibit_ipv4": "true"},
            labels=LABELS,
        )["Id"]
        try:
            assert eventually(lambda: warnings_about(op_client, theirs) == ["overlap"], 3)
        finally:
            e2.remove_network(theirs)
        assert eventually(lambda: warnings_about(op_client, mine["Id"]) == [], 3)
    finally:
        hub.stop_thread()
        set_hub(None)


def test_warnings_need_a_login(client, hub):
    assert client.get("/api/warnings").status_code == 401


def test_containers_sharing_the_default_bridge_warn_that_names_do_not_resolve(
    op_client, hub, make, docker_api
):
    a = make.container()  # the default bridge, as a plain `docker run` does
    b = make.container()
    assert eventually(lambda: "default-bridge" in warnings_about(op_client, a), 3)
    assert "default-bridge" in warnings_about(op_client, b)
    make.api.remove_container(b, force=True)
    assert eventually(lambda: "default-bridge" not in warnings_about(op_client, b), 3)
    # Alone there now, unless this machine runs containers of its own on the default bridge.
    bridge = docker_api.inspect_network("bridge")["Containers"] or {}
    others = set(bridge) - {a}
    assert eventually(lambda: ("default-bridge" in warnings_about(op_client, a)) == bool(others), 3)


def test_a_database_port_published_on_every_address_warns_loopback_does_not(op_client, hub, make):
    from tests.harness.ports import free_ports

    port = free_ports(2)
    net = make.network()
    everywhere = make.container(
        network=net["Name"], ports=[6379], host={"port_bindings": {6379: ("0.0.0.0", port)}}
    )
    loopback = make.container(
        network=net["Name"],
        ports=[6379],
        host={"port_bindings": {6379: ("127.0.0.1", port + 1)}},
    )
    assert eventually(lambda: warnings_about(op_client, everywhere) == ["published-everywhere"], 3)
    found = op_client.get("/api/warnings").json()["warnings"]
    [w] = [
        w
        for w in found
        if w["kind"] == "published-everywhere" and w["objects"][0]["id"] == everywhere
    ]
    assert "Redis" in w["what"] and f"127.0.0.1:{port}:6379" in w["todo"]
    assert warnings_about(op_client, loopback) == []
    make.api.remove_container(everywhere, force=True)
    assert eventually(lambda: warnings_about(op_client, everywhere) == [], 3)
