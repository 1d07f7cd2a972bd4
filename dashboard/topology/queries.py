"""Read-only views of a Topology that pages and the API share."""

from dataclasses import dataclass

from dashboard.topology.addresses import implied_gateway, utilization
from dashboard.topology.records import Container, Endpoint, Network
from dashboard.topology.store import Topology


@dataclass(frozen=True)
class NetworkRow:
    network: Network
    endpoints: int
    used: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.used / self.total) if self.total else 0


def endpoints_by_network(t: Topology) -> dict[str, list[Endpoint]]:
    out: dict[str, list[Endpoint]] = {}
    for e in t.endpoints.values():
        out.setdefault(e.network, []).append(e)
    return out


def network_rows(t: Topology) -> list[NetworkRow]:
    """What `docker network ls` shows, plus counts and subnet use, sorted by engine and name."""
    by_network = endpoints_by_network(t)
    rows = []
    for n in t.networks.values():
        eps = by_network.get(n.id, [])
        used = total = 0
        for pool in n.ipam:
            addresses = [e.ipv4 for e in eps] + [e.ipv6 for e in eps]
            gateway = pool.gateway or implied_gateway(pool.subnet)
            u, s = utilization(pool.subnet, addresses, gateway)
            used, total = used + u, total + s
        rows.append(NetworkRow(network=n, endpoints=len(eps), used=used, total=total))
    return sorted(rows, key=lambda r: (r.network.engine, r.network.name.lower(), r.network.id))


def attached(t: Topology, network_id: str) -> list[tuple[Endpoint, Container | None]]:
    """A network's live endpoints with their containers, by container name."""
    pairs = [(e, t.containers.get(e.container)) for e in t.endpoints_of_network(network_id)]
    return sorted(pairs, key=lambda p: p[1].name if p[1] else p[0].container)


def configured(t: Topology, network_id: str) -> list[Container]:
    """Containers configured on a network but not attached now (stopped ones)."""
    live = {e.container for e in t.endpoints_of_network(network_id)}
    return sorted(
        (c for c in t.containers.values() if network_id in c.networks and c.id not in live),
        key=lambda c: c.name,
    )


def container_networks(
    t: Topology, container: Container
) -> list[tuple[Network | None, str, Endpoint | None]]:
    """Each network a container is configured on, with its endpoint when live."""
    eps = {e.network: e for e in t.endpoints_of_container(container.id)}
    rows = []
    for nid in container.networks:
        n = t.networks.get(nid)
        rows.append((n, nid, eps.get(nid)))
    return sorted(rows, key=lambda r: r[0].name if r[0] else r[1])


def prune_candidates(t: Topology) -> list[Network]:
    """Networks no container references, running or not, and that Docker would prune."""
    referenced = {nid for c in t.containers.values() for nid in c.networks}
    referenced |= {e.network for e in t.endpoints.values()}
    return sorted(
        (
            n
            for n in t.networks.values()
            if n.id not in referenced
            and not n.predefined
            and not n.ingress
            and not n.gateway_bridge
        ),
        key=lambda n: (n.engine, n.name),
    )


def connect_candidates(t: Topology, network: Network) -> list[Container]:
    """Containers of the network's engine that could be connected to it: not on it already
    (attached or configured), and with a network stack of their own."""
    on_it = {e.container for e in t.endpoints_of_network(network.id)}
    on_it |= {c.id for c in t.containers.values() if network.id in c.networks}
    return sorted(
        (
            c
            for c in t.containers.values()
            if network.on(c.engine)
            and c.id not in on_it
            and c.network_mode not in ("host", "none")
            and not c.stack_owner
        ),
        key=lambda c: c.name,
    )


def used_addresses(t: Topology, network: Network) -> dict[str, str]:
    """Addresses taken on a network (without prefix length), with who holds each: its
    containers' endpoints and its configured gateways."""
    used = {}
    for e, c in attached(t, network.id):
        for address in (e.ipv4, e.ipv6):
            if address:
                used[address.split("/")[0]] = c.name if c else e.container[:12]
    for p in network.ipam:
        if p.gateway:
            used[p.gateway] = "the gateway"
    return used
