"""The change forms show what a change does to who reaches whom before it is confirmed,
on the map as it was when they opened, and say so when the map changed meanwhile;
/api/reach?change=... answers the same, with the forms' own checks."""

import html
import re

import pytest

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def reach_each_other(page: str, a: str, b: str, verb: str) -> bool:
    return f"{a} and {b} {verb}" in page or f"{b} and {a} {verb}" in page


def two_networks(make, hub):
    a, b = make.network(), make.network()
    first = make.container(network=a["Name"])
    second = make.container(network=b["Name"])
    assert hub.wait_for(
        lambda t: (a["Id"], first) in t.endpoints and (b["Id"], second) in t.endpoints
    )
    names = [hub.current.containers[c].name for c in (first, second)]
    return a, b, first, second, names


def test_it_previews_a_connect_then_connects_on_confirm(op_client, hub, make, docker_api):
    a, b, first, second, (n1, n2) = two_networks(make, hub)
    r = op_client.post(f"/networks/{b['Id']}/connect/", {"container": first, "step": "preview"})
    page = text(r)
    assert r.status_code == 200 and reach_each_other(page, n1, n2, "will reach each other")
    assert f"will resolve to {n2}" in page and "version" in page
    assert b["Name"] not in docker_api.inspect_container(first)["NetworkSettings"]["Networks"]
    r = op_client.post(
        f"/networks/{b['Id']}/connect/",
        {
            "container": first,
            "preview_digest": hidden(page, "preview_digest"),
            "preview_version": hidden(page, "preview_version"),
        },  # fmt: skip
    )
    assert r.status_code == 302, text(r)[:2000]
    assert b["Name"] in docker_api.inspect_container(first)["NetworkSettings"]["Networks"]


def test_it_shows_the_new_answer_when_the_map_changed_before_confirming(
    op_client, hub, make, docker_api
):
    a, b, first, second, (n1, n2) = two_networks(make, hub)
    page = text(
        op_client.post(f"/networks/{b['Id']}/connect/", {"container": first, "step": "preview"})
    )
    third = make.container(network=b["Name"])  # the map changes, and so does the answer
    assert hub.wait_for(lambda t: (b["Id"], third) in t.endpoints)
    form = {"container": first, "preview_digest": hidden(page, "preview_digest"),
            "preview_version": hidden(page, "preview_version")}  # fmt: skip
    r = op_client.post(f"/networks/{b['Id']}/connect/", form)
    again = text(r)
    assert r.status_code == 409 and "The map changed since the preview" in again
    assert hub.current.containers[third].name in again
    assert b["Name"] not in docker_api.inspect_container(first)["NetworkSettings"]["Networks"]
    form["preview_digest"] = hidden(again, "preview_digest")
    form["preview_version"] = hidden(again, "preview_version")
    assert op_client.post(f"/networks/{b['Id']}/connect/", form).status_code == 302


def test_disconnect_asks_first_with_what_it_closes(op_client, hub, make, docker_api):
    a, b, first, second, (n1, n2) = two_networks(make, hub)
    docker_api.connect_container_to_network(first, b["Id"])
    assert hub.wait_for(lambda t: (b["Id"], first) in t.endpoints)
    detail = text(op_client.get(f"/networks/{b['Id']}/"))
    assert "Disconnect…" in detail
    page = text(op_client.get(f"/networks/{b['Id']}/disconnect/", {"container": first}))
    assert reach_each_other(page, n1, n2, "will no longer reach each other")
    assert f"will stop resolving to {n2}" in page
    assert b["Name"] in docker_api.inspect_container(first)["NetworkSettings"]["Networks"]
    r = op_client.post(
        f"/networks/{b['Id']}/disconnect/",
        {
            "container": first,
            "preview_digest": hidden(page, "preview_digest"),
            "preview_version": hidden(page, "preview_version"),
        },  # fmt: skip
    )
    assert r.status_code == 302
    assert b["Name"] not in docker_api.inspect_container(first)["NetworkSettings"]["Networks"]


def test_delete_prune_and_create_say_that_nothing_changes(op_client, hub, make):
    net = make.network()
    assert hub.wait_for(lambda t: net["Id"] in t.networks)
    nothing = "Nothing changes who can reach whom"
    assert nothing in text(op_client.get(f"/networks/{net['Id']}/delete/"))
    assert nothing in text(op_client.get("/networks/prune/"))
    r = op_client.post(
        "/networks/new/",
        {
            "name": make.name("new"),
            "engine": "local",
            "driver": "bridge",
            "internal": "on",
            "pool1_subnet": make.subnets.next(),
            "step": "preview",
        },  # fmt: skip
    )
    page = text(r)
    assert r.status_code == 200 and nothing in page and "would reach out: no" in page


def test_the_api_previews_a_change_with_the_forms_fields(op_client, hub, make):
    a, b, first, second, (n1, n2) = two_networks(make, hub)
    r = op_client.get(
        "/api/reach",
        {
            "change": "connect",
            "network": b["Name"],
            "container": n1,
            "aliases": "front",
            "version": "0",  # a map long gone: other runs change it all the time
        },  # fmt: skip
    )
    assert r.status_code == 200
    w = r.json()
    assert not w["nothing"] and w["map_changed"] is True and w["version"] > 0
    (path,) = w["paths"]
    assert {path["a"]["name"], path["b"]["name"]} == {n1, n2} and path["gained"]
    gained = {(x["from"]["name"], x["to"]["name"]): x["gained"] for x in w["names"]}
    assert "front" in gained[(n2, n1)]
    nothing = op_client.get("/api/reach", {"change": "delete", "network": a["Id"]})
    assert nothing.status_code == 400 and "still attached" in nothing.json()["error"]


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"change": "explode"}, "is not one of create, delete, connect"),
        ({"change": "connect"}, "network: give a network"),
        ({"change": "connect", "network": "no-such-net-x"}, "no network"),
        ({"change": "connect", "network": "{net}", "container": "{ctr}", "ipv4": "300.1.1.1"},
         "not an IP address"),
        ({"change": "connect", "network": "{net}", "container": "{ctr}", "aliases": "-bad"},
         "not a valid alias"),
        ({"change": "disconnect", "network": "{net}", "container": "{ctr}"}, "is not on"),
        ({"change": "delete", "network": "bridge"}, "predefined"),
        ({"change": "prune", "networks": "bridge"}, "only unused networks"),
        ({"change": "create", "engine": "local", "name": "", "driver": "bridge"}, "name"),
        ({"change": "connect", "network": "{net}", "container": "{ctr}", "version": "x1"},
         "version"),
    ],
)  # fmt: skip
def test_the_api_refuses_a_bad_change_in_plain_words(op_client, hub, make, query, words):
    net = make.network()
    ctr = make.container()
    assert hub.wait_for(lambda t: ctr in t.containers and net["Id"] in t.networks)
    filled = {k: v.format(net=net["Id"], ctr=ctr) for k, v in query.items()}
    r = op_client.get("/api/reach", filled)
    assert r.status_code == 400, r.content[:500]
    assert words in r.json()["error"], r.json()


def test_the_pages_and_the_api_say_whether_a_container_reaches_out(op_client, hub, make):
    inner = make.network(internal=True)
    outer = make.network()
    cid = make.container(network=inner["Name"])
    assert hub.wait_for(lambda t: (inner["Id"], cid) in t.endpoints and outer["Id"] in t.networks)
    v = op_client.get("/api/reach", {"a": cid, "to": "outside"}).json()
    assert (v["answer"], v["host"], v["via"]["name"]) == ("no", True, inner["Name"])
    assert op_client.get("/api/reach", {"a": cid}).json()["outside"]["answer"] == "no"
    page = text(op_client.get(f"/containers/{cid}/"))
    assert "Can it reach the outside? no." in page and "is internal" in page
    assert 'Out to the world</dt><dd id="way-out">no: ' in text(
        op_client.get(f"/networks/{inner['Id']}/")
    )
    assert 'id="way-out">yes: ' in text(op_client.get(f"/networks/{outer['Id']}/"))
