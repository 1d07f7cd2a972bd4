"""The address pools a network-create request asks for: each subnet, gateway and IP range
on its own (CIDR form, family, host bits, ranges no container network can use, sizes), then
against each other and against the engine's networks and the host's routes."""

import ipaddress

from dashboard.topology.addresses import free_subnet, parse_network, usable_bounds, usable_size
from dashboard.topology.network_spec import Context, Errors, NetworkSpec, Pool

# Ranges no container network can use, with why: never routable, or the host's own.
RESERVED = [
    (ipaddress.ip_network("0.0.0.0/8"), "“this network” (0.0.0.0/8), which is never routable"),
    (ipaddress.ip_network("127.0.0.0/8"), "loopback (127.0.0.0/8), the host's own"),
    (ipaddress.ip_network("169.254.0.0/16"), "link-local (169.254.0.0/16), never routed"),
    (ipaddress.ip_network("224.0.0.0/4"), "multicast (224.0.0.0/4), not for hosts"),
    (ipaddress.ip_network("240.0.0.0/4"), "reserved (240.0.0.0/4), not routable"),
    (ipaddress.ip_network("::/128"), "the unspecified address"),
    (ipaddress.ip_network("::1/128"), "loopback (::1), the host's own"),
    (ipaddress.ip_network("::ffff:0:0/96"), "IPv4-mapped (::ffff:0:0/96), not a network"),
    (ipaddress.ip_network("fe80::/10"), "link-local (fe80::/10), which Docker gives itself"),
    (ipaddress.ip_network("ff00::/8"), "multicast (ff00::/8), not for hosts"),
]


def container_room(net) -> int:
    """How many containers a subnet holds: the addresses Docker hands out, less the
    gateway."""
    return max(0, usable_size(net) - 1)


def _subnet(text: str, family: int, field_name: str, errors: Errors):
    text = text.strip()
    if "/" not in text:
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            pass
        else:
            usual = ipaddress.ip_network(
                (address, 24 if address.version == 4 else 64), strict=False
            )
            errors.append(
                (
                    field_name,
                    f"{text} has no prefix length (the /N that says how big the subnet is): "
                    f"for instance {usual}.",
                )
            )
            return None
    try:
        net = ipaddress.ip_network(text, strict=False)
    except ValueError:
        example = "10.20.0.0/24" if family == 4 else "fd00:20::/64"
        errors.append((field_name, f"{text} is not a subnet in CIDR form, such as {example}."))
        return None
    if family == 4 and net.version == 6:
        mapped = getattr(net.network_address, "ipv4_mapped", None)
        if mapped is not None:
            size = max(0, net.prefixlen - 96)
            errors.append(
                (
                    field_name,
                    f"{text} is an IPv4-mapped IPv6 subnet; write it as IPv4 "
                    f"({mapped}/{size}). Docker would leave a bridge and a firewall rule behind.",
                )
            )
        else:
            errors.append((field_name, f"{text} is IPv6; put it in the IPv6 subnet field."))
        return None
    if family == 6 and net.version == 4:
        errors.append((field_name, f"{text} is IPv4; put it in an IPv4 subnet field."))
        return None
    if net.network_address != ipaddress.ip_interface(text).ip:
        errors.append((field_name, f"{text} has host bits set; the subnet is {net}."))
        return None
    for reserved, why in RESERVED:
        if reserved.version == net.version and reserved.overlaps(net):
            errors.append((field_name, f"{net} is inside or over {why}."))
            return None
    if net.version == 4 and net.prefixlen > 30:
        errors.append((field_name, f"{net} is too small: /30 is the smallest IPv4 subnet."))
        return None
    if net.version == 6 and net.prefixlen > 126:
        errors.append(
            (
                field_name,
                f"{net} leaves no address for a container: Docker hands out neither the first "
                "nor the last address of an IPv6 subnet, and the gateway takes one. /126 is "
                "the smallest that holds a container.",
            )
        )
        return None
    return net


def _check_gateway(text: str, net, field_name: str, errors: Errors) -> None:
    try:
        gw = ipaddress.ip_address(text)
    except ValueError:
        errors.append((field_name, f"{text} is not an IP address."))
        return
    first, last = usable_bounds(net)
    if gw.version != net.version or gw not in net:
        errors.append((field_name, f"The gateway {gw} is outside {net}."))
    elif gw == net.network_address:
        errors.append((field_name, f"{gw} is the network address of {net}."))
    elif net.version == 4 and gw > last:
        errors.append((field_name, f"{gw} is the broadcast address of {net}."))
    elif gw > last:
        errors.append(
            (
                field_name,
                f"{gw} is the last address of {net}, which Docker never hands out (not even "
                f"as the gateway). The last one it does is {last}.",
            )
        )


def _check_pool(pool: Pool, family: int, prefix: str, errors: Errors):
    if not pool.subnet.strip():
        if pool.gateway.strip() or pool.ip_range.strip():
            errors.append((f"{prefix}subnet", "A gateway or IP range needs a subnet."))
        return None
    net = _subnet(pool.subnet, family, f"{prefix}subnet", errors)
    if net is None:
        return None
    if pool.gateway.strip():
        _check_gateway(pool.gateway.strip(), net, f"{prefix}gateway", errors)
    if pool.ip_range.strip():
        rng = _subnet(pool.ip_range, family, f"{prefix}ip_range", errors)
        if rng is not None and not rng.subnet_of(net):
            errors.append(
                (f"{prefix}ip_range", f"The IP range {rng} is not inside the subnet {net}.")
            )
    return net


def _overlaps(net, ctx: Context, field_name: str, errors: Errors) -> None:
    for other in ctx.networks:
        for p in other.ipam:
            theirs = parse_network(p.subnet)
            if theirs is not None and theirs.version == net.version and theirs.overlaps(net):
                errors.append(
                    (
                        field_name,
                        f"{net} overlaps {theirs} of the network “{other.name}”.",
                    )
                )
                return
    for cidr, dev in ctx.host_routes:
        theirs = parse_network(cidr)
        if theirs is not None and theirs.version == net.version and theirs.overlaps(net):
            errors.append((field_name, f"{net} overlaps the host's own route {theirs} on {dev}."))
            return


def check_subnets(spec: NetworkSpec, ctx: Context, errors: Errors) -> None:
    """Every pool of `spec`, then the pools together and against what exists."""
    subnets = []
    for i, pool in enumerate(spec.pools, 1):
        net = _check_pool(pool, 4, f"pool{i}_", errors)
        if net is not None:
            subnets.append((f"pool{i}_subnet", net))
    for i, pool in enumerate(spec.ipv6_pools, 1):
        net = _check_pool(pool, 6, f"ipv6_pool{i}_" if i > 1 else "ipv6_", errors)
        if net is not None:
            subnets.append(("ipv6_subnet" if i == 1 else f"ipv6_pool{i}_subnet", net))
    v4 = [n for _, n in subnets if n.version == 4]
    v6 = [n for _, n in subnets if n.version == 6]
    if spec.driver == "bridge" and len(v4) > 1:
        errors.append(("pool2_subnet", "A bridge network takes one IPv4 subnet."))
    if spec.enable_ipv6 and not any(p.subnet.strip() for p in spec.ipv6_pools):
        errors.append(("ipv6_subnet", "IPv6 needs an IPv6 subnet."))
    if v6 and not spec.enable_ipv6:
        errors.append(("enable_ipv6", "Switch IPv6 on to use an IPv6 subnet."))
    for i, (_, a) in enumerate(subnets):
        for field_b, b in subnets[i + 1 :]:
            if a.version == b.version and a.overlaps(b):
                errors.append((field_b, f"{b} overlaps {a} in this same network."))
    for field_name, net in subnets:
        _overlaps(net, ctx, field_name, errors)


def suggest_subnet(ctx: Context, pool: str, prefixlen: int = 24) -> str:
    """A free subnet of `prefixlen` in `pool`, clear of every network and host route."""
    taken = [p.subnet for n in ctx.networks for p in n.ipam] + [c for c, _ in ctx.host_routes]
    net = free_subnet(pool, prefixlen, taken)
    return str(net) if net else ""
