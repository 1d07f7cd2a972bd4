"""The swarm seen through its manager alone: every node, service and task, checked against
the manager's own answers, and followed live as services change."""

import docker
import pytest

from scripts.harness.docker_env import LABELS, RUN_ID

pytestmark = pytest.mark.django_db


def docker_tasks(api) -> dict:
    """The manager's own running tasks: id -> (node, container, overlay addresses)."""
    return {
        t["ID"]: (
            t["NodeID"],
            t["Status"].get("ContainerStatus", {}).get("ContainerID", ""),
            sorted(a for n in t.get("NetworksAttachments", []) for a in n["Addresses"]),
        )
        for t in api.tasks()
        if t["Status"]["State"] == "running"
    }


def api_tasks(body: dict) -> dict:
    return {
        t["id"]: (t["node"], t["container"], sorted(a["address"] for a in t["addresses"]))
        for t in body["tasks"]
        if t["state"] == "running"
    }


def test_a_manager_alone_shows_every_node(op_client, two_hosts, manager_hub):
    assert manager_hub.wait_for(lambda t: len(t.nodes) == 2, 5)
    body = op_client.get("/api/topology").json()
    truth = {
        n["ID"]: (n["Description"]["Hostname"], n["Spec"]["Role"], n["Status"]["State"])
        for n in two_hosts.a.api().nodes()
    }
    assert {n["id"]: (n["hostname"], n["role"], n["state"]) for n in body["nodes"]} == truth
    (engine,) = body["engines"]
    assert engine["manager"] and engine["node_id"] in truth
    assert {n["address"] for n in body["nodes"]} == {two_hosts.a.ip, two_hosts.b.ip}


def test_a_service_shows_its_tasks_on_both_nodes_with_their_addresses(
    op_client, two_hosts, manager_hub, service
):
    api = two_hosts.a.api()

    def both_running(t):
        return len([x for x in t.tasks.values() if x.live and x.service == service["id"]]) == 2

    assert manager_hub.wait_for(both_running, 20)
    body = op_client.get("/api/topology").json()
    truth = docker_tasks(api)
    assert api_tasks(body) == truth
    assert len({node for node, _, _ in truth.values()}) == 2  # one task on each host
    (svc,) = [s for s in body["services"] if s["id"] == service["id"]]
    docker_vips = api.inspect_service(service["id"])["Endpoint"]["VirtualIPs"]
    assert sorted((v["network"], v["address"]) for v in svc["vips"]) == sorted(
        (v["NetworkID"], v["Addr"]) for v in docker_vips
    )
    assert svc["replicas"] == 2 and svc["ports"] == [
        {"target": 80, "published": 18080, "protocol": "tcp", "mode": "ingress"}
    ]


def test_scaling_and_removing_a_service_shows_live(op_client, two_hosts, manager_hub, service):
    api = two_hosts.a.api()
    sid = service["id"]

    def running(t):
        return len([x for x in t.tasks.values() if x.live and x.service == sid])

    assert manager_hub.wait_for(lambda t: running(t) == 2, 20)
    version = api.inspect_service(sid)["Version"]["Index"]
    api.update_service(
        sid,
        version,
        name=service["name"],
        task_template=service["spec"],
        labels=LABELS,
        mode=docker.types.ServiceMode("replicated", 3),
        endpoint_spec=docker.types.EndpointSpec(ports={18080: 80}),
    )
    assert manager_hub.wait_for(lambda t: t.services[sid].replicas == 3, 3)
    assert manager_hub.wait_for(lambda t: running(t) == 3, 20)
    assert api_tasks(op_client.get("/api/topology").json()) == docker_tasks(api)
    api.remove_service(sid)
    assert manager_hub.wait_for(lambda t: sid not in t.services, 3)
    assert manager_hub.wait_for(lambda t: running(t) == 0, 20)


def test_an_overlay_removed_on_the_manager_leaves_the_map_at_once(two_hosts, manager_hub, subnets):
    api = two_hosts.a.api()
    ipam = docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet=subnets.next())])
    nid = api.create_network(f"t{RUN_ID[:6]}-gone", driver="overlay", ipam=ipam, labels=LABELS)[
        "Id"
    ]
    try:
        assert manager_hub.wait_for(lambda t: nid in t.networks, 3)
    finally:
        api.remove_network(nid)
    # Only a swarm-scoped `remove` event says so: no local destroy follows.
    assert manager_hub.wait_for(lambda t: nid not in t.networks, 2)


def test_the_network_page_lists_peers_vips_and_every_nodes_tasks(
    op_client, two_hosts, wired, manager_hub, service
):
    import re

    sid = service["id"]
    assert manager_hub.wait_for(
        lambda t: len([x for x in t.tasks.values() if x.live and x.service == sid]) == 2, 20
    )
    page = op_client.get(f"/networks/{wired.overlay}/").content.decode()
    peers = re.search(r'<table class="grid" id="peers">(.*?)</table>', page, re.S).group(1)
    assert two_hosts.a.ip in peers and two_hosts.b.ip in peers
    members = re.search(r'<table class="grid" id="members">(.*?)</table>', page, re.S).group(1)
    for t in two_hosts.a.api().tasks(filters={"service": sid}):
        if t["Status"]["State"] != "running":
            continue
        (address,) = [
            a
            for n in t["NetworksAttachments"]
            if n["Network"]["ID"] == wired.overlay
            for a in n["Addresses"]
        ]
        assert address in members
    assert "hostb" in members and "hosta" in members
    vip = next(
        v["Addr"]
        for v in two_hosts.a.api().inspect_service(sid)["Endpoint"]["VirtualIPs"]
        if v["NetworkID"] == wired.overlay
    )
    assert vip in re.search(r'id="vips">(.*?)</table>', page, re.S).group(1)
