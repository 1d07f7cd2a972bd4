"""Who talks to whom: the connections in containers' socket tables, each put to the
containers, host or outside at its two ends, by the addresses the topology knows.

One connection between two containers shows in both their tables; it is counted once, by
its four addresses and ports. A socket's side is known from the table it is in: the end
whose port the namespace listens on is the server.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dashboard.topology.records import Network, pool_gateways
from dashboard.topology.sockets import ESTABLISHED, LISTEN, Socket
from dashboard.topology.store import Topology

CONTAINER = "container"
HOST = "host"
OUTSIDE = "outside"


@dataclass(frozen=True, slots=True, order=True)
class Peer:
    """One end of a flow: a container (by id), an engine's host (by engine name), or
    anything else ("outside", with no id: the dashboard does not name the world)."""

    kind: str
    id: str = ""


@dataclass(frozen=True, slots=True, order=True)
class Flow:
    """The connections from `client` to `server` on one protocol and server port."""

    client: Peer
    server: Peer
    proto: str
    port: int
    connections: int


def _bare(cidr: str) -> str:
    return cidr.split("/", 1)[0]


def _on_engine(network: Network | None, engine: str) -> bool:
    return network is not None and engine in network.hosts


def address_book(t: Topology, engine: str) -> dict[str, Peer]:
    """Each address a connection seen on `engine` may come from, with its owner: the
    containers on that engine's networks (a swarm network's remote tasks included), and
    the host behind each of those networks' gateways. Bridges on other engines may reuse
    the same subnets, so only networks `engine` is on count."""
    book: dict[str, Peer] = {}
    for net in t.networks.values():
        if not _on_engine(net, engine):
            continue
        for pg in pool_gateways(net, t.endpoints_of_network(net.id)):
            if pg.gateway:
                book[_bare(pg.gateway)] = Peer(HOST, engine)
    for e in t.endpoints.values():
        if _on_engine(t.networks.get(e.network), engine):
            for cidr in (e.ipv4, e.ipv6):
                if cidr:
                    book[_bare(cidr)] = Peer(CONTAINER, e.container)
    return book


def flows(
    tables: Mapping[str, Iterable[Socket]],
    t: Topology,
    engine: str,
    host_addresses: Iterable[str] = (),
) -> list[Flow]:
    """The flows in `tables` (each container's sockets, by container id, all read on
    `engine`), sorted. `host_addresses` are the host's own, which reach containers
    through published ports."""
    book = address_book(t, engine)
    for a in host_addresses:
        book.setdefault(a, Peer(HOST, engine))
    seen: dict[tuple, set[tuple]] = {}
    for cid, sockets in tables.items():
        sockets = list(sockets)
        listening = {(s.proto, s.local_port) for s in sockets if s.state == LISTEN}
        here = Peer(CONTAINER, cid)
        for s in sockets:
            if s.state != ESTABLISHED or s.loopback:
                continue
            there = book.get(s.remote, Peer(OUTSIDE))
            if (s.proto, s.local_port) in listening:
                key = (there, here, s.proto, s.local_port)
                wire = (s.remote, s.remote_port, s.local, s.local_port)
            else:
                key = (here, there, s.proto, s.remote_port)
                wire = (s.local, s.local_port, s.remote, s.remote_port)
            seen.setdefault(key, set()).add(wire)
    return sorted(Flow(*key, len(wires)) for key, wires in seen.items())
