from dashboard.topology.records import Container, ContainerView, Endpoint, EngineState, Network
from dashboard.topology.store import Store


def net(nid, engine="a", name=None, **kw):
    return Network(id=nid, engine=engine, name=name or nid, driver="bridge", **kw)


def view(cid, engine="a", networks=(), live=True, state="running", name=None):
    c = Container(id=cid, engine=engine, name=name or cid, state=state, networks=tuple(networks))
    eps = tuple(Endpoint(network=n, container=cid, ipv4="10.0.0.2/24") for n in networks if live)
    return ContainerView(container=c, endpoints=eps)


def test_it_versions_every_change_and_nothing_else():
    s = Store()
    p1 = s.replace_engine("a", [net("n1")], [view("c1", networks=["n1"])])
    assert (p1.base, p1.version) == (0, 1)
    assert s.replace_engine("a", [net("n1")], [view("c1", networks=["n1"])]) is None
    assert s.version == 1


def test_it_removes_what_a_full_sync_no_longer_has_for_that_engine_only():
    s = Store()
    s.replace_engine("a", [net("n1"), net("n2")], [view("c1", networks=["n1"])])
    s.replace_engine("b", [net("m1", engine="b")], [view("d1", engine="b", networks=["m1"])])
    p = s.replace_engine("a", [net("n1")], [])
    assert p.removed_networks == ["n2"]
    assert p.removed_containers == ["c1"]
    assert p.removed_endpoints == [("n1", "c1")]
    assert set(s.current.networks) == {"n1", "m1"}
    assert set(s.current.containers) == {"d1"}


def test_update_containers_touches_only_the_given_ids():
    s = Store()
    s.replace_engine("a", [net("n1")], [view("c1", networks=["n1"]), view("c2", networks=["n1"])])
    p = s.update_containers({"c1"}, [view("c1", networks=["n1"], live=False, state="exited")])
    assert [c.id for c in p.containers] == ["c1"]
    assert p.removed_endpoints == [("n1", "c1")]
    assert ("n1", "c2") in s.current.endpoints
    p = s.update_containers({"c2"}, [])
    assert p.removed_containers == ["c2"] and p.removed_endpoints == [("n1", "c2")]


def test_update_networks_drops_endpoints_of_a_removed_network():
    s = Store()
    s.replace_engine("a", [net("n1"), net("n2")], [view("c1", networks=["n1", "n2"])])
    p = s.update_networks("a", {"n2"}, [])
    assert p.removed_networks == ["n2"]
    assert p.removed_endpoints == [("n2", "c1")]
    assert ("n1", "c1") in s.current.endpoints


def test_snapshots_are_never_mutated():
    s = Store()
    s.replace_engine("a", [net("n1")], [])
    before = s.current
    s.update_networks("a", {"n2"}, [net("n2")])
    assert set(before.networks) == {"n1"}
    assert set(s.current.networks) == {"n1", "n2"}


def test_engine_status_changes_are_patches():
    s = Store()
    assert s.set_engine(EngineState(id="a", status="connected")).engines[0].status == "connected"
    assert s.set_engine(EngineState(id="a", status="connected")) is None
    p = s.set_engine(EngineState(id="a", status="disconnected", error="gone"))
    assert (p.base, p.version) == (1, 2)


def test_find_prefers_full_id_then_name_then_unique_prefix():
    s = Store()
    s.replace_engine("a", [net("abc123", name="web"), net("abd999", name="abc123x")], [])
    t = s.current
    assert t.find_network("web").id == "abc123"
    assert t.find_network("abc1").id == "abc123"
    assert t.find_network("ab") is None
    assert t.find_network("abc123x").id == "abd999"


def overlay(nid="o1", engine="a"):
    return Network(id=nid, engine=engine, name="ov", driver="overlay", scope="swarm")


def test_it_keeps_one_record_for_a_network_two_engines_report():
    s = Store()
    s.replace_engine("b", [overlay(engine="b")], [view("d1", engine="b", networks=["o1"])])
    p = s.replace_engine("a", [overlay(engine="a")], [view("c1", engine="a", networks=["o1"])])
    n = s.current.networks["o1"]
    assert (n.engine, n.hosts, n.spanning) == ("a", ("a", "b"), True)
    assert [x.id for x in p.networks] == ["o1"]
    assert {("o1", "c1"), ("o1", "d1")} <= set(s.current.endpoints)
    # Each engine relisting in turn changes nothing.
    for e, c in (("b", "d1"), ("a", "c1")):
        again = [view(c, engine=e, networks=["o1"])]
        assert s.replace_engine(e, [overlay(engine=e)], again) is None


def test_it_removes_a_shared_network_only_when_the_last_engine_drops_it():
    s = Store()
    s.replace_engine("a", [overlay(engine="a")], [view("c1", engine="a", networks=["o1"])])
    s.replace_engine("b", [overlay(engine="b")], [view("d1", engine="b", networks=["o1"])])
    p = s.replace_engine("a", [], [])
    assert p.removed_networks == [] and [n.hosts for n in p.networks] == [("b",)]
    assert set(s.current.endpoints) == {("o1", "d1")}
    p = s.update_networks("b", {"o1"}, [])
    assert p.removed_networks == ["o1"] and p.removed_endpoints == [("o1", "d1")]


def test_an_engine_losing_a_shared_network_drops_only_its_own_endpoints():
    s = Store()
    s.replace_engine("a", [overlay(engine="a")], [view("c1", engine="a", networks=["o1"])])
    s.replace_engine("b", [overlay(engine="b")], [view("d1", engine="b", networks=["o1"])])
    p = s.update_networks("a", {"o1"}, [])
    assert p.removed_networks == [] and p.removed_endpoints == [("o1", "c1")]
    assert s.current.networks["o1"].hosts == ("b",)
    assert not s.current.networks["o1"].spanning


def test_a_cluster_is_replaced_whole_and_only_that_cluster():
    from dashboard.topology.swarm_records import Service, SwarmNode

    s = Store()
    s.replace_cluster("x", [SwarmNode("n1", "x", "a")], [Service("s1", "x", "web")], [])
    s.replace_cluster("y", [SwarmNode("m1", "y", "b")], [], [])
    p = s.replace_cluster("x", [SwarmNode("n1", "x", "a", state="down")], [], [])
    assert [n.state for n in p.nodes] == ["down"] and p.removed_services == ["s1"]
    assert set(s.current.nodes) == {"n1", "m1"}
    assert s.replace_cluster("x", [SwarmNode("n1", "x", "a", state="down")], [], []) is None


def test_a_containers_update_matches_replacing_its_records_whatever_came_before():
    """Oracle: after any mix of relists, network changes, container updates and a cache
    replaced from outside (a seed, a follower's patch), updating some containers leaves
    exactly the old records of the others plus the new ones, and the patch says so."""
    import random
    from dataclasses import replace

    from dashboard.topology.store import difference

    rng = random.Random(15)
    networks = [net(f"n{i}") for i in range(4)]
    s = Store()
    for step in range(400):
        cids = [f"c{i}" for i in range(12)]
        op = rng.random()
        if op < 0.08:
            alive = rng.sample(cids, 6)
            views = [view(c, networks=rng.sample(["n0", "n1", "n2", "n3"], 2)) for c in alive]
            s.replace_engine("a", networks, views)
            continue
        if op < 0.12:
            s.update_networks("a", {"n3"}, rng.choice([[], [net("n3")]]))
            continue
        if op < 0.15:  # replaced from outside: the store must not trust what it knew
            s.current = replace(s.current, endpoints=dict(s.current.endpoints))
            continue
        if op < 0.18:  # a change made by another process's Store, followed here
            other = Store()
            other.current = s.current
            c = rng.choice(cids)
            patch = other.update_containers({c}, [view(c, networks=["n1"])])
            assert patch is None or s.follow(patch)
            continue
        ids = set(rng.sample(cids, rng.randint(1, 3)))
        views = []
        for c in sorted(ids):
            if rng.random() < 0.8:
                live = rng.random() < 0.7
                state = "running" if live else "exited"
                nets = rng.sample(["n0", "n1", "n2", "n3"], rng.randint(0, 3))
                views.append(view(c, networks=nets, live=live, state=state))
        old = s.current
        patch = s.update_containers(ids, views)
        want_containers = {k: v for k, v in old.containers.items() if k not in ids}
        want_containers |= {v.container.id: v.container for v in views}
        want_endpoints = {k: v for k, v in old.endpoints.items() if k[1] not in ids}
        want_endpoints |= {e.key: e for v in views for e in v.endpoints}
        assert s.current.containers == want_containers, step
        assert s.current.endpoints == want_endpoints, step
        want = difference(old, s.current, s.version)
        if patch is None:
            assert s.current is old and not want, step
            continue
        assert set(patch.removed_endpoints) == set(want.removed_endpoints), step
        assert set(patch.removed_containers) == set(want.removed_containers), step
        assert {e.key for e in patch.endpoints} == {e.key for e in want.endpoints}, step
        assert {c.id for c in patch.containers} == {c.id for c in want.containers}, step
        for cid in ids:
            mine = {k for k in s.current.endpoints if k[1] == cid}
            assert s.endpoint_keys(cid) == mine, step
            assert [e.key for e in s.endpoints_of_container(cid)] == sorted(mine), step
