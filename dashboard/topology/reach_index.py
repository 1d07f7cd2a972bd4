"""A Topology indexed for reach questions: its endpoints by container and by network, its
tasks by container, the containers in each other's network stack, and each network's live
members with the names that lead to them."""

from dashboard.topology.reach_rules import names_of, resolves
from dashboard.topology.records import Endpoint, Network
from dashboard.topology.store import Topology
from dashboard.topology.swarm_records import Task


class Indexed:
    """A Topology whose endpoints are indexed by container and network, and its tasks by
    container: the same questions as the Topology answers, each at the cost of its answer
    rather than a pass over every endpoint. Made once per question batch (a matrix, a
    what-if); anything else is read through from the Topology."""

    def __init__(self, t: "Topology | Indexed") -> None:
        self.topology = t.topology if isinstance(t, Indexed) else t
        self._by_container: dict[str, list[Endpoint]] = {}
        self._by_network: dict[str, list[Endpoint]] = {}
        for e in self.topology.endpoints.values():
            self._by_container.setdefault(e.container, []).append(e)
            self._by_network.setdefault(e.network, []).append(e)
        self._tasks = {x.container: x for x in self.topology.tasks.values() if x.container}
        self._members: dict[str, list] = {}
        self._riders: dict[str, list[str]] = {}
        for c in self.topology.containers.values():
            if c.stack_owner:
                owner = self.topology.find_container(c.stack_owner)
                if owner is not None:
                    self._riders.setdefault(owner.id, []).append(c.id)

    def __getattr__(self, name):
        return getattr(self.topology, name)

    def derived(self, t: Topology, moved: set[str]) -> "Indexed":
        """The index of `t`, which differs from this one's topology only in the endpoints
        of the containers in `moved` and in networks removed: made at the cost of those
        (a what-if's after), not of the whole map. Container modes must not differ."""
        new = object.__new__(Indexed)
        new.topology, new._tasks, new._riders, new._members = t, self._tasks, self._riders, {}
        new._by_container = dict(self._by_container)
        new._by_network = {n: eps for n, eps in self._by_network.items() if n in t.networks}
        touched = set()
        for cid in moved:
            touched |= {e.network for e in self._by_container.get(cid, ())}
            c = t.containers.get(cid)
            fresh = [
                t.endpoints[k] for n in (c.networks if c else ()) if (k := (n, cid)) in t.endpoints
            ]
            new._by_container[cid] = fresh
            touched |= {e.network for e in fresh}
        for n in touched:
            if n not in t.networks:
                continue
            kept = [e for e in self._by_network.get(n, ()) if e.container not in moved]
            new._by_network[n] = kept + [e for cid in moved for e in new._by_container[cid]
                                         if e.network == n]  # fmt: skip
        return new

    def endpoints_of_container(self, container_id: str) -> list[Endpoint]:
        return self._by_container.get(container_id, [])

    def endpoints_of_network(self, network_id: str) -> list[Endpoint]:
        return self._by_network.get(network_id, [])

    def members(self, n: Network) -> list[tuple[str, tuple[str, ...], list[str]]]:
        """The live containers on `n`, each with the names that lead to it there (none
        where names do not resolve) and the live containers in its stack: what every
        `row` through `n` reads, made once per network."""
        found = self._members.get(n.id)
        if found is None:
            dns, containers = resolves(n), self.topology.containers
            found = []
            for e in self.endpoints_of_network(n.id):
                b = containers.get(e.container)
                if b is not None and b.live:
                    riders = [r for r in self._riders.get(b.id, ()) if containers[r].live]
                    found.append((b.id, names_of(b, e) if dns else (), riders))
            self._members[n.id] = found
        return found

    def task_of(self, container_id: str) -> Task | None:
        return self._tasks.get(container_id)

    def riders(self, owner_id: str) -> list[str]:
        """Ids of the containers in `container:<owner>` mode."""
        return self._riders.get(owner_id, [])


def indexed(t: "Topology | Indexed") -> Indexed:
    return t if isinstance(t, Indexed) else Indexed(t)
