"""The topology's immutable snapshots and the patches between them: what readers hold, what
the sockets and history carry. The Store (store.py) is their one writer."""

from dataclasses import dataclass, field

from dashboard.topology.records import Container, Endpoint, EngineState, Network
from dashboard.topology.swarm_records import Service, SwarmNode, Task

# The swarm's kinds, each a dict by id in a Topology and a pair of lists in a Patch.
SWARM_KINDS = ("nodes", "services", "tasks")


@dataclass(frozen=True, slots=True)
class Topology:
    version: int = 0
    engines: dict[str, EngineState] = field(default_factory=dict)
    networks: dict[str, Network] = field(default_factory=dict)
    containers: dict[str, Container] = field(default_factory=dict)
    endpoints: dict[tuple[str, str], Endpoint] = field(default_factory=dict)
    # What managers tell of their swarms (every node, service and task, watched or not).
    nodes: dict[str, SwarmNode] = field(default_factory=dict)
    services: dict[str, Service] = field(default_factory=dict)
    tasks: dict[str, Task] = field(default_factory=dict)

    def endpoints_of_network(self, network_id: str) -> list[Endpoint]:
        return [e for e in self.endpoints.values() if e.network == network_id]

    def endpoints_of_container(self, container_id: str) -> list[Endpoint]:
        return [e for e in self.endpoints.values() if e.container == container_id]

    def find_network(self, ref: str) -> Network | None:
        """The one network `ref` names (see `networks_named`), or None: none, or several."""
        return _one(self.networks_named(ref))

    def find_container(self, ref: str) -> Container | None:
        return _one(self.containers_named(ref))

    def networks_named(self, ref: str) -> list[Network]:
        """The networks `ref` names as the docker CLI reads it: a full id, else an exact
        name (several engines may each have one), else an id prefix."""
        return _matches(self.networks, ref)

    def containers_named(self, ref: str) -> list[Container]:
        return _matches(self.containers, ref)


def _matches(objects: dict, ref: str) -> list:
    if not ref:
        return []
    if ref in objects:
        return [objects[ref]]
    by_name = [o for o in objects.values() if o.name == ref]
    if by_name:
        return sorted(by_name, key=lambda o: (o.engine, o.id))
    return sorted((o for o in objects.values() if o.id.startswith(ref)), key=lambda o: o.id)


def _one(found: list):
    return found[0] if len(found) == 1 else None


@dataclass(frozen=True, slots=True)
class Patch:
    """Built once, complete (the store makes every patch), and never changed after: the
    sockets, history and followers may hold the same one."""

    base: int
    version: int
    networks: list[Network] = field(default_factory=list)
    containers: list[Container] = field(default_factory=list)
    endpoints: list[Endpoint] = field(default_factory=list)
    removed_networks: list[str] = field(default_factory=list)
    removed_containers: list[str] = field(default_factory=list)
    removed_endpoints: list[tuple[str, str]] = field(default_factory=list)
    engines: list[EngineState] = field(default_factory=list)
    nodes: list[SwarmNode] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    removed_nodes: list[str] = field(default_factory=list)
    removed_services: list[str] = field(default_factory=list)
    removed_tasks: list[str] = field(default_factory=list)
    # For history, not for the sockets: Docker's events behind this patch, and whether a
    # full relist found it (events missed, an engine back, a start after a gap).
    events: list[dict] = field(default_factory=list)
    relist: bool = False

    def __bool__(self) -> bool:
        return any(
            (
                self.networks,
                self.containers,
                self.endpoints,
                self.removed_networks,
                self.removed_containers,
                self.removed_endpoints,
                self.engines,
                *self._swarm_lists(),
            )
        )

    def _swarm_lists(self) -> tuple[list, ...]:
        return tuple(getattr(self, f) for k in SWARM_KINDS for f in (k, f"removed_{k}"))

    @property
    def size(self) -> int:
        return (
            len(self.networks)
            + len(self.containers)
            + len(self.endpoints)
            + len(self.removed_networks)
            + len(self.removed_containers)
            + len(self.removed_endpoints)
            + sum(len(x) for x in self._swarm_lists())
        )


def _merged(old: dict, removed, upserts: dict) -> dict:
    gone = set(removed)
    return {**{k: v for k, v in old.items() if k not in gone}, **upserts}


def applied(t: Topology, patch: Patch) -> Topology:
    """`t` with `patch` applied, whatever version it started from (history replays patches
    across a takeover's jump in versions)."""
    return Topology(
        version=patch.version,
        engines=_merged(t.engines, (), {e.id: e for e in patch.engines}),
        networks=_merged(t.networks, patch.removed_networks, {n.id: n for n in patch.networks}),
        containers=_merged(
            t.containers, patch.removed_containers, {c.id: c for c in patch.containers}
        ),
        endpoints=_merged(
            t.endpoints, patch.removed_endpoints, {e.key: e for e in patch.endpoints}
        ),
        **{
            k: _merged(
                getattr(t, k), getattr(patch, f"removed_{k}"), {o.id: o for o in getattr(patch, k)}
            )
            for k in SWARM_KINDS
        },
    )


def difference(old: Topology, new: Topology, version: int) -> Patch:
    """The patch that turns `old` into `new` (what a relist found across a gap)."""
    lists = {}
    for kind in ("networks", "containers", "endpoints", *SWARM_KINDS):
        mine, theirs = getattr(old, kind), getattr(new, kind)
        lists[kind] = [v for k, v in theirs.items() if mine.get(k) != v]
        lists[f"removed_{kind}"] = [k for k in mine if k not in theirs]
    engines = [e for k, e in new.engines.items() if old.engines.get(k) != e]
    return Patch(base=old.version, version=version, engines=engines, **lists)
