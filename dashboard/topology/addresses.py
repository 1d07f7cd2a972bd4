"""Address arithmetic as small documented functions (after NetBox's ipam helpers)."""

import ipaddress
from collections.abc import Iterable

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_network(text: str) -> IPNetwork | None:
    """A subnet in CIDR form, or None. Host bits are tolerated here (Docker stores them)."""
    try:
        return ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        return None


def usable_size(net: IPNetwork) -> int:
    """Addresses Docker's IPAM hands out in a subnet (the gateway among them): all but the
    first and the last, in IPv4 (network and broadcast) and in IPv6 alike (the first is the
    subnet-router anycast address; Docker never allocates the last either)."""
    return max(0, net.num_addresses - 2) if net.prefixlen < net.max_prefixlen - 1 else 0


def usable_bounds(net: IPNetwork) -> tuple[ipaddress._BaseAddress, ipaddress._BaseAddress]:
    """First and last address Docker hands out in a subnet of more than two addresses."""
    return net.network_address + 1, net.broadcast_address - 1


def implied_gateway(subnet: str) -> str:
    """The gateway Docker's IPAM reserves when none was given: the first usable address
    (inspect does not show it, but no container can have it)."""
    net = parse_network(subnet)
    return str(usable_bounds(net)[0]) if net is not None else ""


def utilization(subnet: str, used_addresses: Iterable[str], gateway: str = "") -> tuple[int, int]:
    """(addresses in use, usable addresses) in `subnet`; the gateway counts as used, as it
    does in Docker's IPAM. Addresses outside the subnet are ignored."""
    net = parse_network(subnet)
    if net is None:
        return 0, 0
    used = set()
    for text in [*used_addresses, gateway]:
        if not text:
            continue
        try:
            address = ipaddress.ip_interface(text).ip
        except ValueError:
            continue
        if address in net:
            used.add(address)
    return len(used), usable_size(net)


def overlapping(candidate: IPNetwork, existing: Iterable[tuple[str, str]]) -> list[str]:
    """Labels of the existing (label, subnet) pairs that overlap `candidate`."""
    hits = []
    for label, subnet in existing:
        net = parse_network(subnet)
        if net is not None and net.version == candidate.version and net.overlaps(candidate):
            hits.append(label)
    return hits


def free_subnet(pool: str, prefixlen: int, taken: Iterable[str]) -> IPNetwork | None:
    """The first subnet of `prefixlen` inside `pool` that overlaps none of `taken`.

    Walks the pool in steps of the wanted size, skipping past each collision at once, so it
    stays fast in a /8 with hundreds of networks.
    """
    base = parse_network(pool)
    if base is None or prefixlen < base.prefixlen or prefixlen > base.max_prefixlen:
        return None
    blocked = sorted(
        (n for n in (parse_network(t) for t in taken) if n and n.version == base.version),
        key=lambda n: int(n.network_address),
    )
    size = 1 << (base.max_prefixlen - prefixlen)
    start = int(base.network_address)
    end = int(base.broadcast_address)
    candidate = start
    while candidate + size - 1 <= end:
        last = candidate + size - 1
        clash = next(
            (
                n
                for n in blocked
                if int(n.network_address) <= last and int(n.broadcast_address) >= candidate
            ),
            None,
        )
        if clash is None:
            return ipaddress.ip_network((candidate, prefixlen))
        # Jump past the clash, aligned up to the next block of the wanted size.
        after = int(clash.broadcast_address) + 1
        candidate = ((after + size - 1) // size) * size
    return None
