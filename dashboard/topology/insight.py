"""Warnings before things break: each says what is wrong, why it matters and what to do,
and names the objects involved. Worked out from the cache alone (no Docker call), so pages,
the API and the map ask for them as often as they like."""

import ipaddress
from dataclasses import dataclass, field

from dashboard.topology import wire
from dashboard.topology.addresses import implied_gateway, parse_network, utilization
from dashboard.topology.store import Topology
from dashboard.topology.times import rfc3339_to_nanos

# Docker's default address pools (Engine 20.10): 172.17-31.0.0/16 and 192.168.0.0/16 in
# /20s: 31 networks made without an explicit subnet.
DEFAULT_POOLS = [ipaddress.ip_network(f"172.{i}.0.0/16") for i in range(17, 32)] + list(
    ipaddress.ip_network("192.168.0.0/16").subnets(new_prefix=20)
)
# Services usually meant for their neighbours, not the world: published on every address
# of the host, anyone who reaches the host reaches them.
USUALLY_INTERNAL = {
    2375: "the Docker API", 2376: "the Docker API", 3306: "MySQL", 5432: "PostgreSQL",
    6379: "Redis", 9200: "Elasticsearch", 11211: "memcached", 27017: "MongoDB",
    5984: "CouchDB", 8086: "InfluxDB", 9042: "Cassandra", 5672: "RabbitMQ",
}  # fmt: skip
POOL_WARN_LEFT = 5
FULL_PERCENT = 90
TESTED_ENGINE = (20, 10)


@dataclass(frozen=True)
class Warning:
    kind: str
    what: str  # what is wrong
    why: str  # why it matters
    todo: str  # what to do
    # (kind, id, name) of what it is about
    objects: tuple = field(default_factory=tuple, metadata=wire.pairs("kind", "id", "name"))

    @property
    def key(self) -> tuple:
        return (self.kind, self.objects)


def warnings(
    t: Topology,
    host_routes: dict[str, list[tuple[str, str]]] | None = None,
    unused_days: float = 30,
    now: float = 0,
    suggest=None,
) -> list[Warning]:
    """Every warning that holds now. `host_routes` by engine (local engines only); networks
    are "unused" after `unused_days` with no container (by their creation time);
    `suggest(engine)` offers a free subnet for the pool warning."""
    out = []
    out += pools_running_out(t, suggest)
    out += subnets_nearly_full(t)
    out += overlaps_across_engines(t)
    out += overlaps_with_host_routes(t, host_routes or {})
    out += stopped_on_removed_networks(t)
    out += unused_networks(t, unused_days, now)
    out += old_engines(t)
    out += names_on_the_default_bridge(t)
    out += internal_services_published_everywhere(t)
    return out


def pools_running_out(t: Topology, suggest=None) -> list[Warning]:
    out = []
    for engine in t.engines:
        taken = set()
        for n in t.networks.values():
            if not n.on(engine) or n.scope == "swarm":
                continue
            for p in n.ipam:
                net = parse_network(p.subnet)
                taken |= {pool for pool in DEFAULT_POOLS if net is not None and pool.overlaps(net)}
        left = len(DEFAULT_POOLS) - len(taken)
        if left <= POOL_WARN_LEFT:
            free = suggest(engine) if suggest else ""
            hint = f" A free subnet: {free}." if free else ""
            out.append(
                Warning(
                    "pools",
                    f"Engine {engine} can make {left} more network{'s' if left != 1 else ''} "
                    "without an explicit subnet.",
                    "Docker's default address pools hold about 31 networks; past that, "
                    "`docker network create` and `docker compose up` fail.",
                    "Give new networks an explicit subnet, or remove unused networks." + hint,
                    (("engine", engine, engine),),
                )
            )
    return out


def subnets_nearly_full(t: Topology) -> list[Warning]:
    out = []
    by_network: dict[str, list[str]] = {}
    for e in t.endpoints.values():
        by_network.setdefault(e.network, []).extend(a for a in (e.ipv4, e.ipv6) if a)
    for n in t.networks.values():
        for p in n.ipam:
            addresses = by_network.get(n.id, [])
            gateway = p.gateway or implied_gateway(p.subnet)
            used, total = utilization(p.subnet, addresses, gateway)
            if total and 100 * used >= FULL_PERCENT * total:
                out.append(
                    Warning(
                        "full",
                        f"{n.name}: {used} of {total} addresses in {p.subnet} are in use.",
                        "A container that needs one more address fails to start or connect.",
                        "Move some containers, or make a network with a larger subnet.",
                        (("network", n.id, n.name),),
                    )
                )
            if p.ip_range:
                used_r, total_r = utilization(p.ip_range, addresses, gateway)
                if total_r and used_r >= total_r and used < total:
                    out.append(
                        Warning(
                            "range-full",
                            f"{n.name}: its IP range {p.ip_range} is full, though {p.subnet} "
                            "is not.",
                            "Docker hands out addresses from the range only: the next "
                            "container gets none.",
                            "Widen the IP range (a new network), or give containers fixed "
                            "addresses outside it.",
                            (("network", n.id, n.name),),
                        )
                    )
    return out


def overlaps_across_engines(t: Topology) -> list[Warning]:
    out, seen = [], set()
    # Every host has its own docker0 and docker_gwbridge on the same default subnets: they
    # never leave the host, so their overlaps say nothing.
    nets = [
        (n, parse_network(p.subnet))
        for n in t.networks.values()
        if not (n.default_bridge or n.gateway_bridge)
        for p in n.ipam
        if p.subnet
    ]
    for i, (a, na) in enumerate(nets):
        for b, nb in nets[i + 1 :]:
            if a.engine == b.engine or a.id == b.id or na is None or nb is None:
                continue
            if na.version == nb.version and na.overlaps(nb):
                key = tuple(sorted((a.id, b.id)))
                if key in seen:
                    continue
                seen.add(key)
                out.append(
                    Warning(
                        "overlap",
                        f"{a.name} on {a.engine} ({na}) overlaps {b.name} on {b.engine} ({nb}).",
                        "Harmless while the hosts stay apart; once they are joined, or reach "
                        "each other's networks, routing to one of them breaks.",
                        "Give one of them another subnet (the subnet planner finds a free one).",
                        (("network", a.id, a.name), ("network", b.id, b.name)),
                    )
                )
    return out


def overlaps_with_host_routes(t: Topology, routes: dict[str, list[tuple[str, str]]]) -> list:
    out = []
    for n in t.networks.values():
        for p in n.ipam:
            net = parse_network(p.subnet)
            for cidr, dev in routes.get(n.engine, []):
                theirs = parse_network(cidr)
                if net and theirs and net.version == theirs.version and net.overlaps(theirs):
                    out.append(
                        Warning(
                            "route",
                            f"{n.name} ({net}) overlaps the host's own route {theirs} on {dev}.",
                            "Traffic for those addresses goes to the containers, not where the "
                            "host's route leads (often the local network).",
                            "Recreate the network with a subnet clear of the host's routes.",
                            (("network", n.id, n.name),),
                        )
                    )
    return out


def stopped_on_removed_networks(t: Topology) -> list[Warning]:
    out = []
    for c in t.containers.values():
        gone = [nid for nid in c.networks if nid not in t.networks]
        if gone and not c.live:
            out.append(
                Warning(
                    "gone",
                    f"{c.name} is configured on {len(gone)} network(s) that no longer exist.",
                    "It fails to start: Docker cannot attach it to a removed network.",
                    "Disconnect it from the removed network (docker network disconnect -f), "
                    "or recreate the network.",
                    (("container", c.id, c.name),),
                )
            )
    return out


def unused_networks(t: Topology, days: float, now: float) -> list[Warning]:
    """User networks that no container (running or not) has used since more than `days`
    after their creation: forgotten ones hold a subnet of the pools."""
    used = {nid for c in t.containers.values() for nid in c.networks}
    used |= {e.network for e in t.endpoints.values()}
    out = []
    for n in t.networks.values():
        if n.id in used or n.predefined or n.ingress or n.gateway_bridge or not n.created:
            continue
        try:
            age = now - rfc3339_to_nanos(n.created) / 1e9
        except ValueError:
            continue
        if age >= days * 86400:
            out.append(
                Warning(
                    "unused",
                    f"{n.name} has had no container for {int(age // 86400)} days.",
                    "An unused network still holds its subnet (and a Linux bridge).",
                    "Remove it if nothing needs it (Prune unused networks).",
                    (("network", n.id, n.name),),
                )
            )
    return out


def old_engines(t: Topology) -> list[Warning]:
    out = []
    for e in t.engines.values():
        try:
            version = tuple(int(x) for x in e.server_version.split(".")[:2])
        except ValueError:
            continue
        if version < TESTED_ENGINE:
            out.append(
                Warning(
                    "engine",
                    f"Engine {e.id} runs Docker {e.server_version}, older than the "
                    f"{'.'.join(map(str, TESTED_ENGINE))} this dashboard is tested against.",
                    "Its API may lack what the map reads, or word errors differently.",
                    "Upgrade Docker on that host.",
                    (("engine", e.id, e.id),),
                )
            )
    return out


def names_on_the_default_bridge(t: Topology) -> list[Warning]:
    """Running containers that share an engine's default bridge: they reach each other by
    address only, since Docker's DNS answers names on user-defined networks alone."""
    out = []
    for n in t.networks.values():
        if not n.default_bridge:
            continue
        sharing = sorted(
            (t.containers[e.container] for e in t.endpoints.values() if e.network == n.id),
            key=lambda c: c.name,
        )
        if len(sharing) >= 2:
            names = ", ".join(c.name for c in sharing[:5]) + ("…" if len(sharing) > 5 else "")
            out.append(
                Warning(
                    "default-bridge",
                    f"{len(sharing)} running containers share the default bridge on "
                    f"{n.engine} ({names}).",
                    "On the default bridge a container cannot find another by name: Docker's "
                    "DNS answers only on user-defined networks, and --link is legacy.",
                    "Create a network (docker network create) and connect the containers "
                    "that talk to each other; they then find each other by name.",
                    tuple(("container", c.id, c.name) for c in sharing),
                )
            )
    return out


def internal_services_published_everywhere(t: Topology) -> list[Warning]:
    """Ports of services usually meant for neighbours (databases, caches, the Docker API)
    published on every address of the host, where loopback would do."""
    out = []
    for c in t.containers.values():
        open_ports = sorted(
            {
                (p.container_port, p.host_port)
                for p in c.published
                if p.every_address and p.container_port in USUALLY_INTERNAL
            }
        )
        for container_port, host_port in open_ports:
            service = USUALLY_INTERNAL[container_port]
            out.append(
                Warning(
                    "published-everywhere",
                    f"{c.name} publishes {service} (port {container_port}) on every address "
                    f"of the host, as port {host_port}.",
                    "Anyone who can reach the host can reach it; and Docker's published "
                    "ports pass the host firewall's usual rules.",
                    f"If only this host needs it, publish on loopback (-p 127.0.0.1:{host_port}:"
                    f"{container_port}); if only other containers do, do not publish it and "
                    "put them on one network.",
                    (("container", c.id, c.name),),
                )
            )
    return out
