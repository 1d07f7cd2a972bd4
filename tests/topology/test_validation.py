import pytest

from dashboard.topology.records import IpamPool, Network
from dashboard.topology.validation import (
    Context,
    NetworkSpec,
    Pool,
    host_routes,
    parse_pairs,
    suggest_subnet,
    validate,
)

BRIDGE = Network(
    id="b" * 64,
    engine="e",
    name="bridge",
    driver="bridge",
    ipam=(IpamPool("172.17.0.0/16", "172.17.0.1"),),
    options={"com.docker.network.bridge.name": "docker0"},
)
USED = Network(
    id="u" * 64, engine="e", name="used", driver="bridge", ipam=(IpamPool("10.50.0.0/24"),)
)
CTX = Context(networks=[BRIDGE, USED], host_routes=[("192.0.2.0/24", "eth0")])


def errors(ctx=CTX, **kw):
    spec = NetworkSpec(name=kw.pop("name", "ok-net"), **kw)
    return validate(spec, ctx)


@pytest.mark.parametrize(
    "spec",
    [
        {"pools": [Pool("10.60.0.0/30")]},  # the smallest subnet
        {"pools": [Pool("10.60.0.0/24", "10.60.0.254")]},  # gateway at the last usable
        {"pools": [Pool("10.60.0.0/24", "", "10.60.0.0/24")]},  # range equal to subnet
        {"name": "Upper.Dotted_name-1"},
        {"name": "Bridge"},  # the predefined check is case-sensitive, as Docker's
        {"options": {"com.docker.network.driver.mtu": "68"}},
        {"options": {"com.docker.network.driver.mtu": "65535"}},
        {"options": {"com.docker.network.bridge.enable_icc": "False"}},
        {"enable_ipv6": True, "ipv6_pools": [Pool("fd00:1::/64", "fd00:1::1")]},
        {"driver": "macvlan"},  # the kernel may refuse; that is Docker's answer to give
        {},
    ],
)
def test_valid_but_unusual_configurations_pass(spec):
    assert errors(**spec) == []


def test_overlap_names_the_network_and_the_host_route():
    (e,) = errors(pools=[Pool("10.50.0.128/25")])
    assert e == ("pool1_subnet", "10.50.0.128/25 overlaps 10.50.0.0/24 of the network “used”.")
    (e,) = errors(pools=[Pool("192.0.2.0/25")])
    assert "host's own route 192.0.2.0/24 on eth0" in e[1]


def test_an_ip_range_does_not_excuse_overlap_with_the_default_bridge():
    fields = [f for f, _ in errors(pools=[Pool("172.17.5.0/24", "", "172.17.5.0/25")])]
    assert fields == ["pool1_subnet"]


def test_ipv4_mapped_ipv6_in_the_ipv4_field_is_refused_with_the_ipv4_form():
    (e,) = errors(pools=[Pool("::ffff:10.185.0.0/120")])
    assert "10.185.0.0/24" in e[1]


def test_overlay_needs_swarm_and_unknown_drivers_are_refused():
    assert errors(driver="overlay")[0][0] == "driver"
    swarm = Context(networks=[], swarm_active=True)
    assert errors(driver="overlay", ctx=swarm) == []
    assert errors(driver="weave")[0] == ("driver", "This engine has no network driver weave.")


def test_pairs_parse_and_complain_per_line():
    pairs, problems = parse_pairs("a=1\n\nb = two words \nc\n=x\na=2", "label")
    assert pairs == {"a": "1", "b": "two words"}
    assert [p.split(":")[0] for p in problems] == ["Line 4", "Line 5", "Line 6"]


def test_the_planner_suggests_clear_of_networks_and_routes():
    ctx = Context(networks=[USED], host_routes=[("10.50.1.0/24", "eth1")])
    assert suggest_subnet(ctx, "10.50.0.0/16") == "10.50.2.0/24"
    assert suggest_subnet(ctx, "10.50.0.0/23") == ""


def test_host_routes_skip_default_and_docker_bridges(tmp_path):
    table = tmp_path / "route"
    table.write_text(
        "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n"
        "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\n"
        "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\n"
        "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\n"
        "br-abc\t0000320A\t00000000\t0001\t0\t0\t0\t00FFFFFF\n"
    )
    assert host_routes(str(table)) == [("192.0.2.0/24", "eth0")]
