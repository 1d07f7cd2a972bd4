"""Who can reach whom, and why: the lesson of Docker's networking walkthrough, where a
container on a user bridge cannot ping one on the default bridge.

A rule of thumb of Docker's model, not a packet trace: two containers talk when they share a
network that lets them (icc not disabled), a container on an internal network has no way
out, Docker's embedded DNS answers names only on user-defined networks, and a container in
another's network namespace (`container:X`) is that container for networking. Across hosts,
only a network that spans them (a swarm overlay) carries traffic: a bridge never leaves its
host. A swarm service's name resolves to its virtual IP on the networks it is on. On a
plugin's network, the plugin decides, and the verdict says so instead of guessing.

The rules it decides with are in reach_rules.py, the index the questions read in
reach_index.py; what reaches a container from outside Docker is in inbound.py.
"""

from dataclasses import dataclass, field

from dashboard.topology.reach_index import Indexed, indexed
from dashboard.topology.reach_rules import carries, names_on, namespace_owner, resolves
from dashboard.topology.records import Container, Endpoint, Network
from dashboard.topology.store import Topology


@dataclass
class SharedNetwork:
    network: Network
    a_address: str
    b_address: str
    traffic: bool  # icc allows container-to-container traffic here
    dns: bool  # names resolve here (user-defined networks)
    names: list[str] = field(default_factory=list)  # names of b that resolve from a
    plugin: bool = False  # a plugin's driver decides what passes here


@dataclass
class Verdict:
    a: Container
    b: Container
    shared: list[SharedNetwork]
    reachable: bool
    by_name: bool
    reasons: list[str]

    @property
    def names(self) -> list[str]:
        """The names that lead from a to b: on shared networks whose DNS answers and whose
        traffic passes. A container in another's stack (`container:X`) answers to X's."""
        if not self.by_name:
            return []
        return sorted({n for s in self.shared if s.dns and s.traffic for n in s.names})


def _own_networks(t: "Topology | Indexed", owner: Container) -> list[tuple[Endpoint, Network]]:
    """A stack's live endpoints with their networks (`none` left out)."""
    return [
        (e, t.networks[e.network])
        for e in t.endpoints_of_container(owner.id)
        if e.network in t.networks and t.networks[e.network].driver != "null"
    ]


def own_names(t: "Topology | Indexed", owner: Container) -> set[str]:
    """The names that lead into `owner`'s stack from inside it: its names on its networks
    where names resolve (a container in `container:owner` mode asks by these)."""
    return {x for e, n in _own_networks(t, owner) for x in names_on(n, owner, e)}


def explain(t: Topology, a: Container, b: Container) -> Verdict:
    na, nb = namespace_owner(t, a), namespace_owner(t, b)
    reasons: list[str] = []
    if na.id == nb.id:
        shared = [
            SharedNetwork(
                n,
                e.ipv4 or e.ipv6,
                e.ipv4 or e.ipv6,
                True,
                resolves(n),
                names_on(n, na, e),
                n.plugin,
            )  # fmt: skip
            for e, n in _own_networks(t, na)
        ]
        reasons = ["They share one network stack (container mode): localhost (127.0.0.1) "
                   "reaches it."]  # fmt: skip
        names = sorted({x for s in shared if s.dns for x in s.names})
        if names:
            reasons.append(
                f"{na.name}'s names lead there too (Docker's DNS answers them with its own "
                "address, which is this stack's)."
            )
        return Verdict(a, b, shared, True, bool(names), reasons)
    for c in (a, b):
        if not c.live:
            reasons.append(f"{c.name} is {c.state or 'not running'}: it has no live endpoint.")
    ea = {e.network: e for e in t.endpoints_of_container(na.id)}
    eb = {e.network: e for e in t.endpoints_of_container(nb.id)}
    shared = []
    for nid in sorted(set(ea) & set(eb)):
        n = t.networks.get(nid)
        if n is None or n.driver in ("null",):
            continue
        if n.driver == "host":
            shared.append(SharedNetwork(n, "host", "host", carries(n), resolves(n)))
            continue
        shared.append(
            SharedNetwork(
                n,
                ea[nid].ipv4 or ea[nid].ipv6,
                eb[nid].ipv4 or eb[nid].ipv6,
                traffic=carries(n),
                dns=resolves(n),
                names=names_on(n, nb, eb[nid]),
                plugin=n.plugin,
            )
        )
    reasons += _across_hosts(t, a, b, shared)
    reasons += _service_names(t, nb, ea)
    reachable = any(s.traffic for s in shared) and not reasons_that_block(reasons)
    by_name = reachable and any(s.dns and s.traffic for s in shared)
    if by_name and nb.id != b.id:
        reasons.append(
            f"{b.name} uses {nb.name}'s network stack (container mode): Docker's DNS knows it "
            f"by {nb.name}'s names, not by its own."
        )
    if not shared:
        a_nets = sorted(t.networks[n].name for n in ea if n in t.networks)
        b_nets = sorted(t.networks[n].name for n in eb if n in t.networks)
        reasons.append(
            f"No shared network: {a.name} is on {', '.join(a_nets) or 'none'}, "
            f"{b.name} on {', '.join(b_nets) or 'none'}. Docker isolates networks from each "
            "other; connect one container to the other's network."
        )
    for s in shared:
        if s.plugin:
            reasons.append(
                f"{s.network.name} is a network of the {s.network.driver} plugin: the plugin, not "
                "Docker, decides what passes there. Its traffic is assumed, not known."
            )
        if not s.traffic:
            reasons.append(
                f"{s.network.name} has inter-container communication disabled (icc=false)."
            )
        if s.network.internal:
            reasons.append(f"{s.network.name} is internal: no way out to other networks.")
        if s.traffic and not s.dns and s.network.driver != "host":
            reasons.append(
                f"On {s.network.name} only addresses work: Docker's embedded DNS does not "
                "answer names on the default bridge."
            )
    return Verdict(a, b, shared, reachable, by_name, reasons)


# Reasons that do not stop traffic: they say how it goes, or what resolves.
_INFORMATIVE = ("Across hosts:", "The service name", "A bridge never leaves")


def reasons_that_block(reasons: list[str]) -> list[str]:
    return [r for r in reasons if not r.startswith(_INFORMATIVE)]


def _across_hosts(t: Topology, a: Container, b: Container, shared: list) -> list[str]:
    """How two containers on different engines meet: through a network spanning both (an
    overlay between the hosts), never through a bridge, whatever its subnet."""
    if a.engine == b.engine:
        return []
    spans = [s for s in shared if s.network.spanning or s.network.scope == "swarm"]
    if spans:
        names = ", ".join(s.network.name for s in spans)
        return [
            f"Across hosts: through the overlay {names} between {a.engine} and {b.engine} "
            "(its VXLAN carries the traffic between the hosts)."
        ]
    alike = _alike_subnets(t, a, b)
    note = f" even though their subnets look alike ({alike})" if alike else ""
    return [
        f"A bridge never leaves its host: {a.name} is on {a.engine}, {b.name} on {b.engine},"
        f"{note} and no overlay joins them. Attach both to an attachable overlay of their swarm."
    ]


def _alike_subnets(t: Topology, a: Container, b: Container) -> str:
    def subnets(c):
        return {
            p.subnet
            for e in t.endpoints_of_container(c.id)
            if e.network in t.networks
            for p in t.networks[e.network].ipam
        }

    return ", ".join(sorted(subnets(a) & subnets(b)))


def _service_names(t: Topology, b: Container, a_endpoints: dict) -> list[str]:
    """A swarm task's service name resolves to the service's VIP on the networks it shares
    with the asker."""
    if isinstance(t, Indexed):
        task = t.task_of(b.id)
    else:
        task = next((x for x in t.tasks.values() if x.container == b.id), None)
    service = t.services.get(task.service) if task else None
    if service is None:
        return []
    out = []
    for nid, vip in service.vips:
        if nid in a_endpoints and nid in t.networks:
            out.append(
                f"The service name {service.name} resolves to its VIP {vip.split('/')[0]} on "
                f"{t.networks[nid].name}, which balances over its tasks ({b.name} among them)."
            )
    return out


def row(t: "Topology | Indexed", a: Container) -> dict[str, frozenset[str]]:
    """What `a` reaches: each container's id, with the names that lead to it from `a`
    (empty: by address only). The same answer as `explain` for every pair, at the cost
    of `a`'s own networks."""
    t = indexed(t)
    riders = t._riders
    owner = namespace_owner(t, a)
    # A shared stack: localhost, and the owner's own names.
    mine = own_names(t, owner)
    out: dict[str, set[str]] = {r: set(mine) for r in riders.get(owner.id, ())}
    if owner.id != a.id:
        out[owner.id] = set(mine)
    if a.live:
        for ours in t.endpoints_of_container(owner.id):
            n = t.networks.get(ours.network)
            if n is None or not carries(n):
                continue
            for b, names, its_riders in t.members(n):
                if b == owner.id:
                    continue
                out.setdefault(b, set()).update(names)
                # Containers in b's stack are reached as b is, by b's names.
                for r in its_riders:
                    out.setdefault(r, set()).update(names)
    out.pop(a.id, None)
    return {k: frozenset(v) for k, v in out.items()}


def matrix(t: "Topology | Indexed") -> dict[str, dict[str, frozenset[str]]]:
    """Every container's `row`: who reaches whom, and by which names."""
    t = indexed(t)
    return {cid: row(t, c) for cid, c in t.containers.items()}


def reachable_from(t: "Topology | Indexed", a: Container) -> set[str]:
    """Ids of the containers `a` can reach through some shared network."""
    return set(row(t, a))
