"""Read-only views of a Topology that pages and the API share."""

from dataclasses import dataclass

from dashboard.topology.addresses import implied_gateway, utilization
from dashboard.topology.records import Container, Endpoint, Network
from dashboard.topology.store import Topology

PREDEFINED_NAMES = frozenset({"bridge", "host", "none"})


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
