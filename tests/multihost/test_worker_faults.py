"""Hosts of a real two-node swarm leaving, stopping and coming back, and a manager without
quorum: the map says so, from both the engines and the manager. (Runs after the other
two-host modules: it changes the swarm, and puts it back.)"""

import time

import pytest

from tests.harness.wait import eventually

pytestmark = pytest.mark.django_db


def test_a_worker_leaving_shows_within_a_second_or_two(two_hosts, both_hub):
    a, b = two_hosts.a, two_hosts.b
    old_node = b.api().info()["Swarm"]["NodeID"]
    assert both_hub.wait_for(lambda t: t.engines["hostb"].node_id == old_node, 5)
    assert both_hub.wait_for(lambda t: any(n.ingress and n.spanning for n in t.networks.values()))
    b.api().leave_swarm(force=True)
    try:
        # No event says so: the next /info does, and the relist drops hostb's overlays.
        left = both_hub.wait_for(
            lambda t: (
                t.engines["hostb"].swarm == "inactive"
                and not any(n.on("hostb") and n.scope == "swarm" for n in t.networks.values())
            ),
            2.5,
        )
        assert left, both_hub.current.engines["hostb"]
        assert both_hub.wait_for(lambda t: t.nodes[old_node].state == "down", 30)
    finally:
        two_hosts.join_b()
        a.api().remove_node(old_node, force=True)
    new_node = b.api().info()["Swarm"]["NodeID"]
    assert both_hub.wait_for(
        lambda t: (
            t.engines["hostb"].node_id == new_node
            and old_node not in t.nodes
            and t.nodes.get(new_node) is not None
            and t.nodes[new_node].up
        ),
        5,
    )


def test_a_stopped_worker_shows_down_as_engine_and_node_and_comes_back(two_hosts, both_hub):
    b = two_hosts.b
    node = b.api().info()["Swarm"]["NodeID"]
    assert both_hub.wait_for(lambda t: node in t.nodes and t.nodes[node].up, 5)
    b.stop()
    try:
        assert both_hub.wait_for(lambda t: t.engines["hostb"].status == "disconnected", 3)
        assert both_hub.wait_for(lambda t: t.nodes[node].state == "down", 30)
    finally:
        b.start(fresh=False)  # it must keep its swarm membership
    answered = time.monotonic()
    assert both_hub.wait_for(lambda t: t.engines["hostb"].status == "connected", 5)
    reconnected = time.monotonic() - answered
    assert both_hub.wait_for(lambda t: t.nodes[node].up, 30)
    print(f"hostb reconnected {reconnected:.2f} s after its daemon answered")


def test_a_manager_without_quorum_keeps_the_last_swarm_marked_stale(two_hosts, both_hub):
    a, b = two_hosts.a, two_hosts.b
    node = b.api().info()["Swarm"]["NodeID"]
    _set_role(a.api(), node, "manager")
    assert eventually(lambda: b.api().info()["Swarm"]["ControlAvailable"], 20, 0.3)
    assert both_hub.wait_for(lambda t: t.nodes[node].role == "manager", 5)
    known = set(both_hub.current.nodes)
    b.stop()  # one manager of two: no quorum
    try:
        stale = both_hub.wait_for(lambda t: t.engines["hosta"].cluster_error != "", 30)
        assert stale, both_hub.current.engines["hosta"]
        assert set(both_hub.current.nodes) == known  # the last state read stays
        # Its /info waits on the swarm, yet the engine itself answers: not down.
        time.sleep(5)
        assert both_hub.current.engines["hosta"].status == "connected"
    finally:
        b.start(fresh=False)
    assert both_hub.wait_for(lambda t: t.engines["hosta"].cluster_error == "", 30)
    eventually(lambda: _try_set_role(a.api(), node, "worker"), 20, 0.5)
    assert both_hub.wait_for(lambda t: t.nodes[node].role == "worker", 5)


def _set_role(api, node: str, role: str) -> None:
    spec = api.inspect_node(node)
    api.update_node(node, spec["Version"]["Index"], {**spec["Spec"], "Role": role})


def _try_set_role(api, node: str, role: str) -> bool:
    try:
        _set_role(api, node, role)
    except Exception:  # noqa: BLE001 - the swarm may still be electing its leader
        return False
    return True
