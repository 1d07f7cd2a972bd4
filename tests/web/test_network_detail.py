import pytest

pytestmark = pytest.mark.django_db

HOSTILE = "<img src=x onerror=alert(1)>"


def test_it_shows_what_docker_network_inspect_shows(op_client, hub, make, docker_api):
    net = make.network(
        labels={"hostile": HOSTILE}, options={"com.docker.network.driver.mtu": "1400"}
    )
    cid = make.container(network=net["Name"])
    assert hub.wait_for(lambda t: (net["Id"], cid) in t.endpoints)
    inspected = docker_api.inspect_network(net["Id"])["Containers"][cid]
    page = op_client.get(f"/networks/{net['Id']}/").content.decode()
    for text in (inspected["IPv4Address"], inspected["MacAddress"], net["Name"], "1400"):
        assert text in page
    assert f"br-{net['Id'][:12]}" in page
    assert HOSTILE not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Raw JSON" in page and "&quot;Containers&quot;" in page


def test_stopped_containers_are_listed_as_configured(op_client, hub, make):
    net = make.network()
    cid = make.container(network=net["Name"], start=False)
    assert hub.wait_for(lambda t: cid in t.containers)
    page = op_client.get(f"/networks/{net['Id']}/").content.decode()
    assert "Configured but not running" in page and hub.current.containers[cid].name in page


def test_an_unknown_network_is_a_404(op_client, hub):
    assert op_client.get("/networks/" + "0" * 64 + "/").status_code == 404
