import pytest

pytestmark = pytest.mark.django_db


def test_it_needs_a_login(client, hub):
    assert client.get("/api/topology").status_code == 401
    assert client.get("/api/networks/bridge").status_code == 401


def test_it_has_the_documented_shape(op_client, hub, make):
    net = make.network(labels={"tier": "web"})
    cid = make.container(network=net["Name"])
    assert hub.wait_for(lambda t: (net["Id"], cid) in t.endpoints)
    body = op_client.get("/api/topology").json()
    assert set(body) == {
        *("version", "engines", "networks", "containers", "endpoints"),
        *("nodes", "services", "tasks"),
    }
    (engine,) = body["engines"]
    assert engine["id"] == "local" and engine["status"] == "connected"
    assert engine["server_version"] and engine["swarm"]
    n = next(n for n in body["networks"] if n["id"] == net["Id"])
    assert (
        n["labels"]["tier"] == "web"
        and n["ipam"][0]["subnet"] == net["IPAM"]["Config"][0]["Subnet"]
    )
    c = next(c for c in body["containers"] if c["id"] == cid)
    assert c["networks"] == [net["Id"]] and not c["name"].startswith("/")
    e = next(e for e in body["endpoints"] if e["container"] == cid)
    assert e["ipv4"].endswith("/24") and e["mac"]


def test_one_network_by_id_or_name_with_its_raw_document(op_client, hub, make, docker_api):
    net = make.network()
    assert hub.wait_for(lambda t: net["Id"] in t.networks)
    by_id = op_client.get(f"/api/networks/{net['Id']}").json()
    by_name = op_client.get(f"/api/networks/{net['Name']}").json()
    assert by_id["id"] == by_name["id"] == net["Id"]
    assert by_id["inspect"]["Id"] == net["Id"]
    assert op_client.get("/api/networks/no-such-network").status_code == 404


def test_one_container(op_client, hub, make):
    net = make.network()
    cid = make.container(network=net["Name"])
    assert hub.wait_for(lambda t: (net["Id"], cid) in t.endpoints)
    body = op_client.get(f"/api/containers/{cid[:12]}").json()
    assert body["id"] == cid and body["endpoints"][0]["network"] == net["Id"]


def test_diagram_exports_answer_in_each_format_for_logged_in_users(op_client, hub, make):
    import xml.etree.ElementTree as ET

    from django.test import Client

    anonymous = Client()
    net = make.network()
    make.container(network=net["Name"])
    assert hub.wait_for(lambda t: net["Id"] in t.networks)
    for fmt, kind in (("svg", "image/svg+xml"), ("mmd", "text/vnd.mermaid"), ("drawio", "mxfile")):
        r = op_client.get(f"/api/topology.{fmt}")
        assert r.status_code == 200 and kind in r["Content-Type"]
        assert r["Content-Disposition"] == f'attachment; filename="docker-networks.{fmt}"'
        assert net["Name"] in r.content.decode()
        assert anonymous.get(f"/api/topology.{fmt}").status_code == 401
    cells = ET.fromstring(op_client.get("/api/topology.drawio").content).findall(".//mxCell")
    ids = {c.get("id") for c in cells}
    assert all(c.get("parent") in ids for c in cells[1:])
    assert op_client.get("/api/topology.pdf").status_code == 404
