"""What pages and the API say of a swarm, from what its managers tell: which watched
engine is which node, whether the swarm shown is stale, and who is on a network across
every node (tasks with their addresses, services with their virtual IPs)."""

from dataclasses import dataclass

from dashboard.topology.records import CONNECTED, EngineState, Network
from dashboard.topology.store import Topology
from dashboard.topology.swarm_records import Task


@dataclass(frozen=True)
class Member:
    """A task on a network, wherever its node is."""

    task: Task
    name: str  # as `docker service ps` shows it: service.slot
    node: str  # the node's hostname
    address: str


def engine_of_node(t: Topology, node_id: str) -> str:
    """The watched engine that is this node, or "" for one seen through a manager only."""
    return next((e.id for e in t.engines.values() if e.node_id == node_id), "")


def readers(t: Topology, cluster: str) -> list[EngineState]:
    """The watched managers of a swarm."""
    return [e for e in t.engines.values() if e.manager and e.cluster == cluster]


def stale(t: Topology, cluster: str) -> bool:
    """No watched manager reads the swarm now (down, or without a leader): what is shown
    of it is the last state read."""
    return not any(e.status == CONNECTED and not e.cluster_error for e in readers(t, cluster))


def task_name(t: Topology, task: Task) -> str:
    service = t.services.get(task.service)
    name = service.name if service else task.service[:12]
    return f"{name}.{task.slot}" if task.slot else f"{name}.{task.node[:12]}"


def members(t: Topology, network_id: str) -> list[Member]:
    """Every task on the network, on every node, by node and name."""
    out = []
    for task in t.tasks.values():
        for nid, address in task.addresses:
            if nid == network_id:
                node = t.nodes.get(task.node)
                hostname = node.hostname if node else task.node[:12]
                out.append(Member(task, task_name(t, task), hostname, address))
    return sorted(out, key=lambda m: (m.node, m.name))


def vips(t: Topology, network_id: str) -> list[tuple[str, str]]:
    """(service name, virtual IP) of each service on the network."""
    return sorted(
        (s.name, vip) for s in t.services.values() for nid, vip in s.vips if nid == network_id
    )


def manager_for(t: Topology, network: Network) -> str:
    """The engine to ask about a swarm network: a connected manager among its hosts (its
    verbose inspect lists every node's peers and tasks), else its first host."""
    for engine in network.hosts:
        e = t.engines.get(engine)
        if e is not None and e.manager and e.status == CONNECTED:
            return engine
    return network.engine


def peers(inspect: dict) -> list[tuple[str, str]]:
    """(node name, host address) of each peer, from a manager's verbose network inspect."""
    return sorted((p.get("Name", ""), p.get("IP", "")) for p in inspect.get("Peers") or ())
