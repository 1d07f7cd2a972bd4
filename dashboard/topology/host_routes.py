"""The host's own IPv4 routes, read from /proc/net/route: a new network's subnet must not
overlap one of them."""

import ipaddress

from dashboard.topology.records import GATEWAY_BRIDGE


def host_routes(proc_route: str = "/proc/net/route") -> list[tuple[str, str]]:
    """The host's IPv4 routes (cidr, interface), leaving out the default route and Docker's
    own bridges (the networks themselves are checked by name)."""
    routes = []
    try:
        with open(proc_route) as f:
            lines = f.read().splitlines()[1:]
    except OSError:
        return routes
    for line in lines:
        parts = line.split()
        if len(parts) < 8:
            continue
        dev, dest, mask = parts[0], int(parts[1], 16), int(parts[7], 16)
        if mask == 0 or dev == "docker0" or dev.startswith(("br-", GATEWAY_BRIDGE)):
            continue
        address = ipaddress.IPv4Address(dest.to_bytes(4, "little"))
        prefix = bin(mask).count("1")
        routes.append((str(ipaddress.ip_network((address, prefix), strict=False)), dev))
    return routes
