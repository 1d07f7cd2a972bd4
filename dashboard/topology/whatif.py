"""What a change would do to who reaches whom, before it is made.

A change (create, delete, connect, disconnect, prune) is applied to a copy of the topology
(`changed`), and the same rules that answer the reach view (reachability.row and explain,
egress.to_outside, inbound.from_outside) are asked of both: only the containers whose
networks change, and the containers they reach, are asked again, so a preview costs what
the change touches, not what the map holds.
"""

import hashlib
import ipaddress
from dataclasses import dataclass, field, replace

from dashboard.topology.egress import EgressVerdict, network_way_out, to_outside
from dashboard.topology.inbound import carries_ports, from_outside
from dashboard.topology.reach_index import Indexed, indexed
from dashboard.topology.reachability import explain, row
from dashboard.topology.records import Container, Endpoint, Network
from dashboard.topology.store import Topology

KINDS = ("create", "delete", "connect", "disconnect", "prune")
NEW_NETWORK = "(new network)"  # the id a network to be created has in the preview
PICKED = "an address Docker picks"  # a connect without a static address


@dataclass(frozen=True)
class Change:
    kind: str  # one of KINDS
    network: str = ""  # id: delete, connect, disconnect
    container: str = ""  # id: connect, disconnect
    ipv4: str = ""  # connect: a static address, else Docker picks one
    ipv6: str = ""
    aliases: tuple[str, ...] = ()
    networks: tuple[str, ...] = ()  # prune: the ids to remove
    new: Network | None = None  # create: the network as it would be


def new_network(engine: str, name: str, driver: str = "bridge", **fields) -> Network:
    """The network a create form describes, as the preview's copy holds it."""
    return Network(id=NEW_NETWORK, engine=engine, name=name, driver=driver, **fields)


def changed(t: Topology, change: Change) -> Topology:
    """`t` as it would be once Docker made `change` (nothing else moving meanwhile)."""
    if change.kind == "create":
        return replace(t, networks={**t.networks, change.new.id: change.new})
    if change.kind in ("delete", "prune"):
        gone = set(change.networks) | ({change.network} if change.network else set())
        return replace(
            t,
            networks={k: n for k, n in t.networks.items() if k not in gone},
            endpoints={k: e for k, e in t.endpoints.items() if e.network not in gone},
            containers={
                k: replace(c, networks=tuple(n for n in c.networks if n not in gone))
                if gone & set(c.networks)
                else c
                for k, c in t.containers.items()
            },
        )
    c = t.containers[change.container]
    n = t.networks[change.network]
    endpoints = dict(t.endpoints)
    if change.kind == "connect":
        networks = (*c.networks, n.id) if n.id not in c.networks else c.networks
        if c.live:  # a stopped container is only configured: it joins at its next start
            endpoints[(n.id, c.id)] = Endpoint(
                n.id,
                c.id,
                _with_prefix(change.ipv4, n),
                _with_prefix(change.ipv6, n),
                aliases=tuple(change.aliases),
                gateway=next((p.gateway for p in n.ipam if p.gateway), ""),
            )
    elif change.kind == "disconnect":
        networks = tuple(x for x in c.networks if x != n.id)
        endpoints.pop((n.id, c.id), None)
    else:
        raise ValueError(f"No such change: {change.kind!r}.")
    moved = replace(c, networks=networks)
    after = replace(t, endpoints=endpoints, containers={**t.containers, c.id: moved})
    moved = replace(moved, ports=published_after(after, moved))
    return replace(after, containers={**after.containers, c.id: moved})


def _with_prefix(address: str, n: Network) -> str:
    """A static address in the CIDR form Docker reports, with its subnet's prefix."""
    if not address:
        return ""
    ip = ipaddress.ip_address(address)
    for p in n.ipam:
        try:
            net = ipaddress.ip_network(p.subnet, strict=False)
        except ValueError:
            continue
        if ip in net:
            return f"{address}/{net.prefixlen}"
    return address


def published_after(t: Topology | Indexed, c: Container) -> tuple:
    """The ports `c` lists once its networks are as in `t` (see publishes_through): a
    mapping Docker made stays while the container keeps any network; one it has not made
    is made when a network that carries it is joined."""
    exposed = tuple(p for p in c.ports if not p.published)
    if not c.live:
        return c.ports
    if c.published:
        left = any(
            (n, c.id) in t.endpoints and n in t.networks and t.networks[n].driver != "null"
            for n in c.networks
        )
        return c.ports if left else exposed
    if not carries_ports(t, c):
        return c.ports
    bindings = tuple(p for p in c.configured_ports if p.published)
    return exposed + tuple(p for p in bindings if p not in exposed)


@dataclass(frozen=True)
class PathChange:
    """Two containers that gain or lose a path by address; where they meet (or met)."""

    a: Container
    b: Container
    gained: bool
    through: tuple[tuple[str, str, str], ...]  # (network name, a's address, b's address)


@dataclass(frozen=True)
class NameChange:
    """Names of `target` that start or stop resolving (and leading) from `asker`."""

    asker: Container
    target: Container
    gained: tuple[str, ...]
    lost: tuple[str, ...]


@dataclass(frozen=True)
class PortChange:
    container: Container
    way: str  # as from_outside words it
    opened: bool


@dataclass(frozen=True)
class OutsideChange:
    container: Container
    before: EgressVerdict
    after: EgressVerdict


@dataclass
class WhatIf:
    change: Change
    version: int  # of the topology the preview was computed on
    paths: list[PathChange] = field(default_factory=list)
    names: list[NameChange] = field(default_factory=list)
    ports: list[PortChange] = field(default_factory=list)
    outside: list[OutsideChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def nothing(self) -> bool:
        """Nothing changes who reaches whom, what leads in, or what reaches out."""
        return not (self.paths or self.names or self.ports or self.outside)

    @property
    def digest(self) -> str:
        """A short fingerprint of the answer, to tell whether it still holds at confirm."""
        text = repr(
            (
                [(p.a.id, p.b.id, p.gained, p.through) for p in self.paths],
                [(n.asker.id, n.target.id, n.gained, n.lost) for n in self.names],
                [(p.container.id, p.way, p.opened) for p in self.ports],
                [(o.container.id, o.after.answer, _via(o.after)) for o in self.outside],
            )
        )
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def _via(v: EgressVerdict) -> str:
    return v.via.network.id if v.via else ""


def moved_containers(t: Indexed, change: Change) -> set[str]:
    """The containers whose own networks the change touches, and those in their stacks."""
    if change.kind in ("connect", "disconnect"):
        owners = {change.container}
    elif change.kind in ("delete", "prune"):
        gone = set(change.networks) | {change.network}
        owners = {e.container for n in gone for e in t.endpoints_of_network(n)}
    else:
        owners = set()
    return owners | {r for o in owners for r in t.riders(o)}


def what_if(t: Topology, change: Change) -> WhatIf:
    """What `change` would do, on `t` as it is now."""
    before = indexed(t)
    moved = moved_containers(before, change)
    after = before.derived(changed(t, change), moved)
    out = WhatIf(change, t.version, notes=_notes(before, change))
    rows_before = {c: row(before, before.containers[c]) for c in moved}
    rows_after = {c: row(after, after.containers[c]) for c in moved}
    peers = set(moved)
    for c in moved:
        peers |= set(rows_before[c]) | set(rows_after[c])
    seen_paths = set()
    for x in sorted(peers):
        rb = rows_before.get(x) or row(before, before.containers[x])
        ra = rows_after.get(x) or row(after, after.containers[x])
        for y in sorted(peers if x in moved else moved):
            if y == x:
                continue
            if (y in rb) != (y in ra) and frozenset((x, y)) not in seen_paths:
                seen_paths.add(frozenset((x, y)))
                gained = y in ra
                side = after if gained else before
                v = explain(side, side.containers[x], side.containers[y])
                through = tuple(
                    (s.network.name, s.a_address or PICKED, s.b_address or PICKED)
                    for s in v.shared
                    if s.traffic
                )
                pair = (side.containers[x], side.containers[y])
                out.paths.append(PathChange(*pair, gained, through))
            gained = tuple(sorted(set(ra.get(y, ())) - set(rb.get(y, ()))))
            lost = tuple(sorted(set(rb.get(y, ())) - set(ra.get(y, ()))))
            if gained or lost:
                out.names.append(NameChange(after.containers[x], after.containers[y], gained, lost))
    for cid in sorted(moved):
        b, a = before.containers[cid], after.containers[cid]
        ways_b, ways_a = set(from_outside(before, b).ways), set(from_outside(after, a).ways)
        out.ports += [PortChange(a, w, True) for w in sorted(ways_a - ways_b)]
        out.ports += [PortChange(a, w, False) for w in sorted(ways_b - ways_a)]
        eb, ea = to_outside(before, b), to_outside(after, a)
        if (eb.reachable, eb.host, _via(eb)) != (ea.reachable, ea.host, _via(ea)):
            out.outside.append(OutsideChange(a, eb, ea))
    return out


def _notes(t: Indexed, change: Change) -> list[str]:
    """What the preview cannot show as pairs: what a new network would do, a change that
    waits for a start, the containers a removal strands."""
    notes = []
    if change.kind == "create":
        n = change.new
        w = network_way_out(t, n)
        notes.append(
            f"A new network holds no container: nothing changes until one is connected. "
            f"A container on {n.name} alone would reach out: "
            f"{'unknown' if w and w.beyond is None else 'yes' if w and w.beyond else 'no'}"
            f"{' (' + w.how + ')' if w else ''}."
        )
        if n.options.get("com.docker.network.bridge.enable_icc", "true") == "false":
            notes.append(f"Containers on {n.name} will not reach each other (icc=false).")
    if change.kind == "connect":
        c = t.containers[change.container]
        n = t.networks[change.network]
        if not c.live:
            notes.append(
                f"{c.name} is {c.state or 'not running'}: Docker only records the network, "
                "and nothing changes until it starts."
            )
        elif not change.ipv4 and any(":" not in p.subnet for p in n.ipam):
            subnets = ", ".join(p.subnet for p in n.ipam if ":" not in p.subnet)
            notes.append(f"Docker picks {c.name}'s address on {n.name} from {subnets}.")
    if change.kind in ("delete", "prune"):
        gone = set(change.networks) | {change.network}
        stranded = sorted(
            c.name for c in t.containers.values() if not c.live and gone & set(c.networks)
        )
        if stranded:
            notes.append(
                "Stopped containers configured on it will fail to start until disconnected: "
                + ", ".join(stranded)
                + "."
            )
    return notes


def describe(w: WhatIf) -> list[str]:
    """The preview in sentences, for pages and for the API's `summary`."""
    if w.nothing:
        return ["Nothing changes who can reach whom, what leads in, or what reaches out."]
    lines = []
    for p in w.paths:
        where = "; ".join(f"{n}: {a} ↔ {b}" for n, a, b in p.through)
        verb = "will reach each other" if p.gained else "will no longer reach each other"
        lines.append(f"{p.a.name} and {p.b.name} {verb}" + (f" ({where})." if where else "."))
    for n in w.names:
        if n.gained:
            lines.append(
                f"From {n.asker.name}, {', '.join(n.gained)} will resolve to {n.target.name}."
            )
        if n.lost:
            lines.append(
                f"From {n.asker.name}, {', '.join(n.lost)} will stop resolving to {n.target.name}."
            )
    for p in w.ports:
        verb = "will start leading in" if p.opened else "will stop leading in"
        lines.append(f"{p.container.name}: {p.way} {verb}.")
    for o in w.outside:
        via = f" through {o.after.via.network.name}" if o.after.via else ""
        lines.append(
            f"{o.container.name} reaching the outside: {o.before.answer} → {o.after.answer}{via}."
        )
    return lines
