import pytest

from dashboard.topology.host_routes import host_routes
from dashboard.topology.naming import parse_pairs
from dashboard.topology.network_spec import Context, NetworkSpec, Pool
from dashboard.topology.records import IpamPool, Network
from dashboard.topology.subnet_checks import suggest_subnet
from dashboard.topology.validation import notes, validate

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


def field_errors(field, **kw):
    return [m for f, m in errors(**kw) if f == field]


@pytest.mark.parametrize(
    "name",
    [".hidden", "_private", "réseau-à-côté", "сеть", "网络", "with space", "a" * 255, "x:y"],
)
def test_names_docker_accepts_and_nothing_breaks_on_are_accepted(name):
    assert errors(name=name) == []


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("", "Give the network a name"),
        ("a/b", "A / cannot be part of a name"),
        ("-rm", "read it as an option"),
        ("tab\there", "control characters"),
        ("zero\u200bwidth", "control characters"),
        ("bridge", "one of Docker's own network names"),
        ("none", "one of Docker's own network names"),
        ("default", "one of Docker's own network names"),
        ("a" * 256, "limited to 255 characters"),
        ("used", "A network named used already exists"),
    ],
)
def test_names_that_break_something_are_refused_saying_what(name, why):
    (message,) = field_errors("name", name=name)
    assert why in message


@pytest.mark.parametrize(
    ("subnet", "why"),
    [
        ("0.0.0.0/24", "“this network” (0.0.0.0/8), which is never routable"),
        ("0.0.0.0/4", "“this network”"),
        ("240.10.0.0/16", "reserved (240.0.0.0/4)"),
        ("255.255.255.252/30", "reserved (240.0.0.0/4)"),
        ("224.1.0.0/24", "multicast"),
        ("169.254.3.0/24", "link-local"),
        ("127.3.0.0/16", "loopback"),
        ("10.60.0.0/31", "/30 is the smallest IPv4 subnet"),
    ],
)
def test_ipv4_subnets_that_can_never_work_are_refused_saying_why(subnet, why):
    (message,) = field_errors("pool1_subnet", pools=[Pool(subnet)])
    assert why in message


@pytest.mark.parametrize(
    ("subnet", "why"),
    [
        ("fd00:5::/127", "leaves no address for a container"),
        ("fd00:5::/128", "leaves no address for a container"),
        ("ff05::/64", "multicast (ff00::/8)"),
        ("fe80::/64", "link-local (fe80::/10)"),
        ("::ffff:0:0/96", "IPv4-mapped"),
        ("::/64", "the unspecified address"),
    ],
)
def test_ipv6_subnets_that_can_never_work_are_refused_saying_why(subnet, why):
    (message,) = field_errors("ipv6_subnet", enable_ipv6=True, ipv6_pools=[Pool(subnet)])
    assert why in message


@pytest.mark.parametrize(
    ("typed", "field", "suggested"),
    [
        ("10.180.5.0", "pool1_subnet", "10.180.5.0/24"),
        ("10.180.5.77", "pool1_subnet", "10.180.5.0/24"),
        ("fd00:7::", "ipv6_subnet", "fd00:7::/64"),
    ],
)
def test_an_address_without_prefix_length_is_told_so_with_a_suggestion(typed, field, suggested):
    if field == "ipv6_subnet":
        (message,) = field_errors(field, enable_ipv6=True, ipv6_pools=[Pool(typed)])
    else:
        (message,) = field_errors(field, pools=[Pool(typed)])
    assert "has no prefix length" in message and suggested in message
    assert "too small" not in message


def test_docker_refuses_the_last_ipv6_address_as_gateway_and_so_does_the_form():
    def gateway(gw):
        return field_errors("ipv6_gateway", enable_ipv6=True, ipv6_pools=[Pool("fd00:9::/64", gw)])

    (message,) = gateway("fd00:9::ffff:ffff:ffff:ffff")
    assert "last address" in message and "fd00:9::ffff:ffff:ffff:fffe" in message
    assert "outside" not in message
    assert "network address" in gateway("fd00:9::")[0]
    assert gateway("fd00:9::ffff:ffff:ffff:fffe") == []
    assert "outside" in gateway("fd00:8::1")[0]


@pytest.mark.parametrize(
    ("pools", "room"),
    [
        ([Pool("10.61.0.0/30")], "holds 1 container "),
        ([Pool("10.61.0.0/29")], "holds 5 containers"),
    ],
)
def test_small_subnets_say_how_many_containers_they_hold(pools, room):
    spec = NetworkSpec(name="n", pools=pools)
    assert validate(spec, CTX) == []
    assert any(room in n for n in notes(spec))


def test_ipv6_notes_and_no_note_for_a_roomy_subnet():
    assert any(
        "holds 1 container" in n
        for n in notes(NetworkSpec(name="n", ipv6_pools=[Pool("fd00::/126")]))
    )
    assert notes(NetworkSpec(name="n", pools=[Pool("10.61.0.0/24")])) == []


def test_label_keys_name_dockers_guideline_and_values_are_free_text():
    pairs, problems = parse_pairs('bad"key=1\nok.key=<b>"quoted" & more</b>', "label")
    assert pairs == {"ok.key": '<b>"quoted" & more</b>'}
    assert len(problems) == 1 and "Docker's guideline" in problems[0]
    assert "com.example.team" in problems[0]


@pytest.mark.parametrize(
    "name", ["sc has space", "test@#$", "it's", "a;rm -rf x", "$(id)", "tab\tname"]
)
def test_it_notes_a_name_a_shell_needs_quoted_with_a_command_that_types_it(name):
    import shlex

    from dashboard.topology.naming import shell_note

    note = shell_note(name)
    command = note.split(": quote it in commands, as in ", 1)[1]
    assert shlex.split(command) == ["docker", "network", "inspect", name]


@pytest.mark.parametrize("name", ["web", "shop_back-1", "a.b", ""])
def test_a_name_a_shell_takes_as_it_is_gets_no_note(name):
    from dashboard.topology.naming import shell_note

    assert shell_note(name) == ""


MACVLAN = Network(
    id="m" * 64,
    engine="e",
    name="lan",
    driver="macvlan",
    options={"parent": "eth1", "macvlan_mode": "bridge"},
)


@pytest.mark.parametrize(
    ("driver", "options"),
    [
        ("macvlan", {"parent": "eth0"}),
        ("macvlan", {"parent": "eth0.10"}),  # a VLAN sub-interface Docker makes
        ("macvlan", {"parent": "a" * 15, "macvlan_mode": "passthru"}),
        ("macvlan", {"parent": "eth2", "macvlan_mode": "vepa"}),
        ("macvlan", {"macvlan_mode": "private"}),  # no parent: Docker makes a dummy one
        ("ipvlan", {"parent": "eth1", "ipvlan_mode": "l3"}),  # macvlan "lan"'s: Docker allows
        ("ipvlan", {"parent": "ens3", "ipvlan_mode": "l3s"}),
        ("ipvlan", {"parent": "_x-y.5"}),
    ],
)
def test_it_accepts_a_parent_and_mode_for_their_driver(driver, options):
    ctx = Context(networks=[BRIDGE, USED, MACVLAN])
    assert errors(ctx, driver=driver, options=options) == []


@pytest.mark.parametrize(
    "parent",
    ["a" * 16, "eth 0", "eth0\t", "eth/0", "eth0:1", ".", "..", ""],
)
def test_it_refuses_a_parent_linux_cannot_name(parent):
    found = errors(driver="macvlan", options={"parent": parent})
    assert [f for f, _ in found] == ["parent"]
    assert "interface" in found[0][1]


@pytest.mark.parametrize(
    ("driver", "key", "mode"),
    [
        ("macvlan", "macvlan_mode", "l2"),  # an ipvlan mode
        ("macvlan", "macvlan_mode", "Bridge"),  # Docker's modes are lower case
        ("ipvlan", "ipvlan_mode", "bridge"),  # a macvlan mode
        ("ipvlan", "ipvlan_mode", ""),
    ],
)
def test_it_refuses_a_mode_its_driver_does_not_have(driver, key, mode):
    found = errors(driver=driver, options={"parent": "eth0", key: mode})
    assert [f for f, _ in found] == [key]
    assert repr(mode)[1:-1] in found[0][1] and driver in found[0][1]


@pytest.mark.parametrize(
    ("driver", "options", "field"),
    [
        ("bridge", {"parent": "eth0"}, "parent"),
        ("overlay", {"parent": "eth0"}, "parent"),
        ("bridge", {"macvlan_mode": "bridge"}, "macvlan_mode"),
        ("bridge", {"ipvlan_mode": "l2"}, "ipvlan_mode"),
        ("macvlan", {"ipvlan_mode": "l2"}, "ipvlan_mode"),
        ("ipvlan", {"macvlan_mode": "bridge"}, "macvlan_mode"),
    ],
)
def test_it_refuses_parent_and_mode_for_other_drivers(driver, options, field):
    ctx = Context(networks=[BRIDGE], swarm_active=True)
    found = errors(ctx, driver=driver, options=options)
    assert [f for f, _ in found] == [field]
    assert driver in found[0][1]


def test_it_refuses_a_parent_another_network_of_the_driver_uses():
    ctx = Context(networks=[BRIDGE, MACVLAN])
    found = errors(ctx, driver="macvlan", options={"parent": "eth1"})
    assert [f for f, _ in found] == ["parent"]
    assert "lan" in found[0][1] and "eth1" in found[0][1]
    assert errors(ctx, driver="macvlan", options={"parent": "eth1.7"}) == []
