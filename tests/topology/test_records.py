"""Facts the records define once: a pool's gateway, configured or read from endpoints."""

import dataclasses
import json
from pathlib import Path

import pytest

from dashboard.topology.pool_gateways import PoolGateway, pool_gateways
from dashboard.topology.records import Endpoint, IpamPool, Network

BRIDGE = Network(
    id="b" * 64,
    engine="local",
    name="bridge",
    driver="bridge",
    ipam=(IpamPool("172.17.0.0/16"),),
    options={"com.docker.network.bridge.default_bridge": "true"},
)


def ep(container: str, gateway: str = "", network: str = BRIDGE.id, ipv6_gateway: str = ""):
    return Endpoint(network, container, gateway=gateway, ipv6_gateway=ipv6_gateway)


def test_it_reads_a_missing_gateway_from_the_endpoints_and_says_so():
    (shown,) = pool_gateways(BRIDGE, [ep("c1", "172.17.0.1"), ep("c2", "172.17.0.1")])
    assert shown == PoolGateway(BRIDGE.ipam[0], "172.17.0.1", from_endpoints=True)


def test_a_configured_gateway_is_shown_as_configured_whatever_the_endpoints_say():
    n = Network(
        id="n1",
        engine="local",
        name="x",
        driver="bridge",
        ipam=(IpamPool("10.9.0.0/24", "10.9.0.254"),),
    )
    (shown,) = pool_gateways(n, [ep("c1", "10.9.0.1", network="n1")])
    assert shown == PoolGateway(n.ipam[0], "10.9.0.254", from_endpoints=False)


def test_without_endpoints_reporting_one_the_gateway_stays_blank():
    assert pool_gateways(BRIDGE, []) == (PoolGateway(BRIDGE.ipam[0], ""),)
    assert pool_gateways(BRIDGE, [ep("c1", "")]) == (PoolGateway(BRIDGE.ipam[0], ""),)


def test_only_this_networks_endpoints_and_a_gateway_inside_the_pool_count():
    others = [ep("c1", "172.17.0.9", network="other"), ep("c2", "10.0.0.1"), ep("c3", "junk")]
    assert pool_gateways(BRIDGE, others) == (PoolGateway(BRIDGE.ipam[0], ""),)


def test_each_pool_takes_the_gateway_of_its_own_family_and_the_most_reported_one():
    n = Network(
        id="d",
        engine="local",
        name="dual",
        driver="bridge",
        ipam=(IpamPool("172.18.0.0/16"), IpamPool("fd00:1::/64")),
    )
    eps = [
        ep("c1", "172.18.0.1", "d", "fd00:1::1"),
        ep("c2", "172.18.0.1", "d", "fd00:1::1"),
        ep("c3", "172.18.0.7", "d"),  # a stray one is outvoted
    ]
    v4, v6 = pool_gateways(n, eps)
    assert (v4.gateway, v4.from_endpoints) == ("172.18.0.1", True)
    assert (v6.gateway, v6.from_endpoints) == ("fd00:1::1", True)


CASES = json.loads((Path(__file__).parents[1] / "shared" / "gateway-cases.json").read_text())


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["what"])
def test_it_shows_the_gateway_the_shared_case_says(case):
    """The map's static/js/gateways.js is held to the same cases."""
    n = Network(id="n", engine="local", name="n", driver="bridge")
    n = dataclasses.replace(n, ipam=tuple(IpamPool(**p) for p in case["ipam"]))
    eps = [
        ep(f"c{i}", e.get("gateway", ""), e["network"], e.get("ipv6_gateway", ""))
        for i, e in enumerate(case["endpoints"])
    ]
    assert [[g.gateway, g.from_endpoints] for g in pool_gateways(n, eps)] == case["expect"]
