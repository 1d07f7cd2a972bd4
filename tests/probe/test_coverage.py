"""Which containers' own socket tables the probe reads: those with a network the host's
conntrack does not see whole. Pure: the host's facts are given."""

from dashboard.probe.coverage import (
    HostFacts,
    bridge_interface,
    namespaces_to_read,
    subnets,
    tracked_networks,
)
from dashboard.topology.records import Container, ContainerView, Endpoint, IpamPool, Network
from dashboard.topology.store import Store

BR, OV, NONE = "b" * 64, "o" * 64, "n" * 64
ON_BRIDGE, ON_BOTH, ON_NONE = "1" * 64, "2" * 64, "3" * 64


def topology(bridge_ipv6=False, bridge_options=None):
    nets = [
        Network(
            BR,
            "e",
            "front",
            "bridge",
            enable_ipv6=bridge_ipv6,
            ipam=(IpamPool("10.1.0.0/24", "10.1.0.1"),),
            options=bridge_options or {},
        ),
        Network(OV, "e", "mesh", "overlay", scope="swarm", ipam=(IpamPool("10.9.0.0/24"),)),
        Network(NONE, "e", "none", "null"),
    ]
    where = {ON_BRIDGE: {BR: "10.1.0.2"}, ON_BOTH: {BR: "10.1.0.3", OV: "10.9.0.3"}}
    where[ON_NONE] = {NONE: ""}
    views = [
        ContainerView(
            Container(cid, "e", cid[:3], state="running", networks=tuple(addrs)),
            tuple(Endpoint(n, cid, a + "/24" if a else "") for n, a in addrs.items()),
        )
        for cid, addrs in where.items()
    ]
    s = Store()
    s.replace_engine("e", nets, views)
    return s.current


def host(v4=True, v6=True, interfaces=(f"br-{BR[:12]}",)):
    return HostFacts(v4, v6, lambda name: name in interfaces)


ALL = {ON_BRIDGE, ON_BOTH, ON_NONE}


def test_a_bridge_here_with_bridge_nf_on_is_seen_whole_and_its_containers_are_not_read():
    t = topology()
    tracked = tracked_networks(t, "e", host())
    assert set(tracked) == {BR}
    assert subnets(tracked) == {"10.1.0.0/24"}
    # The overlay's traffic bypasses the host's netfilter: the container on it is read;
    # a container on "none" talks to nobody and is not.
    assert namespaces_to_read(t, ALL, tracked) == {ON_BOTH}


def test_with_bridge_nf_off_every_talking_container_is_read():
    t = topology()
    tracked = tracked_networks(t, "e", host(v4=False))
    assert tracked == {}
    assert namespaces_to_read(t, ALL, tracked) == {ON_BRIDGE, ON_BOTH}


def test_an_ipv6_bridge_needs_bridge_nf_for_ipv6_too():
    t = topology(bridge_ipv6=True)
    assert tracked_networks(t, "e", host(v6=False)) == {}
    assert set(tracked_networks(t, "e", host())) == {BR}


def test_a_bridge_whose_interface_is_not_here_is_not_seen():
    """Another engine's bridge in a network namespace of its own, say."""
    assert tracked_networks(topology(), "e", host(interfaces=())) == {}


def test_a_bridge_is_found_by_the_name_its_options_give():
    options = {"com.docker.network.bridge.name": "docker0"}
    t = topology(bridge_options=options)
    assert bridge_interface(t.networks[BR]) == "docker0"
    assert set(tracked_networks(t, "e", host(interfaces=("docker0",)))) == {BR}


def test_only_the_containers_asked_about_are_read():
    t = topology()
    assert namespaces_to_read(t, {ON_BRIDGE}, tracked_networks(t, "e", host())) == set()


def test_another_engines_bridge_is_not_this_ones():
    assert tracked_networks(topology(), "other", host()) == {}
