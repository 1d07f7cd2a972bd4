"""What the outside can reach: every published port on every engine, the ports only exposed,
the containers in the host's network stack, and the host ports two containers ask for.

Running containers' bindings are Docker's list as it reports them; a stopped container
publishes nothing, so its claims come from its configuration (container inspect), which is
what its next start would ask for.
"""

from dataclasses import dataclass

from dashboard.topology.records import Container, PortBinding
from dashboard.topology.store import Topology

PUBLISHED = "published"
EXPOSED = "exposed"  # in the image or --expose, not published
CLAIMED = "claimed"  # a stopped container's configured binding
HOST_NETWORK = "host network"  # every port it listens on is the host's


@dataclass(frozen=True)
class PortRow:
    container: Container
    kind: str
    binding: PortBinding | None = None  # None for HOST_NETWORK
    conflicts: tuple[str, ...] = ()  # names of the containers asking for the same host port

    @property
    def sort_key(self) -> tuple:
        b = self.binding
        return (
            self.container.engine,
            b.host_port if b and b.host_port else 1 << 17,
            b.host_ip if b else "",
            b.protocol if b else "",
            self.container.name,
            b.container_port if b else 0,
        )


def claims(c: Container) -> tuple[PortBinding, ...]:
    """The host ports a container holds (running) or would ask for (not running)."""
    if c.live:
        return c.published
    return tuple(p for p in c.configured_ports if p.published)


def port_rows(t: Topology) -> list[PortRow]:
    """One row per binding, exposed port and host-network container, sorted by engine and
    host port; each published or claimed row names the containers that collide with it."""
    by_engine: dict[str, list[tuple[Container, PortBinding]]] = {}
    for c in t.containers.values():
        for p in claims(c):
            by_engine.setdefault(c.engine, []).append((c, p))
    rows = []
    for c in t.containers.values():
        if c.host_network:
            rows.append(PortRow(c, HOST_NETWORK))
        own = claims(c)
        for p in own:
            others = sorted(
                {o.name for o, q in by_engine.get(c.engine, []) if o.id != c.id and p.overlaps(q)}
            )
            rows.append(PortRow(c, PUBLISHED if c.live else CLAIMED, p, tuple(others)))
        for p in c.ports:
            if not p.published:
                rows.append(PortRow(c, EXPOSED, p))
    return sorted(rows, key=lambda r: r.sort_key)


def who_holds(rows: list[PortRow], engine: str, port: int, protocol: str = "tcp") -> list[PortRow]:
    """The `port_rows` that hold or claim host `port` on `engine` (any address): empty when
    free."""
    return [
        r
        for r in rows
        if r.container.engine == engine
        and r.kind in (PUBLISHED, CLAIMED)
        and r.binding.host_port == port
        and r.binding.protocol == protocol
    ]
