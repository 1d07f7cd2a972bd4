from dashboard.topology.records import EngineState, Network
from dashboard.topology.store import Store
from dashboard.topology.swarm import engine_of_node, manager_for, members, stale, vips
from dashboard.topology.swarm_records import Service, SwarmNode, Task


def cluster(manager_status="connected", cluster_error=""):
    s = Store()
    s.set_engine(
        EngineState("a", manager_status, node_id="NA", cluster="x", manager=True,
                    cluster_error=cluster_error)
    )  # fmt: skip
    s.set_engine(EngineState("b", "connected", node_id="NB", cluster="x"))
    ov = Network(id="ov", engine="a", name="ov", driver="overlay", scope="swarm")
    s.replace_engine("a", [ov], [])
    s.replace_engine("b", [ov], [])
    s.replace_cluster(
        "x",
        [SwarmNode("NA", "x", "hosta"), SwarmNode("NB", "x", "hostb"), SwarmNode("NC", "x", "c")],
        [Service("S", "x", "web", vips=(("ov", "10.0.1.2/24"),))],
        [
            Task("T2", "x", "S", "NC", 2, "running", addresses=(("ov", "10.0.1.5/24"),)),
            Task("T1", "x", "S", "NA", 1, "running", addresses=(("ov", "10.0.1.4/24"),)),
        ],
    )
    return s.current


def test_it_knows_which_engine_is_which_node():
    t = cluster()
    assert (engine_of_node(t, "NA"), engine_of_node(t, "NC")) == ("a", "")


def test_a_swarm_is_stale_when_no_watched_manager_reads_it():
    assert not stale(cluster(), "x")
    assert stale(cluster(manager_status="disconnected"), "x")
    assert stale(cluster(cluster_error="no leader"), "x")


def test_it_lists_a_networks_tasks_by_node_and_its_vips():
    t = cluster()
    assert [(m.node, m.name, m.address) for m in members(t, "ov")] == [
        ("c", "web.2", "10.0.1.5/24"),
        ("hosta", "web.1", "10.0.1.4/24"),
    ]
    assert vips(t, "ov") == [("web", "10.0.1.2/24")]


def test_a_swarm_network_is_asked_of_a_connected_manager():
    assert manager_for(cluster(), cluster().networks["ov"]) == "a"
    t = cluster(manager_status="disconnected")
    assert manager_for(t, t.networks["ov"]) == "a"  # no manager up: its first host


def test_a_swarm_network_is_asked_of_its_manager_even_when_a_worker_sorts_first():
    s = Store()
    s.set_engine(EngineState("a", "connected", node_id="NA", cluster="x"))
    s.set_engine(EngineState("b", "connected", node_id="NB", cluster="x", manager=True))
    ov = Network(id="ov", engine="a", name="ov", driver="overlay", scope="swarm")
    s.replace_engine("a", [ov], [])
    s.replace_engine("b", [ov], [])
    n = s.current.networks["ov"]
    assert n.engine == "a" and manager_for(s.current, n) == "b"
