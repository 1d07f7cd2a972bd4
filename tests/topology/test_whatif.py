import random

from dashboard.topology.egress import to_outside
from dashboard.topology.reachability import matrix
from dashboard.topology.records import (
    Container,
    ContainerView,
    Endpoint,
    IpamPool,
    Network,
    PortBinding,
)
from dashboard.topology.store import Store
from dashboard.topology.whatif import Change, changed, describe, new_network, what_if
from tests.topology.test_reachability import random_topology, walkthrough


def ids(t, *names):
    return [t.find_container(n).id for n in names]


def pairs(w, gained):
    return {frozenset((p.a.name, p.b.name)) for p in w.paths if p.gained is gained}


def test_it_previews_a_connect_as_the_paths_and_names_it_opens():
    t = walkthrough()
    (c1,) = ids(t, "c1")
    w = what_if(
        t, Change("connect", network="user", container=c1, ipv4="10.0.0.99", aliases=("front",))
    )
    # c7 rides in c3's stack: it is reached as c3 is, by c3's names.
    assert pairs(w, True) == {frozenset(("c1", "c3")), frozenset(("c1", "c7"))}
    assert pairs(w, False) == set()
    through = next(p.through for p in w.paths if {p.a.name, p.b.name} == {"c1", "c3"})
    assert {(n, a.split("/")[0], b.split("/")[0]) for n, a, b in through} <= {
        ("my-bridge", "10.0.0.99", "10.0.0.4"),
        ("my-bridge", "10.0.0.4", "10.0.0.99"),
    }
    names = {(n.asker.name, n.target.name): n.gained for n in w.names}
    assert "front" in names[("c3", "c1")] and "c1" in names[("c3", "c1")]
    assert "c3" in names[("c1", "c7")] and "c7" not in names[("c1", "c7")]
    assert not w.nothing and any("will reach each other" in line for line in describe(w))


def test_it_previews_a_disconnect_as_the_paths_and_names_it_closes():
    t = walkthrough()
    (c3,) = ids(t, "c3")
    w = what_if(t, Change("disconnect", network="int", container=c3))
    assert pairs(w, False) == {frozenset(("c3", "c4")), frozenset(("c7", "c4"))}
    lost = {(n.asker.name, n.target.name): n.lost for n in w.names}
    assert "db" in lost[("c4", "c3")] and "c4" in lost[("c3", "c4")]
    assert any("stop resolving" in line for line in describe(w))


def test_nothing_changes_is_an_answer():
    t = walkthrough()
    for change in (
        Change("create", new=new_network("e", "fresh")),
        Change("prune", networks=()),
    ):
        w = what_if(t, change)
        assert w.nothing and describe(w) == [
            "Nothing changes who can reach whom, what leads in, or what reaches out."
        ]
    w = what_if(t, Change("create", new=new_network("e", "fresh", internal=True)))
    assert "reach out: no" in w.notes[0]


def test_connecting_a_container_on_internal_networks_alone_opens_its_ports_and_a_way_out():
    inner = Network(id="i" * 12, engine="e", name="backend", driver="bridge", internal=True,
                    ipam=(IpamPool("10.1.0.0/24"),))  # fmt: skip
    front = Network(id="f" * 12, engine="e", name="front", driver="bridge",
                    ipam=(IpamPool("10.2.0.0/24"),))  # fmt: skip
    port = PortBinding(80, "tcp", "0.0.0.0", 8080)
    db = Container(id="d" * 12, engine="e", name="db", state="running", networks=(inner.id,),
                   configured_ports=(port,))  # fmt: skip
    s = Store()
    s.replace_engine(
        "e", [inner, front], [ContainerView(db, (Endpoint(inner.id, db.id, "10.1.0.2/24"),))]
    )
    t = s.current
    w = what_if(t, Change("connect", network=front.id, container=db.id))
    assert [(p.way, p.opened) for p in w.ports] == [
        ("0.0.0.0:8080 → 80/tcp (from outside this host)", True)
    ]
    (o,) = w.outside
    assert o.before.reachable is False and o.after.reachable is True
    assert o.after.via.network.name == "front"
    # Disconnected again, it keeps its mapping (Docker moves it to the internal endpoint),
    # but loses its way out.
    back = what_if(changed(t, w.change), Change("disconnect", network=front.id, container=db.id))
    assert back.ports == [] and back.outside[0].after.reachable is False


def test_a_stopped_container_changes_nothing_until_it_starts():
    t = walkthrough()
    s = Store()
    s.current = t
    old = Container(id="c1" * 8, engine="e", name="c1", state="exited", networks=("bridge",))
    s.update_containers({old.id}, [ContainerView(old)])
    w = what_if(s.current, Change("connect", network="user", container=old.id))
    assert w.nothing and "nothing changes until it starts" in w.notes[0]


def test_the_preview_agrees_with_the_whole_matrix_before_and_after():
    rnd = random.Random(7)
    for seed in range(6):
        t = random_topology(seed)
        owners = [c for c in t.containers.values() if not c.stack_owner]
        for _ in range(6):
            c = rnd.choice(owners)
            n = rnd.choice([n for n in t.networks.values() if n.on(c.engine)])
            kind = "disconnect" if n.id in c.networks else "connect"
            change = Change(kind, network=n.id, container=c.id)
            after = changed(t, change)
            mb, ma = matrix(t), matrix(after)
            expected = {
                (frozenset((x, y)), y in ma[x])
                for x in mb
                for y in mb
                if x != y and (y in mb[x]) != (y in ma[x])
            }
            w = what_if(t, change)
            assert {(frozenset((p.a.id, p.b.id)), p.gained) for p in w.paths} == expected
            names = {
                (x, y, tuple(sorted(set(ma[x].get(y, ())) - set(mb[x].get(y, ())))),
                 tuple(sorted(set(mb[x].get(y, ())) - set(ma[x].get(y, ())))))
                for x in mb for y in mb
                if x != y and set(ma[x].get(y, ())) != set(mb[x].get(y, ()))
            }  # fmt: skip
            assert {(n.asker.id, n.target.id, n.gained, n.lost) for n in w.names} == names
            moved = {c.id} | {r.id for r in t.containers.values() if r.stack_owner == c.id}
            for cid in moved:
                key = [
                    (v.reachable, v.host, v.via.network.id if v.via else "")
                    for v in (
                        to_outside(t, t.containers[cid]),
                        to_outside(after, after.containers[cid]),
                    )
                ]
                listed = any(o.container.id == cid for o in w.outside)
                assert listed == (key[0] != key[1])
