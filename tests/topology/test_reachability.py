from dataclasses import replace

from dashboard.topology.reachability import explain, reachable_from
from dashboard.topology.records import Container, ContainerView, Endpoint, Network
from dashboard.topology.store import Store

BRIDGE_OPTS = {
    "com.docker.network.bridge.default_bridge": "true",
    "com.docker.network.bridge.name": "docker0",
}


def walkthrough():
    """The classic lesson: two containers on the default bridge, a user bridge with a
    third, an internal network with a fourth, and an icc=false bridge."""
    nets = [
        Network(id="bridge", engine="e", name="bridge", driver="bridge", options=BRIDGE_OPTS),
        Network(id="user", engine="e", name="my-bridge", driver="bridge"),
        Network(id="int", engine="e", name="backend", driver="bridge", internal=True),
        Network(
            id="noicc",
            engine="e",
            name="quiet",
            driver="bridge",
            options={"com.docker.network.bridge.enable_icc": "false"},
        ),
    ]
    placement = {
        "c1": ["bridge"],
        "c2": ["bridge"],
        "c3": ["user", "int"],
        "c4": ["int"],
        "c5": ["noicc"],
        "c6": ["noicc"],
    }
    views = []
    for i, (cid, networks) in enumerate(placement.items(), 2):
        views.append(
            ContainerView(
                Container(
                    id=cid * 8, engine="e", name=cid, state="running", networks=tuple(networks)
                ),
                tuple(
                    Endpoint(network=n, container=cid * 8, ipv4=f"10.0.{j}.{i}/24", aliases=("db",))
                    for j, n in enumerate(networks)
                ),
            )
        )
    views.append(
        ContainerView(
            Container(
                id="c7" * 8,
                engine="e",
                name="c7",
                state="running",
                network_mode="container:" + "c3" * 8,
            )
        )
    )
    s = Store()
    s.replace_engine("e", nets, views)
    return s.current


def c(t, name):
    return t.find_container(name)


def test_the_default_bridge_reaches_by_address_only():
    t = walkthrough()
    v = explain(t, c(t, "c1"), c(t, "c2"))
    assert v.reachable and not v.by_name
    assert any("embedded DNS" in r for r in v.reasons)


def test_a_user_bridge_is_isolated_from_the_default_bridge():
    t = walkthrough()
    v = explain(t, c(t, "c1"), c(t, "c3"))
    assert not v.reachable and not v.shared
    assert "No shared network" in v.reasons[0] and "my-bridge" in v.reasons[0]


def test_user_defined_networks_resolve_names_and_aliases():
    t = walkthrough()
    v = explain(t, c(t, "c3"), c(t, "c4"))
    assert v.reachable and v.by_name
    assert "c4" in v.shared[0].names and "db" in v.shared[0].names
    assert any("internal" in r for r in v.reasons)


def test_icc_false_blocks_traffic_on_a_shared_bridge():
    t = walkthrough()
    v = explain(t, c(t, "c5"), c(t, "c6"))
    assert v.shared and not v.reachable
    assert any("icc=false" in r for r in v.reasons)


def test_container_mode_shares_the_owners_stack():
    t = walkthrough()
    assert explain(t, c(t, "c7"), c(t, "c3")).reachable
    assert explain(t, c(t, "c7"), c(t, "c4")).by_name


def test_it_names_what_resolves_to_a_container_in_anothers_stack_not_its_own_name():
    t = walkthrough()
    v = explain(t, c(t, "c4"), c(t, "c7"))  # c7 runs in c3's network stack
    assert v.reachable and v.by_name
    assert "c3" in v.names and "c7" not in v.names
    assert any("c3's network stack" in r for r in v.reasons)
    assert "c4" in explain(t, c(t, "c3"), c(t, "c4")).names


def test_a_shared_stack_is_reached_on_localhost_and_by_its_owners_names_only():
    t = walkthrough()
    v = explain(t, c(t, "c3"), c(t, "c7"))  # c7 runs in c3's stack
    assert v.reachable and "localhost" in v.reasons[0]
    assert "c3" in v.names and "db" in v.names and "c7" not in v.names
    assert explain(t, c(t, "c7"), c(t, "c3")).names == v.names


def test_reachable_from_follows_shared_icc_networks():
    t = walkthrough()
    names = lambda ids: {t.containers[i].name for i in ids}  # noqa: E731
    assert names(reachable_from(t, c(t, "c3"))) == {"c4", "c7"}
    assert names(reachable_from(t, c(t, "c1"))) == {"c2"}
    assert names(reachable_from(t, c(t, "c5"))) == set()


def test_a_stopped_container_reaches_nothing():
    t = walkthrough()
    s = Store()
    s.current = t
    stopped = Container(id="c1" * 8, engine="e", name="c1", state="exited", networks=("bridge",))
    s.update_containers({stopped.id}, [ContainerView(stopped)])
    v = explain(s.current, s.current.find_container("c1"), s.current.find_container("c2"))
    assert not v.reachable and "exited" in v.reasons[0]


def outside_topology(*views, networks=()):
    s = Store()
    s.replace_engine("e", list(networks), list(views))
    return s.current


def test_the_outside_reaches_published_ports_and_the_host_network_only():
    from dashboard.topology.inbound import from_outside
    from dashboard.topology.records import PortBinding

    web = Container(
        id="w" * 8,
        engine="e",
        name="web",
        state="running",
        ports=(PortBinding(80, "tcp", "0.0.0.0", 8080), PortBinding(9, "tcp")),
    )
    local = Container(
        id="l" * 8,
        engine="e",
        name="local",
        state="running",
        ports=(PortBinding(80, "tcp", "127.0.0.1", 8081),),
    )
    hidden = Container(id="h" * 8, engine="e", name="hidden", state="running")
    hostc = Container(id="x" * 8, engine="e", name="hostc", state="running", network_mode="host")
    rider = Container(
        id="r" * 8, engine="e", name="rider", state="running", network_mode=f"container:{'w' * 8}"
    )
    user = Network(id="u" * 64, engine="e", name="front", driver="bridge")
    web, local = (replace(c, networks=(user.id,)) for c in (web, local))
    views = [ContainerView(c, (Endpoint(user.id, c.id),)) for c in (web, local)]
    views += [ContainerView(c) for c in (hidden, hostc, rider)]
    t = outside_topology(*views, networks=[user])
    v = from_outside(t, web)
    assert v.reachable and v.ways == ["0.0.0.0:8080 → 80/tcp (from outside this host)"]
    v = from_outside(t, local)
    assert not v.reachable and "loopback only" in v.reasons[0]
    assert not from_outside(t, hidden).reachable
    assert from_outside(t, hostc).ways == [
        "host network: every port it listens on is the host's own"
    ]
    v = from_outside(t, rider)
    assert v.reachable and v.ways == from_outside(t, web).ways


def test_an_internal_network_does_not_hide_a_port_published_through_another():
    from dashboard.topology.inbound import from_outside
    from dashboard.topology.records import PortBinding

    inner = Network(id="i" * 64, engine="e", name="backend", driver="bridge", internal=True)
    outer = Network(id="o" * 64, engine="e", name="front", driver="bridge")
    c = Container(
        id="c" * 8,
        engine="e",
        name="db",
        state="running",
        networks=(inner.id, outer.id),
        ports=(PortBinding(5432, "tcp", "0.0.0.0", 5432),),
    )
    views = [ContainerView(c, (Endpoint(inner.id, c.id), Endpoint(outer.id, c.id)))]
    t = outside_topology(*views, networks=[inner, outer])
    v = from_outside(t, c)
    assert (
        v.reachable
        and "internal network backend, and still reachable from outside Docker" in v.reasons[0]
    )


def two_hosts(overlay_driver="overlay"):
    """web on hosta and api on hostb: both on one overlay spanning the hosts and each on a
    bridge of its own host with the same subnet; api is a task of the service `api`."""
    from dashboard.topology.records import IpamPool
    from dashboard.topology.swarm_records import Service, Task

    s = Store()
    same = (IpamPool("172.30.0.0/24"),)
    ov = Network(id="ov", engine="a", name="ov", driver=overlay_driver, scope="swarm")
    for engine, name, bridge in (("a", "web", "bra"), ("b", "api", "brb")):
        cid = name * 8
        nets = [
            Network(id=bridge, engine=engine, name=f"local-{engine}", driver="bridge", ipam=same),
            ov,
        ]
        view = ContainerView(
            Container(id=cid, engine=engine, name=name, state="running", networks=(bridge, "ov")),
            (
                Endpoint(bridge, cid, "172.30.0.2/24"),
                Endpoint("ov", cid, f"10.0.1.{3 if engine == 'a' else 4}/24"),
            ),
        )
        s.replace_engine(engine, nets, [view])
    s.replace_cluster(
        "x",
        [],
        [Service("S", "x", "api", vips=(("ov", "10.0.1.2/24"),))],
        [Task("T", "x", "S", container="api" * 8)],
    )
    t = s.current
    return t, t.containers["web" * 8], t.containers["api" * 8]


def test_an_overlay_joins_containers_on_two_hosts_and_a_service_name_gives_its_vip():
    t, web, api = two_hosts()
    v = explain(t, web, api)
    assert v.reachable and v.by_name
    assert [s.network.id for s in v.shared] == ["ov"]
    assert any("through the overlay ov between a and b" in r for r in v.reasons)
    assert any("api resolves to its VIP 10.0.1.2 on ov" in r for r in v.reasons)


def test_bridges_on_two_hosts_never_meet_even_with_alike_subnets():
    t, web, api = two_hosts()
    from dataclasses import replace

    from dashboard.topology.store import Topology

    without_overlay = Topology(
        engines=t.engines,
        networks={k: n for k, n in t.networks.items() if k != "ov"},
        containers={k: replace(c, networks=c.networks[:1]) for k, c in t.containers.items()},
        endpoints={k: e for k, e in t.endpoints.items() if e.network != "ov"},
    )
    v = explain(without_overlay, web, api)
    assert not v.reachable and not v.shared
    assert any("never leaves its host" in r and "172.30.0.0/24" in r for r in v.reasons)


def test_on_a_plugin_network_the_verdict_says_the_plugin_decides():
    t, web, api = two_hosts(overlay_driver="weave")
    v = explain(t, web, api)
    assert v.shared[0].plugin
    assert any("the weave plugin" in r and "decides" in r for r in v.reasons)


def random_topology(seed: int):
    """Containers on random mixes of the usual traps, on two engines joined by an overlay:
    default bridge, user bridge, internal, icc off, overlay; stopped ones and riders."""
    import random

    rnd = random.Random(seed)
    s = Store()
    kinds = [
        ("bridge", "bridge", BRIDGE_OPTS, False),
        ("user", "bridge", {}, False),
        ("int", "bridge", {}, True),
        ("quiet", "bridge", {"com.docker.network.bridge.enable_icc": "false"}, False),
    ]
    ov = Network(id="ov", engine="a", name="ov", driver="overlay", scope="swarm")
    for engine in ("a", "b"):
        nets = [
            Network(id=f"{engine}-{k}", engine=engine, name=k, driver=d, options=o, internal=i)
            for k, d, o, i in kinds
        ] + [ov]
        views, owners = [], []
        for j in range(12):
            cid = f"{engine}{j:02d}" * 4
            state = rnd.choice(["running", "running", "running", "exited"])
            if owners and rnd.random() < 0.2:
                owner = rnd.choice(owners)
                mode, homes = f"container:{owner}", []
            else:
                mode, homes = "", rnd.sample([n.id for n in nets], rnd.randint(0, 3))
                owners.append(cid)
            c = Container(id=cid, engine=engine, name=f"{engine}{j}", state=state,
                          networks=tuple(homes), network_mode=mode)  # fmt: skip
            live = state == "running"
            eps = tuple(
                Endpoint(n, cid, f"10.{k}.0.{j + 2}/24", aliases=(f"al{j}",) if k % 2 else ())
                for k, n in enumerate(homes)
            )
            views.append(ContainerView(c, eps if live else ()))
        s.replace_engine(engine, nets, views)
    return s.current


def test_it_gives_the_same_answer_pair_by_pair_and_as_a_matrix():
    from dashboard.topology.reachability import matrix

    for seed in range(8):
        t = random_topology(seed)
        m = matrix(t)
        for a in t.containers.values():
            for b in t.containers.values():
                if a.id == b.id:
                    continue
                v = explain(t, a, b)
                assert v.reachable == (b.id in m[a.id]), (seed, a.name, b.name, v.reasons)
                if v.reachable:
                    assert sorted(m[a.id][b.id]) == v.names, (seed, a.name, b.name)
