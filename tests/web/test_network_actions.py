"""Delete, connect, disconnect and prune through the forms, checking Docker afterwards."""

import pytest

from dashboard.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_delete_asks_first_then_removes(op_client, hub, make, docker_api):
    net = make.network()
    assert hub.wait_for(lambda t: net["Id"] in t.networks)
    page = op_client.get(f"/networks/{net['Id']}/delete/").content.decode()
    assert "cannot be undone" in page
    assert docker_api.networks(ids=[net["Id"]])
    r = op_client.post(f"/networks/{net['Id']}/delete/")
    assert r.status_code == 302 and r.url == "/networks/"
    assert not docker_api.networks(ids=[net["Id"]])
    assert net["Id"] not in hub.current.networks
    entry = AuditEntry.objects.get(action="network.delete")
    assert entry.outcome == "ok" and net["Name"] in entry.target


def test_delete_is_refused_while_containers_are_attached(op_client, hub, make, docker_api):
    net = make.network()
    cid = make.container(network=net["Name"])
    assert hub.wait_for(lambda t: (net["Id"], cid) in t.endpoints)
    name = hub.current.containers[cid].name
    page = op_client.get(f"/networks/{net['Id']}/delete/").content.decode()
    assert "still attached" in page and name in page
    r = op_client.post(f"/networks/{net['Id']}/delete/", follow=True)
    assert "still attached" in r.content.decode()
    assert docker_api.networks(ids=[net["Id"]])


def test_predefined_networks_cannot_be_deleted(op_client, hub, docker_api):
    for name in ("bridge", "host", "none"):
        n = hub.current.find_network(name)
        r = op_client.post(f"/networks/{n.id}/delete/", follow=True)
        assert "predefined" in r.content.decode()
        assert docker_api.networks(ids=[n.id])


def test_connect_with_a_fixed_address_and_aliases(op_client, hub, make, docker_api):
    a, b = make.network(), make.network()
    cid = make.container(network=a["Name"])
    assert hub.wait_for(lambda t: (a["Id"], cid) in t.endpoints and b["Id"] in t.networks)
    address = b["IPAM"]["Config"][0]["Subnet"].rsplit(".", 1)[0] + ".77"
    r = op_client.post(
        f"/networks/{b['Id']}/connect/", {"container": cid, "ipv4": address, "aliases": "cache, kv"}
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    settings = docker_api.inspect_container(cid)["NetworkSettings"]["Networks"][b["Name"]]
    assert settings["IPAddress"] == address
    assert {"cache", "kv"} <= set(settings["Aliases"])
    assert hub.wait_for(
        lambda t: (
            t.endpoints.get((b["Id"], cid)) and t.endpoints[(b["Id"], cid)].ipv4 == address + "/24"
        )
    )


@pytest.mark.parametrize(
    "ipv4,aliases,words",
    [
        ("10.254.254.5", "", "is outside"),
        ("not-an-ip", "", "not an IP address"),
        ("fd00::5", "", "not an IPv4 address"),
        ("", "bad alias!", "not a valid alias"),
    ],
)
def test_connect_refuses_bad_input_before_docker(
    op_client, hub, make, docker_api, ipv4, aliases, words
):
    net = make.network()
    cid = make.container(network="bridge", start=False)
    assert hub.wait_for(lambda t: cid in t.containers and net["Id"] in t.networks)
    r = op_client.post(
        f"/networks/{net['Id']}/connect/", {"container": cid, "ipv4": ipv4, "aliases": aliases}
    )
    assert r.status_code == 400 and words in r.content.decode()
    assert net["Name"] not in docker_api.inspect_container(cid)["NetworkSettings"]["Networks"]


def test_connect_refuses_an_address_in_use(op_client, hub, make, docker_api):
    net = make.network()
    first = make.container(network=net["Name"])
    other = make.container(start=False)
    assert hub.wait_for(lambda t: (net["Id"], first) in t.endpoints and other in t.containers)
    taken = hub.current.endpoints[(net["Id"], first)].ipv4.split("/")[0]
    r = op_client.post(f"/networks/{net['Id']}/connect/", {"container": other, "ipv4": taken})
    assert r.status_code == 400 and "already in use" in r.content.decode()


def test_disconnect_then_audit(op_client, hub, make, docker_api):
    a, b = make.network(), make.network()
    cid = make.container(network=a["Name"])
    docker_api.connect_container_to_network(cid, b["Id"])
    assert hub.wait_for(lambda t: (b["Id"], cid) in t.endpoints)
    r = op_client.post(f"/networks/{b['Id']}/disconnect/", {"container": cid, "force": "on"})
    assert r.status_code == 302
    assert b["Name"] not in docker_api.inspect_container(cid)["NetworkSettings"]["Networks"]
    assert AuditEntry.objects.filter(action="network.disconnect", outcome="ok").count() == 1


def test_disconnecting_what_is_not_connected_says_so(op_client, hub, make):
    net = make.network()
    cid = make.container(start=False)
    assert hub.wait_for(lambda t: cid in t.containers and net["Id"] in t.networks)
    r = op_client.post(f"/networks/{net['Id']}/disconnect/", {"container": cid}, follow=True)
    assert "Could not disconnect" in r.content.decode()
    assert AuditEntry.objects.get(action="network.disconnect").outcome == "failed"


def test_prune_shows_then_removes_exactly_what_was_shown(op_client, hub, make, docker_api):
    unused = make.network()
    used = make.network()
    cid = make.container(network=used["Name"], start=False)
    assert hub.wait_for(
        lambda t: (
            unused["Id"] in t.networks
            and used["Id"] in getattr(t.containers.get(cid), "networks", ())
        )
    )
    page = op_client.get("/networks/prune/").content.decode()
    assert unused["Id"] in page and used["Id"] not in page
    late = make.network()  # created after the list was shown: not in the form, so kept
    r = op_client.post("/networks/prune/", {"networks": [unused["Id"]]})
    assert r.status_code == 302
    assert not docker_api.networks(ids=[unused["Id"]])
    assert docker_api.networks(ids=[late["Id"]]) and docker_api.networks(ids=[used["Id"]])


def test_prune_keeps_a_network_that_gained_a_container(op_client, hub, make, docker_api):
    net = make.network()
    assert hub.wait_for(lambda t: net["Id"] in t.networks)
    cid = make.container(network=net["Name"], start=False)
    assert hub.wait_for(lambda t: cid in t.containers)
    r = op_client.post("/networks/prune/", {"networks": [net["Id"]]}, follow=True)
    assert "in use now" in r.content.decode()
    assert docker_api.networks(ids=[net["Id"]])


def write_urls(net_id):
    return [
        ("/networks/new/", {"name": "csrf-x", "engine": "local", "driver": "bridge"}),
        ("/networks/new/check", {"name": "csrf-x", "engine": "local", "driver": "bridge"}),
        (f"/networks/{net_id}/delete/", {}),
        (f"/networks/{net_id}/connect/", {}),
        (f"/networks/{net_id}/disconnect/", {"container": "x"}),
        ("/networks/prune/", {"networks": [net_id]}),
    ]


def test_every_action_needs_csrf(client, operator, hub, make, docker_api):
    from django.test import Client

    net = make.network()
    assert hub.wait_for(lambda t: net["Id"] in t.networks)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(operator)
    strict.get("/networks/")  # sets the CSRF cookie
    for url, data in write_urls(net["Id"]):
        assert strict.post(url, data).status_code == 403, url
        wrong = {**data, "csrfmiddlewaretoken": "x" * 64}
        assert strict.post(url, wrong).status_code == 403, url
    assert docker_api.networks(ids=[net["Id"]])
    assert not AuditEntry.objects.exists()


def test_every_action_sends_anonymous_users_to_log_in(client, hub, make, docker_api):
    net = make.network()
    assert hub.wait_for(lambda t: net["Id"] in t.networks)
    for url, data in write_urls(net["Id"]):
        r = client.post(url, data)
        assert r.status_code == 302 and r.url.startswith("/login/?next="), url
    assert docker_api.networks(ids=[net["Id"]])
    assert not AuditEntry.objects.exists()


def test_every_action_is_forbidden_to_viewers(viewer_client, hub, make, docker_api):
    net = make.network()
    assert hub.wait_for(lambda t: net["Id"] in t.networks)
    for url in (
        "/networks/new/",
        f"/networks/{net['Id']}/delete/",
        f"/networks/{net['Id']}/connect/",
        f"/networks/{net['Id']}/disconnect/",
        "/networks/prune/",
    ):
        assert (
            viewer_client.post(url, {"networks": [net["Id"]], "container": "x"}).status_code == 403
        ), url
    assert docker_api.networks(ids=[net["Id"]])
    page = viewer_client.get(f"/networks/{net['Id']}/").content.decode()
    assert "Delete network" not in page and "Connect a container" not in page
