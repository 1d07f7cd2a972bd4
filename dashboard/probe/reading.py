"""One reading of an engine's host: its containers from Docker, each one's sockets from
the kernel, and the flows between them."""

from dataclasses import dataclass

from dashboard.engine.client import EngineClient
from dashboard.engine.errors import EngineError
from dashboard.probe.kernel import read_sockets
from dashboard.topology.flows import Connection, Flow, connections, flows
from dashboard.topology.store import Store, Topology


@dataclass(frozen=True)
class Reading:
    topology: Topology
    seen: dict[str, list[tuple[Connection, bool]]]  # by container id: one per namespace
    flows: list[Flow]


def own_namespace(c) -> bool:
    """A container whose sockets are its own: running, not in the host's network stack
    (those are the host's) and not in another container's (read once, as that one's)."""
    return c.state == "running" and not c.host_network and not c.stack_owner


def read(client: EngineClient, proc: str = "/proc", pids: dict[str, int] | None = None) -> Reading:
    """One reading. `pids`, kept by the caller from one reading to the next, spares an
    inspect per container each time: a pid is asked for again once its process is gone
    (the container stopped or restarted)."""
    pids = {} if pids is None else pids
    networks = client.networks()
    views = client.containers({n.name: n.id for n in networks})
    store = Store()
    store.replace_engine(client.name, networks, views)
    running = {v.container.id for v in views if own_namespace(v.container)}
    for cid in [cid for cid in pids if cid not in running]:
        del pids[cid]
    seen = {}
    for cid in sorted(running):
        if cid not in pids:
            try:
                pids[cid] = client.pid(cid)
            except EngineError:
                continue  # removed since the list: nothing left to read
        sockets = read_sockets(pids[cid], proc) if pids[cid] else None
        if sockets is None:
            del pids[cid]
        else:
            seen[cid] = connections(sockets)
    return Reading(store.current, seen, flows(seen, store.current, client.name))
