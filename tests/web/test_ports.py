"""The Ports page and API against a real engine: equal to what `docker ps` and `docker port`
say, with IPv4 and IPv6 bindings, a range, UDP, an exposed-only port and a conflict."""

import pytest

from tests.harness.ports import free_ports
from tests.harness.wait import eventually

pytestmark = pytest.mark.django_db


def docker_bindings(api, cid) -> set[tuple]:
    """`docker port` (inspect's NetworkSettings.Ports), as (host ip, host port, port, proto)."""
    out = set()
    for key, bindings in (api.inspect_container(cid)["NetworkSettings"]["Ports"] or {}).items():
        port, proto = key.split("/")
        for b in bindings or []:
            out.add((b["HostIp"], int(b["HostPort"]), int(port), proto))
    return out


def test_ports_equal_dockers_own_answer(op_client, hub, make, docker_api):
    base = free_ports(5)
    cid = make.container(
        ports=[80, (53, "udp"), 9000, 9001, 9002, 7000],
        host={
            "port_bindings": {
                80: ("127.0.0.1", base),
                "53/udp": base + 1,
                9000: base + 2,
                9001: base + 3,
                9002: base + 4,
            }
        },
    )
    truth = docker_bindings(docker_api, cid)
    assert ("127.0.0.1", base, 80, "tcp") in truth and ("::", base + 1, 53, "udp") in truth
    listed = {
        (p["IP"], p["PublicPort"], p["PrivatePort"], p["Type"])
        for p in docker_api.containers(filters={"id": cid})[0]["Ports"]
        if p.get("PublicPort")
    }
    assert listed == truth, "docker ps and docker port agree"

    def api_rows():
        return [r for r in op_client.get("/api/ports").json()["ports"] if r["container"] == cid]

    assert eventually(lambda: len(api_rows()) == len(truth) + 1)
    rows = api_rows()
    published = {
        (b["host_ip"], b["host_port"], b["container_port"], b["protocol"])
        for r in rows
        if r["kind"] == "published" and (b := r["binding"])
    }
    assert published == truth
    exposed = [r["binding"]["container_port"] for r in rows if r["kind"] == "exposed"]
    assert exposed == [7000]
    assert [r["binding"]["loopback"] for r in rows if r["binding"]["host_port"] == base] == [True]

    page = op_client.get("/ports/").content.decode()
    for host_port in {b[1] for b in truth}:
        assert f'<td class="num mono">{host_port}</td>' in page
    assert "(this host only)" in page and "not published" in page


def test_a_stopped_container_claiming_a_held_port_is_a_visible_conflict(
    op_client, hub, make, docker_api
):
    port = free_ports(1)
    running = make.container(ports=[80], host={"port_bindings": {80: port}})
    waiting = make.container(ports=[80], host={"port_bindings": {80: port}}, start=False)
    name = {c: docker_api.inspect_container(c)["Name"].lstrip("/") for c in (running, waiting)}

    def conflicts():
        rows = op_client.get("/api/ports").json()["ports"]
        return {r["name"]: tuple(r["conflicts"]) for r in rows if r["container"] in name}

    assert eventually(lambda: conflicts().get(name[waiting]) == (name[running],))
    assert name[waiting] in conflicts()[name[running]]
    page = op_client.get(f"/ports/?port={port}").content.decode()
    assert "would take it when started" in page and "holds it" in page
    assert "will not start" in page
    free = op_client.get(f"/ports/?port={free_ports(1) + 1}&protocol=udp").content.decode()
    assert "free on every address" in free


def test_a_host_network_container_is_listed_as_the_hosts_own(op_client, hub, make):
    cid = make.container(network="host")
    assert eventually(
        lambda: any(
            r["container"] == cid and r["kind"] == "host network"
            for r in op_client.get("/api/ports").json()["ports"]
        )
    )
    assert "the host's own" in op_client.get("/ports/").content.decode()


def test_the_ports_page_needs_a_login(client, hub):
    assert client.get("/ports/").status_code == 302
    assert client.get("/api/ports").status_code == 401


def test_the_reach_view_tells_the_internal_network_trap(op_client, hub, make, docker_api):
    port = free_ports(1)
    cid = make.container(ports=[80], host={"port_bindings": {80: ("127.0.0.1", port)}})
    inner = make.network(internal=True)
    docker_api.connect_container_to_network(cid, inner["Id"])
    assert hub.wait_for(lambda t: (inner["Id"], cid) in t.endpoints, 3)
    v = op_client.get(f"/api/reach?a={cid}&from=outside").json()
    assert v["ways"] == [f"127.0.0.1:{port} → 80/tcp (from this host only)"]
    assert not v["reachable"], "loopback only: no other machine"
    assert any(
        inner["Name"] in r and "still reachable from outside Docker" in r for r in v["reasons"]
    )
    alone = make.container(network=inner["Name"])
    assert hub.wait_for(lambda t: alone in t.containers and t.containers[alone].live, 3)
    v = op_client.get(f"/api/reach?a={alone}&from=outside").json()
    assert not v["reachable"] and "publishes no port" in v["reasons"][0]
