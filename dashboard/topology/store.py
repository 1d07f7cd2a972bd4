"""The topology cache: immutable snapshots, replaced whole on every change, and the patches
between them.

One Store holds every engine; its version rises by one with every change that alters the
picture, whichever engine it came from. Writers are a single thread (the watchers' event
loop); readers on other threads take `store.current`, which is never mutated.
"""

from dataclasses import dataclass, field, replace

from dashboard.topology.records import (
    Container,
    ContainerView,
    Endpoint,
    EngineState,
    Network,
    Service,
    SwarmNode,
    Task,
)

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


@dataclass(slots=True)
class Patch:
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


def _diff(old: dict, new: dict, scope) -> tuple[list, list, dict]:
    """Upserts and removals that turn the part of `old` whose keys are in `scope` into
    `new`, and the result. `scope` is the keys themselves, so that a change to a few
    records costs what they do, not what the whole map does."""
    upserts = [value for key, value in new.items() if old.get(key) != value]
    removed = [key for key in scope if key not in new]
    if not upserts and not removed:
        return [], [], old
    merged = dict(old)
    for key in removed:
        del merged[key]
    merged.update(new)
    return upserts, removed, merged


def _where(old: dict, in_scope) -> list:
    """The keys of `old` whose records are in scope: a pass over all of them, for the
    changes that replace a whole engine's, network's or cluster's part."""
    return [key for key, value in old.items() if in_scope(key, value)]


def _keys_by_container(endpoints: dict) -> dict[str, set[tuple[str, str]]]:
    index: dict[str, set[tuple[str, str]]] = {}
    for key in endpoints:
        index.setdefault(key[1], set()).add(key)
    return index


def _reports(old: dict, engine: str, fresh: list[Network], in_scope) -> list[Network]:
    """The records that result from `engine` reporting `fresh` about the in-scope networks:
    a network other engines report too is one record listing them all. Its fields stay as
    first reported (Docker networks never change; nodes differ only in details such as
    the creation time), so engines relisting in turn do not make it flicker."""
    fresh_ids = {n.id for n in fresh}
    out = []
    for n in fresh:
        prev = old.get(n.id)
        others = {e for e in prev.hosts if e != engine} if prev else set()
        out.append(_on(prev if others else n, {engine, *others}))
    for nid, prev in old.items():
        if nid not in fresh_ids and prev.spanning and prev.on(engine) and in_scope(prev):
            out.append(_on(prev, set(prev.hosts) - {engine}))  # left this engine only
    return out


def _on(n: Network, hosts: set[str]) -> Network:
    ordered = tuple(sorted(hosts))
    engines = ordered if len(ordered) > 1 else ()
    if n.engine == ordered[0] and n.engines == engines:
        return n
    return replace(n, engine=ordered[0], engines=engines)


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
    patch = Patch(base=old.version, version=version)
    for mine, theirs, upserts, removals in (
        (old.networks, new.networks, patch.networks, patch.removed_networks),
        (old.containers, new.containers, patch.containers, patch.removed_containers),
        (old.endpoints, new.endpoints, patch.endpoints, patch.removed_endpoints),
        *(
            (getattr(old, k), getattr(new, k), getattr(patch, k), getattr(patch, f"removed_{k}"))
            for k in SWARM_KINDS
        ),
    ):
        upserts += [v for k, v in theirs.items() if mine.get(k) != v]
        removals += [k for k in mine if k not in theirs]
    patch.engines = [e for k, e in new.engines.items() if old.engines.get(k) != e]
    return patch


class Store:
    def __init__(self, version: int = 0) -> None:
        self.current = Topology(version=version)
        # Which endpoints each container has, for the writer's own changes: a container's
        # update finds its endpoints without a pass over every endpoint. It describes the
        # endpoints dict it was made from, and is made again when `current` was replaced
        # by other means (a seed, a follower's patch).
        self._index: dict[str, set[tuple[str, str]]] = {}
        self._indexed: dict | None = None

    def endpoint_keys(self, container_id: str) -> frozenset[tuple[str, str]]:
        """The keys of a container's endpoints in `current` (a copy: the index changes with
        the next write). For the writer's thread only (the watchers' loop): readers
        elsewhere use `current`."""
        if self._indexed is not self.current.endpoints:
            self._index = _keys_by_container(self.current.endpoints)
            self._indexed = self.current.endpoints
        return frozenset(self._index.get(container_id, ()))

    def endpoints_of_container(self, container_id: str) -> list[Endpoint]:
        """`current`'s endpoints of one container, at the cost of its own (writer's thread)."""
        endpoints = self.current.endpoints
        return [endpoints[k] for k in sorted(self.endpoint_keys(container_id))]

    @property
    def version(self) -> int:
        return self.current.version

    def set_engine(self, state: EngineState) -> Patch | None:
        """Record an engine's status; a patch only when it changed."""
        old = self.current
        if old.engines.get(state.id) == state:
            return None
        patch = Patch(base=old.version, version=old.version + 1, engines=[state])
        self.current = replace(old, version=patch.version, engines={**old.engines, state.id: state})
        return patch

    def follow(self, patch: Patch) -> bool:
        """Apply a patch made by another process's Store (a follower's copy); False when it
        does not start at this version, and nothing changes."""
        if patch.base != self.current.version:
            return False
        self.current = applied(self.current, patch)
        return True

    def replace_engine(
        self, engine: str, networks: list[Network], views: list[ContainerView]
    ) -> Patch | None:
        """A full sync of one engine: whatever it no longer has is removed (a network that
        other engines still report stays, without this one)."""
        old = self.current
        old_containers = _where(old.containers, lambda cid, c: c.engine == engine)
        mine = set(old_containers)
        return self._apply(
            networks=_reports(old.networks, engine, networks, lambda n: n.on(engine)),
            views=views,
            network_scope=_where(old.networks, lambda nid, n: n.on(engine)),
            container_scope=old_containers,
            endpoint_scope=_where(old.endpoints, lambda key, e: e.container in mine),
        )

    def update_containers(self, ids: set[str], views: list[ContainerView]) -> Patch | None:
        """Replace exactly the containers in `ids` (and their endpoints) with `views`; an id
        without a view has been removed."""
        containers = self.current.containers
        return self._apply(
            networks=[],
            views=views,
            network_scope=(),
            container_scope=[cid for cid in sorted(ids) if cid in containers],
            endpoint_scope=[k for cid in sorted(ids) for k in sorted(self.endpoint_keys(cid))],
        )

    def update_networks(self, engine: str, ids: set[str], networks: list[Network]) -> Patch | None:
        """Replace exactly the networks in `ids` as `engine` reports them; an id without a
        record is gone from that engine, and so are its containers' endpoints on it."""
        old = self.current
        gone = ids - {n.id for n in networks}
        containers = old.containers

        def here(e: Endpoint) -> bool:
            c = containers.get(e.container)
            return c is not None and c.engine == engine

        return self._apply(
            networks=_reports(old.networks, engine, networks, lambda n: n.id in ids),
            views=[],
            network_scope=_where(old.networks, lambda nid, n: nid in ids and n.on(engine)),
            container_scope=(),
            endpoint_scope=_where(old.endpoints, lambda key, e: e.network in gone and here(e)),
        )

    def replace_cluster(
        self, cluster: str, nodes: list[SwarmNode], services: list[Service], tasks: list[Task]
    ) -> Patch | None:
        """What a manager tells of its whole swarm; an empty cluster id drops nothing."""
        old = self.current
        patch = Patch(base=old.version, version=old.version + 1)
        merged = {}
        for kind, fresh in (("nodes", nodes), ("services", services), ("tasks", tasks)):
            mine = getattr(old, kind)
            upserts, removed, merged[kind] = _diff(
                mine, {o.id: o for o in fresh}, _where(mine, lambda k, o: o.cluster == cluster)
            )
            setattr(patch, kind, upserts)
            setattr(patch, f"removed_{kind}", removed)
        if not patch:
            return None
        self.current = replace(old, version=patch.version, **merged)
        return patch

    def _apply(self, networks, views, network_scope, container_scope, endpoint_scope):
        old = self.current
        new_networks = {n.id: n for n in networks}
        new_containers = {v.container.id: v.container for v in views}
        new_endpoints = {e.key: e for v in views for e in v.endpoints}
        up_n, rm_n, networks_map = _diff(old.networks, new_networks, network_scope)
        up_c, rm_c, containers_map = _diff(old.containers, new_containers, container_scope)
        up_e, rm_e, endpoints_map = _diff(old.endpoints, new_endpoints, endpoint_scope)
        if not (up_n or rm_n or up_c or rm_c or up_e or rm_e):
            return None
        version = old.version + 1
        self.current = replace(
            old,
            version=version,
            networks=networks_map,
            containers=containers_map,
            endpoints=endpoints_map,
        )
        if self._indexed is old.endpoints:  # kept up to date rather than made again
            for key in rm_e:
                keys = self._index[key[1]]
                keys.discard(key)
                if not keys:
                    del self._index[key[1]]
            for e in up_e:
                self._index.setdefault(e.container, set()).add(e.key)
            self._indexed = endpoints_map
        return Patch(
            base=old.version,
            version=version,
            networks=up_n,
            containers=up_c,
            endpoints=up_e,
            removed_networks=rm_n,
            removed_containers=rm_c,
            removed_endpoints=rm_e,
        )
