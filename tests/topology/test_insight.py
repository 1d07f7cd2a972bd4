import ipaddress

from dashboard.topology import insight
from dashboard.topology.records import (
    Container,
    ContainerView,
    Endpoint,
    EngineState,
    IpamPool,
    Network,
)
from dashboard.topology.store import Store

NOW = 1_800_000_000


def topo(networks=(), views=(), engines=("e",), versions=None):
    s = Store()
    for e in engines:
        s.set_engine(
            EngineState(
                id=e, status="connected", server_version=(versions or {}).get(e, "20.10.24")
            )
        )
    for e in engines:
        s.replace_engine(
            e,
            [n for n in networks if n.engine == e],
            [v for v in views if v.container.engine == e],
        )
    return s.current


def kinds(ws):
    return sorted(w.kind for w in ws)


def net(i, subnet, engine="e", **kw):
    return Network(
        id=f"{i:064d}", engine=engine, name=f"n{i}", driver="bridge", ipam=(IpamPool(subnet),), **kw
    )


def test_the_default_pools_running_out_is_told_with_a_free_subnet():
    pools = insight.DEFAULT_POOLS
    nets = [net(i, str(p)) for i, p in enumerate(pools[:25])]
    assert insight.pools_running_out(topo(nets)) == []
    nets = [net(i, str(p)) for i, p in enumerate(pools[:27])]
    (w,) = insight.pools_running_out(topo(nets), suggest=lambda e: "10.200.0.0/24")
    assert "can make 4 more networks" in w.what and "10.200.0.0/24" in w.todo


def test_a_nearly_full_subnet_and_a_full_ip_range():
    n = net(1, "10.9.0.0/29")
    views = [
        ContainerView(
            Container(id=f"c{i}", engine="e", name=f"c{i}", state="running", networks=(n.id,)),
            (Endpoint(n.id, f"c{i}", ipv4=f"10.9.0.{i + 2}/29"),),
        )
        for i in range(5)
    ]
    (w,) = insight.subnets_nearly_full(topo([n], views))
    assert w.kind == "full" and "6 of 6" in w.what
    assert insight.subnets_nearly_full(topo([n], views[:4])) == []
    r = Network(
        id="r" * 64,
        engine="e",
        name="ranged",
        driver="bridge",
        ipam=(IpamPool("10.8.0.0/24", "10.8.0.1", "10.8.0.0/30"),),
    )
    ep = [
        ContainerView(
            Container(id=f"r{i}", engine="e", name=f"r{i}", state="running"),
            (Endpoint(r.id, f"r{i}", ipv4=f"10.8.0.{i + 2}/24"),),
        )
        for i in range(2)
    ]
    assert kinds(insight.subnets_nearly_full(topo([r], ep))) == ["range-full"]


def test_overlaps_across_engines_and_with_host_routes():
    a, b = net(1, "10.5.0.0/24", "e"), net(2, "10.5.0.128/25", "f")
    ws = insight.overlaps_across_engines(topo([a, b], engines=("e", "f")))
    assert kinds(ws) == ["overlap"] and "n1 on e (10.5.0.0/24) overlaps n2 on f" in ws[0].what
    assert (
        insight.overlaps_across_engines(topo([a, net(3, "10.6.0.0/24", "f")], engines=("e", "f")))
        == []
    )
    routes = {"e": [("10.5.0.0/16", "eth0")]}
    assert (
        "route 10.5.0.0/16 on eth0" in insight.overlaps_with_host_routes(topo([a]), routes)[0].what
    )


def test_stopped_on_a_removed_network_unused_networks_and_old_engines():
    c = Container(id="c", engine="e", name="old", state="exited", networks=("gone",))
    assert kinds(insight.stopped_on_removed_networks(topo(views=[ContainerView(c)]))) == ["gone"]
    fresh = net(1, "10.7.0.0/24", created="2027-01-14T08:00:00Z")
    stale = net(2, "10.7.1.0/24", created="2026-01-01T00:00:00Z")
    ws = insight.unused_networks(topo([fresh, stale]), days=30, now=NOW)
    assert [w.objects[0][2] for w in ws] == ["n2"]
    assert kinds(insight.old_engines(topo(versions={"e": "19.03.15"}))) == ["engine"]
    assert insight.old_engines(topo(versions={"e": "28.2.2"})) == []


def test_the_default_pools_are_docker_s_31():
    assert len(insight.DEFAULT_POOLS) == 31
    assert ipaddress.ip_network("192.168.240.0/20") in insight.DEFAULT_POOLS
