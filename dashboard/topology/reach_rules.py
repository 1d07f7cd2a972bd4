"""The rules of who reaches whom, one definition each: whether traffic passes on a network,
whether Docker's embedded DNS answers names there, which names lead to a container, and
whose network stack a container uses. `reachability.explain` (one pair, with its reasons)
and `reachability.row` (what one container reaches, for matrices and what-ifs) both decide
with these."""

from dashboard.topology.records import Container, Endpoint, Network
from dashboard.topology.store import Topology


def carries(n: Network) -> bool:
    """Whether traffic between two containers on `n` passes: not on `none`, not where
    inter-container communication is off (a plugin's network: assumed, not known)."""
    return n.driver != "null" and n.icc


def resolves(n: Network) -> bool:
    """Whether Docker's embedded DNS answers names on `n`: on user-defined networks only."""
    return n.user_defined


def names_on(n: Network, owner: Container, e: Endpoint) -> list[str]:
    """The names that lead to `owner` on `n` (its endpoint `e` there): its name, short id
    and aliases, where names resolve at all."""
    return sorted(names_of(owner, e)) if resolves(n) else []


def names_of(owner: Container, e: Endpoint) -> tuple[str, ...]:
    return (owner.name, owner.id[:12], *e.aliases)


def namespace_owner(t: Topology, c: Container) -> Container:
    """The container whose network stack `c` uses (itself, or X for `container:X`)."""
    if c.stack_owner:
        owner = t.find_container(c.stack_owner)
        if owner is not None:
            return owner
    return c
