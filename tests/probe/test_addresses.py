"""The host's own addresses, read from the kernel of the namespace the tests run in."""

import ipaddress

from dashboard.probe.addresses import host_addresses
from tests.probe.test_reading import own_address


def test_it_reads_the_hosts_own_addresses_without_loopback_or_link_local(docker_api):
    found = host_addresses()
    assert list(found) == sorted(set(found))
    for a in found:
        address = ipaddress.ip_address(a)
        assert str(address) == a and not (address.is_loopback or address.is_link_local)
    own = own_address(docker_api)
    assert own is None or own in found
    bridges = [n for n in docker_api.networks() if n["Driver"] == "bridge"]
    gateways = [p.get("Gateway") for n in bridges for p in n["IPAM"]["Config"] or []]
    bridge = next((g for g in gateways if g and "." in g), None)
    assert bridge is None or bridge in found  # a Docker gateway is the host's own too
