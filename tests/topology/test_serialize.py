"""JSON and back: what a follower process rebuilds equals what the watcher process holds."""

import json

from dashboard.topology import serialize
from dashboard.topology.records import (
    Container,
    ContainerView,
    Endpoint,
    EngineState,
    IpamPool,
    Network,
)
from dashboard.topology.store import Store
from dashboard.topology.swarm_records import Service, ServicePort, SwarmNode, Task


def network(nid, **kw):
    return Network(
        id=nid,
        engine="a",
        name=f"<b>{nid}</b>",
        driver="bridge",
        ipam=(IpamPool("10.1.0.0/24", "10.1.0.1", "10.1.0.128/25"),),
        options={"com.docker.network.bridge.enable_icc": "false"},
        labels={"k": "v"},
        created="2026-11-28T00:00:00Z",
        **kw,
    )


def view(cid, *nets):
    c = Container(
        id=cid,
        engine="a",
        name=cid,
        image="img",
        state="running",
        created=1795860000,
        started_at=1795860005,
        finished_at=1795859000,
        exit_code=0,
        health="healthy",
        labels={"x": "y"},
        networks=nets,
        network_mode="bridge",
    )
    eps = tuple(
        Endpoint(n, cid, "10.1.0.2/24", "fd00::2/64", "02:42:0a:01:00:02", ("db",)) for n in nets
    )
    return ContainerView(c, eps)


def swarm(replicas=2, task_state="running"):
    nodes = [
        SwarmNode("nA", "x", "<i>hosta</i>", "10.9.0.1", "manager", "active", "ready", True),
        SwarmNode("nB", "x", "hostb", "10.9.0.2", state="down", labels={"z": "1"}),
    ]
    services = [
        Service(
            "s1",
            "x",
            "web",
            "img",
            replicas=replicas,
            networks=("o1",),
            vips=(("o1", "10.0.1.2/24"),),
            ports=(ServicePort(80, 8080),),
        )
    ]
    tasks = [Task("t1", "x", "s1", "nB", 1, task_state, "running", "c9", (("o1", "10.0.1.4/24"),))]
    return nodes, services, tasks


def roundtrip(text_of, obj):
    return json.loads(json.dumps(text_of(obj)))


def test_a_topology_comes_back_whole():
    s = Store()
    s.set_engine(EngineState("a", "connected", "", "20.10", "active", ("bridge", "overlay"), "h"))
    s.replace_engine("a", [network("n1", internal=True), network("n2")], [view("c1", "n1", "n2")])
    s.replace_engine("b", [network("n2", scope="swarm")], [])
    s.replace_cluster("x", *swarm())
    assert s.current.networks["n2"].spanning
    back = serialize.topology_from(roundtrip(serialize.topology_dict, s.current))
    assert back == s.current


def test_a_follower_applying_patches_ends_where_the_leader_is():
    leader, follower = Store(version=1000), Store()
    follower.current = serialize.topology_from(roundtrip(serialize.topology_dict, leader.current))
    patches = [
        leader.set_engine(EngineState("a", "connected")),
        leader.replace_engine("a", [network("n1"), network("n2")], [view("c1", "n1")]),
        leader.update_containers({"c1", "c2"}, [view("c1", "n2"), view("c2", "n1")]),
        leader.update_networks("a", {"n1"}, []),
        leader.replace_cluster("x", *swarm()),
        leader.replace_cluster("x", *swarm(replicas=3, task_state="failed")),
        leader.replace_cluster("x", [], [], []),
    ]
    for p in patches:
        assert follower.follow(serialize.patch_from(roundtrip(serialize.patch_dict, p)))
    assert follower.current == leader.current
    assert not follower.follow(patches[-1])  # does not start at its version: refused
    assert follower.current == leader.current
