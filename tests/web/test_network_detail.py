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


@pytest.mark.parametrize("how", ["name", "id prefix", "full id"])
def test_a_network_page_is_found_as_the_cli_finds_it(op_client, hub, docker_api, how):
    bridge = docker_api.inspect_network("bridge")
    ref = {"name": "bridge", "id prefix": bridge["Id"][:7], "full id": bridge["Id"]}[how]
    r = op_client.get(f"/networks/{ref}/")
    if how == "full id":
        assert r.status_code == 200 and "bridge" in r.content.decode()
    else:
        assert r.status_code == 302 and r.url == f"/networks/{bridge['Id']}/"
    assert op_client.get("/networks/no-such-network-at-all/").status_code == 404


def test_a_container_page_is_found_by_name_too(op_client, hub, make):
    cid = make.container()
    assert hub.wait_for(lambda t: cid in t.containers)
    name = hub.current.containers[cid].name
    r = op_client.get(f"/containers/{name}/")
    assert r.status_code == 302 and r.url == f"/containers/{cid}/"
    assert op_client.get(f"/containers/{cid[:10]}/").url == f"/containers/{cid}/"


@pytest.mark.engine2
def test_a_name_on_two_engines_asks_which_one(op_client, docker_api, engine2_up):
    from dashboard.live.registry import set_hub
    from tests.conftest import start_hub

    hub = start_hub({"local": "", "e2": engine2_up.url})
    try:
        assert hub.synced(15)
        page = op_client.get("/networks/bridge/")
        assert page.status_code == 200
        text = page.content.decode()
        assert "Which network?" in text
        for api in (docker_api, engine2_up.api()):
            assert f"/networks/{api.inspect_network('bridge')['Id']}/" in text
        answer = op_client.get("/api/networks/bridge")
        assert answer.status_code == 409
        assert {c["engine"] for c in answer.json()["candidates"]} == {"local", "e2"}
    finally:
        hub.stop_thread()
        set_hub(None)


@pytest.mark.parametrize(
    ("name", "connect", "delete"),
    [("bridge", True, False), ("host", False, False), ("none", False, False)],
)
def test_dockers_own_networks_offer_only_what_can_succeed(op_client, hub, name, connect, delete):
    n = hub.current.find_network(name)
    page = op_client.get(f"/networks/{n.id}/").content.decode()
    assert (f"/networks/{n.id}/connect/" in page) is connect
    assert (f"/networks/{n.id}/delete/" in page) is delete
    assert "one of Docker's own networks: it cannot be deleted" in page
    assert ("never later" in page) is (not connect)


def test_a_user_network_offers_connect_and_delete(op_client, hub, make):
    net = make.network()
    assert hub.wait_for(lambda t: net["Id"] in t.networks)
    page = op_client.get(f"/networks/{net['Id']}/").content.decode()
    assert f"/networks/{net['Id']}/connect/" in page and f"/networks/{net['Id']}/delete/" in page
    assert "why-fewer-actions" not in page


def test_connecting_to_host_is_refused_with_the_reason(op_client, hub, docker_api):
    n = hub.current.find_network("host")
    r = op_client.get(f"/networks/{n.id}/connect/", follow=True)
    assert "only when they are created" in r.content.decode()
