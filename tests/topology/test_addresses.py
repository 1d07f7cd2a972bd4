import ipaddress

from dashboard.topology.addresses import (
    free_subnet,
    overlapping,
    parse_network,
    usable_bounds,
    usable_size,
    utilization,
)


def test_usable_size_and_bounds_are_what_dockers_ipam_hands_out():
    assert usable_size(ipaddress.ip_network("10.0.0.0/24")) == 254
    assert usable_size(ipaddress.ip_network("10.0.0.0/30")) == 2
    assert usable_size(ipaddress.ip_network("10.0.0.0/31")) == 0
    # IPv6 too: Docker refuses the last address (even as the gateway) and the first.
    assert usable_size(ipaddress.ip_network("fd00::/126")) == 2
    assert usable_size(ipaddress.ip_network("fd00::/127")) == 0
    first, last = usable_bounds(ipaddress.ip_network("10.0.0.0/30"))
    assert (str(first), str(last)) == ("10.0.0.1", "10.0.0.2")
    first, last = usable_bounds(ipaddress.ip_network("fd00:1:2:3::/64"))
    assert (str(first), str(last)) == ("fd00:1:2:3::1", "fd00:1:2:3:ffff:ffff:ffff:fffe")


def test_utilization_counts_gateway_and_in_subnet_addresses_once():
    used, total = utilization(
        "10.1.0.0/24", ["10.1.0.2/24", "10.1.0.3/24", "10.1.0.3/24", "10.9.0.1/24", ""], "10.1.0.1"
    )
    assert (used, total) == (3, 254)
    assert utilization("bogus", ["10.1.0.2"]) == (0, 0)


def test_overlapping_names_every_clash_of_the_same_family():
    existing = [("a", "10.0.0.0/16"), ("b", "10.0.5.0/24"), ("c", "fd00::/64"), ("d", "junk")]
    assert overlapping(parse_network("10.0.5.128/25"), existing) == ["a", "b"]
    assert overlapping(parse_network("10.1.0.0/24"), existing) == []


def test_free_subnet_skips_taken_and_aligns():
    taken = ["10.128.0.0/24", "10.128.1.0/25", "10.128.3.0/24"]
    assert str(free_subnet("10.128.0.0/16", 24, taken)) == "10.128.2.0/24"
    assert str(free_subnet("10.128.0.0/16", 23, taken)) == "10.128.4.0/23"
    assert free_subnet("10.128.0.0/24", 24, taken) is None
    assert free_subnet("10.128.0.0/16", 8, []) is None


def test_free_subnet_is_fast_in_a_crowded_pool():
    taken = [f"10.{i // 256}.{i % 256}.0/24" for i in range(2000)]
    assert str(free_subnet("10.0.0.0/8", 24, taken)) == "10.7.208.0/24"


def test_the_implied_gateway_is_the_first_usable_address():
    from dashboard.topology.addresses import implied_gateway

    assert implied_gateway("10.3.0.0/24") == "10.3.0.1"
    assert implied_gateway("fd00:1::/64") == "fd00:1::1"
    assert implied_gateway("nonsense") == ""
