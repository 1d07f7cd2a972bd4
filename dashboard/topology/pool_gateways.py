"""The gateway to show for each of a network's address pools: the configured one, or the one
its endpoints report where the IPAM config names none."""

import ipaddress
from dataclasses import dataclass

from dashboard.topology.addresses import parse_network
from dashboard.topology.records import IpamPool, Network


@dataclass(frozen=True, slots=True)
class PoolGateway:
    """An address pool with the gateway to show for it: the configured one, or, when the
    IPAM config leaves it out (`docker network inspect bridge` on some engines), the one
    the network's endpoints report, marked as read from them."""

    pool: IpamPool
    gateway: str = ""
    from_endpoints: bool = False


def pool_gateways(network: Network, endpoints) -> tuple[PoolGateway, ...]:
    """Each of `network`'s pools with its gateway; `endpoints` may hold other networks'
    (ignored). A pool without a configured gateway takes the one most of its endpoints
    report inside its subnet; none reported leaves it blank (Docker's IPAM still reserves
    one, but which it is is not known)."""
    reported: dict[str, int] = {}
    for e in endpoints:
        if e.network == network.id:
            for gw in (e.gateway, e.ipv6_gateway):
                if gw:
                    reported[gw] = reported.get(gw, 0) + 1
    out = []
    for pool in network.ipam:
        subnet = parse_network(pool.subnet)
        if pool.gateway or subnet is None:
            out.append(PoolGateway(pool, pool.gateway))
            continue
        inside = [gw for gw in reported if _in(gw, subnet)]
        best = max(inside, key=lambda gw: (reported[gw], gw), default="")
        out.append(PoolGateway(pool, best, bool(best)))
    return tuple(out)


def _in(address: str, subnet) -> bool:
    try:
        return ipaddress.ip_address(address) in subnet
    except ValueError:
        return False
