"""The topology cache's one writer: it replaces the snapshot (snapshot.py) whole on every
change and makes the patch between the two.

One Store holds every engine; its version rises by one with every change that alters the
picture, whichever engine it came from. Writers are a single thread (the watchers' event
loop); readers on other threads take `store.current`, which is never mutated.

The watchers' reads go through it too: a read takes a ticket as it begins and writes its
answer with it, and the store drops what the map has heard of since (freshness.py) and
keeps what the list cannot see (carry.py).
"""

from dataclasses import replace

from dashboard.topology.carry import with_known
from dashboard.topology.freshness import Freshness
from dashboard.topology.records import ContainerView, Endpoint, EngineState, Network
from dashboard.topology.snapshot import SWARM_KINDS, Patch, Topology, applied, difference
from dashboard.topology.swarm_records import Service, SwarmNode, Task

# Defined in snapshot.py; imported from here by most of the code.
__all__ = ["SWARM_KINDS", "Patch", "Store", "Topology", "applied", "difference"]


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


class Store:
    def __init__(self, version: int = 0) -> None:
        self.current = Topology(version=version)
        # Which endpoints each container has, for the writer's own changes: a container's
        # update finds its endpoints without a pass over every endpoint. It describes the
        # endpoints dict it was made from, and is made again when `current` was replaced
        # by other means (a seed, a follower's patch).
        self._index: dict[str, set[tuple[str, str]]] = {}
        self._indexed: dict | None = None
        self._fresh = Freshness()

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

    # The watchers' reads: a ticket as each begins, their answers written with it.
    def begin_read(self) -> int:
        return self._fresh.begin()

    def end_read(self, ticket: int) -> None:
        """The read with `ticket` is over: written, failed or given up."""
        self._fresh.end(ticket)

    def stale(self, engine: str, ids, read: int) -> set[str]:
        """Which of `ids` a read of `engine` begun with the ticket `read` may no longer write."""
        return self._fresh.stale(engine, ids, read)

    def replace_engine(
        self,
        engine: str,
        networks: list[Network],
        views: list[ContainerView],
        *,
        read: int | None = None,
        relist: bool = False,
    ) -> Patch | None:
        """A full sync of one engine: whatever it no longer has is removed (a network that
        other engines still report stays, without this one). With `read`, the ticket of the
        relist that read it: a container written since keeps what it has, what only inspect
        tells is carried over, and every read of the engine begun before it is stale."""
        old = self.current
        old_containers = _where(old.containers, lambda cid, c: c.engine == engine)
        if read is not None:
            stale = self._fresh.stale(
                engine, [*old_containers, *(v.container.id for v in views)], read
            )
            old_containers = [cid for cid in old_containers if cid not in stale]
            views = with_known(old, engine, [v for v in views if v.container.id not in stale])
            self._fresh.relisted(engine, read)
        mine = set(old_containers)
        return self._apply(
            networks=_reports(old.networks, engine, networks, lambda n: n.on(engine)),
            views=views,
            network_scope=_where(old.networks, lambda nid, n: n.on(engine)),
            container_scope=old_containers,
            endpoint_scope=_where(old.endpoints, lambda key, e: e.container in mine),
            relist=relist,
        )

    def listed(
        self,
        engine: str,
        ids: set[str],
        views: list[ContainerView],
        *,
        read: int,
        times: dict[str, dict[str, int]] | None = None,
        events: list[dict] | None = None,
        mark: bool = True,
    ) -> Patch | None:
        """A list read's answer about `ids` (an id it does not return is gone), begun with
        the ticket `read`: a container written since keeps what it has; what only inspect
        and the events (`times`) tell is carried over. With `mark`, reads begun before this
        one may no longer write these containers; the stopped poll does not mark, as it
        fills in what no event says and gives way to every event's read."""
        stale = self._fresh.stale(engine, ids, read)
        ids = set(ids) - stale
        views = with_known(
            self.current, engine, [v for v in views if v.container.id not in stale], times
        )
        patch = self.update_containers(ids, views, events=events)
        if mark:
            self._fresh.wrote(ids, read)
        return patch

    def say(self, views: list[ContainerView], events: list[dict] | None = None) -> Patch | None:
        """What events said of these containers (a state, ahead of the list): newer than the
        answer of every read out now, which may no longer write them."""
        ids = {v.container.id for v in views}
        self._fresh.wrote(ids, self._fresh.now())
        return self.update_containers(ids, views, events=events)

    def update_containers(
        self, ids: set[str], views: list[ContainerView], *, events: list[dict] | None = None
    ) -> Patch | None:
        """Replace exactly the containers in `ids` (and their endpoints) with `views`; an id
        without a view has been removed."""
        containers = self.current.containers
        return self._apply(
            networks=[],
            views=views,
            network_scope=(),
            container_scope=[cid for cid in sorted(ids) if cid in containers],
            endpoint_scope=[k for cid in sorted(ids) for k in sorted(self.endpoint_keys(cid))],
            events=events,
        )

    def update_networks(
        self,
        engine: str,
        ids: set[str],
        networks: list[Network],
        *,
        events: list[dict] | None = None,
    ) -> Patch | None:
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
            events=events,
        )

    def replace_cluster(
        self, cluster: str, nodes: list[SwarmNode], services: list[Service], tasks: list[Task]
    ) -> Patch | None:
        """What a manager tells of its whole swarm; an empty cluster id drops nothing."""
        old = self.current
        lists, merged = {}, {}
        for kind, fresh in (("nodes", nodes), ("services", services), ("tasks", tasks)):
            mine = getattr(old, kind)
            lists[kind], lists[f"removed_{kind}"], merged[kind] = _diff(
                mine, {o.id: o for o in fresh}, _where(mine, lambda k, o: o.cluster == cluster)
            )
        patch = Patch(base=old.version, version=old.version + 1, **lists)
        if not patch:
            return None
        self.current = replace(old, version=patch.version, **merged)
        return patch

    def _apply(
        self,
        networks,
        views,
        network_scope,
        container_scope,
        endpoint_scope,
        events: list[dict] | None = None,
        relist: bool = False,
    ) -> Patch | None:
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
            events=list(events or ()),
            relist=relist,
        )
