"""Who talks to whom: the connections in containers' socket tables, each put to the
containers, host or outside at its two ends, by the addresses the topology knows.

One connection between two containers shows in both their tables; it is counted once, by
its four addresses and ports. A socket's side is known from the table it is in: the end
whose port the namespace listens on is the server. The host's conntrack, which sees
connections from outside the containers, knows the client from the server itself; its
connections are put in the same shape (as_seen).
"""

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dashboard.topology.pool_gateways import pool_gateways
from dashboard.topology.records import Network
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


@dataclass(frozen=True, slots=True, order=True)
class Connection:
    """One TCP connection (or connected UDP socket) by its addresses, client to server:
    the same from both its ends when no NAT stands between them."""

    proto: str
    client: str
    client_port: int
    server: str
    server_port: int


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


def connections(sockets: Iterable[Socket]) -> list[tuple[Connection, bool]]:
    """The connections in one namespace's socket table, each with True where this
    namespace is the server: the end whose port it listens on. Loopback ones and those
    not (or no longer) established carry nothing between containers and are left out."""
    sockets = list(sockets)
    listening = {(s.proto, s.local_port) for s in sockets if s.state == LISTEN}
    out = []
    for s in sockets:
        if s.state != ESTABLISHED or s.loopback:
            continue
        if (s.proto, s.local_port) in listening:
            out.append((Connection(s.proto, s.remote, s.remote_port, s.local, s.local_port), True))
        else:
            out.append((Connection(s.proto, s.local, s.local_port, s.remote, s.remote_port), False))
    return out


def as_seen(
    tracked: Iterable[Connection], book: Mapping[str, Peer]
) -> dict[str, list[tuple[Connection, bool]]]:
    """Connections seen from outside the containers (the host's conntrack, which knows
    the client from the server), put under the container at each end as its own socket
    table would have shown them: the server's with True, the client's with False. Those
    with no container at either end (`book`: address_book) are left out."""
    out: dict[str, list[tuple[Connection, bool]]] = {}
    for conn in tracked:
        for address, serving in ((conn.server, True), (conn.client, False)):
            peer = book.get(address)
            if peer is not None and peer.kind == CONTAINER:
                out.setdefault(peer.id, []).append((conn, serving))
    return out


def _owner(book: Mapping[str, Peer], address: str, engine: str) -> Peer:
    """Who has `address`: the book's owner; the host for a loopback address (only the
    host's own conntrack shows one, a container's loopback never leaves it); else outside."""
    peer = book.get(address)
    if peer is not None:
        return peer
    return Peer(HOST, engine) if ipaddress.ip_address(address).is_loopback else Peer(OUTSIDE)


def flows(
    seen: Mapping[str, Iterable[tuple[Connection, bool]]],
    t: Topology,
    engine: str,
    host_addresses: Iterable[str] = (),
) -> list[Flow]:
    """The flows in what each container's namespace showed (`connections`, by container
    id, all read on `engine`), sorted. `host_addresses` are the host's own, which reach
    containers through published ports."""
    book = address_book(t, engine)
    for a in host_addresses:
        book.setdefault(a, Peer(HOST, engine))
    counted: dict[tuple, set[Connection]] = {}
    for cid, found in seen.items():
        here = Peer(CONTAINER, cid)
        for conn, serving in found:
            if serving:
                key = (_owner(book, conn.client, engine), here)
            else:
                key = (here, _owner(book, conn.server, engine))
            counted.setdefault((*key, conn.proto, conn.server_port), set()).add(conn)
    return sorted(Flow(*key, len(conns)) for key, conns in counted.items())
