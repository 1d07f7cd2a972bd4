"""In from outside Docker: whether another machine, or this host, reaches a container, and
how: through ports published on the host, or because it uses the host's network stack."""

from dataclasses import dataclass

from dashboard.topology.reach_index import Indexed
from dashboard.topology.reach_rules import namespace_owner
from dashboard.topology.records import Container, Network
from dashboard.topology.store import Topology


@dataclass
class OutsideVerdict:
    container: Container
    reachable: bool
    ways: list[str]  # how: each published binding, or the host's own stack
    reasons: list[str]


def publishes_through(n: Network) -> bool:
    """Whether Docker makes a container's port mapping through `n`, at its start or when it
    is connected (measured on Engine 20.10: never through an internal network, so a
    container on internal networks alone publishes nothing). Once made, the mapping follows
    the container to its remaining endpoint when that network is disconnected, internal or
    not (measured too): Docker's list tells which holds now."""
    return not n.internal and (n.driver in ("bridge", "overlay") or n.plugin)


def carries_ports(t: "Topology | Indexed", owner: Container) -> bool:
    """Whether one of `owner`'s live networks carries its published ports."""
    return any(
        (nid, owner.id) in t.endpoints and nid in t.networks and publishes_through(t.networks[nid])
        for nid in owner.networks
    )


def from_outside(t: Topology, c: Container) -> OutsideVerdict:
    """Whether anything outside Docker (another machine, or this host) reaches `c`, and how:
    through ports published on the host, or because it uses the host's network stack. An
    internal network does not stop either: the trap Docker users keep falling into."""
    owner = namespace_owner(t, c)
    shared = f" (it uses {owner.name}'s network stack)" if owner.id != c.id else ""
    if not owner.live:
        return OutsideVerdict(c, False, [], [f"{owner.name} is {owner.state or 'not running'}."])
    ways, reasons = [], []
    if owner.host_network:
        ways.append("host network: every port it listens on is the host's own")
    for p in owner.published:
        where = "from this host only" if p.loopback else "from outside this host"
        ways.append(f"{p} ({where})")
    internal = [
        t.networks[e.network].name
        for e in t.endpoints_of_container(owner.id)
        if e.network in t.networks and t.networks[e.network].internal
    ]
    if internal and ways:
        reasons.append(
            f"{owner.name} is on the internal network {', '.join(internal)}, and still "
            "reachable from outside Docker: internal only stops traffic through that network, "
            "not ports published through another one or the host's own stack."
        )
    if not ways:
        reasons.append(
            f"{owner.name} publishes no port and does not use the host's network: the outside "
            "cannot reach it through Docker."
        )
    elif all("this host only" in w for w in ways):
        reasons.append("Its ports are published on loopback only: other machines cannot reach it.")
    reachable = bool(ways) and not all("this host only" in w for w in ways)
    return OutsideVerdict(c, reachable, ways, [r + shared for r in reasons] if shared else reasons)
