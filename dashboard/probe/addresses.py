"""The host's own addresses: those on the interfaces of the probe's network namespace (the
host's), read through netlink with pyroute2. A connection end on one of them is the host
(flows.flows), whether it is a Docker gateway or not (eth0's, a listener's own address).

Link-local addresses are left out: the same one may be on any host's link, so it names
no one; loopback ones are the host's anyway (flows._owner)."""

import ipaddress

from pyroute2 import IPRoute
from pyroute2.netlink.exceptions import NetlinkError

from dashboard.probe.kernel import KernelError
from dashboard.topology.flow_report import MAX_HOST_ADDRESSES
from dashboard.topology.sockets import written


def _own(message) -> str | None:
    # IFA_LOCAL is the interface's own IPv4 address (IFA_ADDRESS is the peer's on a
    # point-to-point link); IPv6 sets only IFA_ADDRESS.
    value = message.get("IFA_LOCAL") or message.get("IFA_ADDRESS")
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.is_link_local or address.is_loopback:
        return None
    return written(address)


def host_addresses() -> tuple[str, ...]:
    """This network namespace's own addresses, sorted, at most MAX_HOST_ADDRESSES (what
    a report may carry)."""
    try:
        with IPRoute() as ip:
            found = {a for m in ip.get_addr() if (a := _own(m)) is not None}
    except (NetlinkError, OSError) as e:
        raise KernelError(f"The host's addresses could not be read: {e}") from e
    return tuple(sorted(found))[:MAX_HOST_ADDRESSES]
