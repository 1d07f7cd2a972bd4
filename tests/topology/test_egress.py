from dashboard.topology.egress import UNKNOWN_FIREWALL, leads_out, to_outside
from dashboard.topology.records import Container, ContainerView, Endpoint, IpamPool, Network
from dashboard.topology.store import Store

MASQ_OFF = {"com.docker.network.bridge.enable_ip_masquerade": "false"}


def net(nid, name, driver="bridge", **kw):
    return Network(id=nid, engine="e", name=name, driver=driver,
                   ipam=(IpamPool(f"10.9.{len(nid)}.0/24"),), **kw)  # fmt: skip


def topology(networks, placement, modes=None, states=None):
    """Containers named by `placement` (name -> network ids), each on those networks."""
    views = []
    for i, (name, nets) in enumerate(placement.items(), 2):
        cid = name * 8
        mode = (modes or {}).get(name, "")
        views.append(
            ContainerView(
                Container(
                    id=cid,
                    engine="e",
                    name=name,
                    state=(states or {}).get(name, "running"),
                    networks=tuple(nets),
                    network_mode=mode,
                ),  # fmt: skip
                tuple(Endpoint(n, cid, f"10.9.{k}.{i}/24") for k, n in enumerate(nets)),
            )
        )
    s = Store()
    s.replace_engine("e", networks, views)
    return s.current


def verdict(t, name):
    return to_outside(t, t.find_container(name))


def test_it_leads_out_through_a_masquerading_bridge_and_says_what_it_cannot_know():
    t = topology([net("u", "app")], {"web": ["u"]})
    v = verdict(t, "web")
    assert v.reachable is True and v.host is True and v.via.network.name == "app"
    assert v.via.gateway == "10.9.1.1"
    assert UNKNOWN_FIREWALL in v.reasons


def test_it_answers_unknown_when_masquerading_is_off():
    t = topology([net("u", "app", options=MASQ_OFF)], {"web": ["u"]})
    v = verdict(t, "web")
    assert v.reachable is None and v.host is True and v.answer == "unknown"
    assert any("masquerading off" in r for r in v.reasons)


def test_an_internal_network_stops_what_leaves_the_host_but_not_the_host_itself():
    t = topology([net("i", "backend", internal=True)], {"db": ["i"]})
    v = verdict(t, "db")
    assert v.reachable is False and v.host is True
    assert UNKNOWN_FIREWALL not in v.reasons


def test_none_and_a_stopped_container_do_not_reach_out():
    nets = [net("n", "none", driver="null"), net("u", "app")]
    t = topology(nets, {"alone": ["n"], "old": ["u"]}, modes={"alone": "none"},
                 states={"old": "exited"})  # fmt: skip
    assert verdict(t, "alone").reachable is False and "loopback" in verdict(t, "alone").reasons[0]
    assert verdict(t, "old").reachable is False and "exited" in verdict(t, "old").reasons[0]


def test_container_mode_takes_its_owners_answer():
    nets = [net("u", "app"), net("i", "backend", internal=True)]
    modes = {"side": "container:" + "web" * 8, "dbside": "container:" + "db" * 8}
    t = topology(nets, {"web": ["u"], "db": ["i"], "side": [], "dbside": []}, modes=modes)
    for rider, owner in (("side", "web"), ("dbside", "db")):
        v, w = verdict(t, rider), verdict(t, owner)
        assert (v.reachable, v.host, v.via.network.id) == (w.reachable, w.host, w.via.network.id)
        assert f"{owner}'s network stack" in v.reasons[0]


def test_the_default_route_goes_through_one_network_picked_as_libnetwork_does():
    nets = [net("a", "a-quiet", options=MASQ_OFF), net("b", "b-open"),
            net("i", "0-internal", internal=True)]  # fmt: skip
    t = topology(nets, {"two": ["b", "a"], "inner": ["i", "b"]})
    v = verdict(t, "two")
    assert v.via.network.name == "a-quiet" and v.reachable is None
    assert any("b-open would lead out" in r for r in v.reasons)
    # An internal network comes last, whatever its name.
    assert verdict(t, "inner").via.network.name == "b-open"


def test_docker_does_not_decide_on_a_plugins_macvlan_or_ipvlan_network():
    nets = [net("p", "woven", driver="weave"),
            net("m", "lan", driver="macvlan", options={"parent": "eth9"}),
            net("v", "lan6", driver="ipvlan", internal=True)]  # fmt: skip
    t = topology(nets, {"w": ["p"], "m": ["m"], "v": ["v"]})
    assert verdict(t, "w").reachable is None and "plugin" in verdict(t, "w").reasons[0]
    m = verdict(t, "m")
    assert m.reachable is None and m.host is None and "eth9" in m.reasons[0]
    assert verdict(t, "v").reachable is False


def test_an_overlay_leads_out_through_the_gateway_bridge():
    gw = net("g", "docker_gwbridge", options={"com.docker.network.bridge.enable_icc": "false"})
    nets = [gw, net("o", "ov", driver="overlay", scope="swarm"),
            net("x", "closed", driver="overlay", scope="swarm", internal=True)]  # fmt: skip
    t = topology(nets, {"task": ["o"], "shut": ["x"]})
    task = verdict(t, "task")
    assert task.reachable is True and "docker_gwbridge" in task.reasons[0]
    assert verdict(t, "shut").reachable is False


def test_host_mode_goes_out_as_the_host_does():
    t = topology([net("h", "host", driver="host")], {"hostc": ["h"]}, modes={"hostc": "host"})
    v = verdict(t, "hostc")
    assert v.reachable is True and "host's network stack" in v.reasons[0]


def test_a_network_alone_says_whether_it_leads_out():
    t = topology([], {})
    assert leads_out(t, net("u", "app")) is True
    assert leads_out(t, net("i", "backend", internal=True)) is False
    assert leads_out(t, net("q", "quiet", options=MASQ_OFF)) is None
    assert leads_out(t, net("n", "none", driver="null")) is False
