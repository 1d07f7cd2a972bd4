import pytest

pytestmark = pytest.mark.django_db


def test_it_shows_each_network_with_addresses(op_client, hub, make, docker_api):
    a, b = make.network(), make.network()
    cid = make.container(network=a["Name"])
    docker_api.connect_container_to_network(cid, b["Id"], aliases=["cache"])
    assert hub.wait_for(
        lambda t: "cache" in getattr(t.endpoints.get((b["Id"], cid)), "aliases", ())
    )
    page = op_client.get(f"/containers/{cid}/").content.decode()
    for name, settings in docker_api.inspect_container(cid)["NetworkSettings"]["Networks"].items():
        assert name in page and settings["IPAddress"] in page and settings["MacAddress"] in page
    assert "cache" in page


def test_a_stopped_container_keeps_its_networks(op_client, hub, make):
    net = make.network()
    cid = make.container(network=net["Name"], start=False)
    assert hub.wait_for(lambda t: cid in t.containers)
    page = op_client.get(f"/containers/{cid}/").content.decode()
    assert net["Name"] in page and "not attached while created" in page
