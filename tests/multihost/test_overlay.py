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


def test_a_connect_across_the_hosts_does_what_its_preview_says_and_the_kernel_agrees(
    op_client, two_hosts, wired, both_hub
):
    """A container on hosta's default bridge only; its connect to the overlay, then its
    disconnect, previewed and made; each verdict from hostb's container checked by ping."""
    from scripts.harness.docker_env import RUN_ID
    from tests.multihost.conftest import _run

    a, b = two_hosts.a, two_hosts.b
    lone = _run(a, f"t{RUN_ID[:6]}-lone", "bridge")
    try:
        assert both_hub.wait_for(lambda t: lone in t.containers, 10)

        def verdict() -> bool:
            return op_client.get(f"/api/reach?a={wired.probe}&b={lone}").json()["reachable"]

        def pings(ip: str) -> bool:
            return b.exec(wired.probe, "ping", "-c", "1", "-W", "2", ip)[0] == 0

        def gained_pairs(kind: str) -> set:
            q = f"/api/reach?change={kind}&network={wired.overlay}&container={lone}"
            answer = op_client.get(q).json()
            return {(frozenset((p["a"]["id"], p["b"]["id"])), p["gained"]) for p in answer["paths"]}

        bridge_ip = a.api().inspect_container(lone)["NetworkSettings"]["Networks"]["bridge"][
            "IPAddress"
        ]
        assert verdict() is False and pings(bridge_ip) is False
        assert (frozenset((lone, wired.probe)), True) in gained_pairs("connect")

        a.api().connect_container_to_network(lone, wired.overlay)
        assert both_hub.wait_for(lambda t: (wired.overlay, lone) in t.endpoints, 10)
        networks = a.api().inspect_container(lone)["NetworkSettings"]["Networks"]
        overlay_ip = networks[wired.overlay_name]["IPAddress"]
        assert verdict() is True and pings(overlay_ip) is True
        assert (frozenset((lone, wired.probe)), False) in gained_pairs("disconnect")

        a.api().disconnect_container_from_network(lone, wired.overlay)
        assert both_hub.wait_for(lambda t: (wired.overlay, lone) not in t.endpoints, 10)
        assert verdict() is False and pings(overlay_ip) is False
    finally:
        a.api().remove_container(lone, force=True)
