"""One overlay on two real hosts: each engine's own truth in the API, and one network on
the map that spans both."""

import pytest

from scripts.harness.docker_env import differences, from_api, truth
from tests.harness.wait import converged

pytestmark = pytest.mark.django_db


def test_it_gives_each_engine_its_own_truth(op_client, two_hosts, wired, both_hub):
    for host in two_hosts.hosts:
        api, docker = converged(
            lambda h=host: from_api(op_client.get("/api/topology").json(), h.name),
            lambda h=host: truth(h.api()),
            timeout=5,
        )
        assert api == docker, differences(api, docker)


def test_it_draws_the_overlay_once_across_both_hosts(op_client, two_hosts, wired, both_hub):
    assert both_hub.wait_for(lambda t: (wired.overlay, wired.probe) in t.endpoints, 5)
    body = op_client.get("/api/topology").json()
    (n,) = [n for n in body["networks"] if n["id"] == wired.overlay]
    assert n["spanning"] and n["hosts"] == ["hosta", "hostb"]
    engines = {c["id"]: c["engine"] for c in body["containers"]}
    on_it = {engines[e["container"]] for e in body["endpoints"] if e["network"] == wired.overlay}
    assert on_it == {"hosta", "hostb"}
    (ingress,) = [n for n in body["networks"] if n["ingress"]]
    assert ingress["hosts"] == ["hosta", "hostb"]


def test_the_reach_view_explains_the_overlay_between_the_hosts(
    op_client, two_hosts, wired, both_hub
):
    # What the view will claim, proven on the data path first: by name across the hosts.
    web_name = two_hosts.a.api().inspect_container(wired.web)["Name"].lstrip("/")
    code, out = two_hosts.b.exec(wired.probe, "ping", "-c", "1", "-W", "3", web_name)
    assert code == 0, out
    assert both_hub.wait_for(lambda t: (wired.overlay, wired.web) in t.endpoints, 5)
    v = op_client.get(f"/api/reach?a={wired.probe}&b={wired.web}").json()
    assert v["reachable"] and v["by_name"]
    assert [s["network"] for s in v["shared"]] == [wired.overlay]
    assert any("between hostb and hosta" in r for r in v["reasons"])
