"""Which of an engine's connections the host's conntrack sees, and so which containers'
namespaces the probe still has to read. Pure: the facts about the host (which bridges are
in the probe's network namespace, whether br_netfilter hands bridged traffic to
iptables) are given.

A bridge network's traffic passes the host's netfilter when it leaves the bridge (routed
to another bridge, the host or the outside) and, with bridge-nf-call-iptables on, also
between two containers on the bridge itself. Overlay, macvlan, ipvlan and plugin
networks carry their containers' traffic past it (in a namespace of their own, or straight
to the wire): those containers' own socket tables are read instead.
"""

from collections.abc import Callable
from dataclasses import dataclass

from dashboard.topology.records import Network
from dashboard.topology.store import Topology

BRIDGE_NAME = "com.docker.network.bridge.name"
QUIET = frozenset({"null", "host"})  # no traffic of its own, or the host's


def bridge_interface(n: Network) -> str:
    """The Linux bridge behind a bridge network: named by its options, or Docker's
    default `br-` and the id's first 12 digits."""
    return n.options.get(BRIDGE_NAME) or f"br-{n.id[:12]}"


@dataclass(frozen=True)
class HostFacts:
    """What the probe found on its host: whether bridged IPv4 and IPv6 traffic is handed
    to netfilter (/proc/sys/net/bridge/bridge-nf-call-iptables, -ip6tables), and which
    interfaces exist in its network namespace."""

    bridge_nf_v4: bool
    bridge_nf_v6: bool
    has_interface: Callable[[str], bool]


def tracked_networks(t: Topology, engine: str, host: HostFacts) -> dict[str, Network]:
    """The networks, by id, of `engine` whose traffic the probe's conntrack sees whole."""
    out = {}
    for n in t.networks.values():
        if n.driver != "bridge" or n.scope != "local" or engine not in n.hosts:
            continue
        if not host.bridge_nf_v4 or (n.enable_ipv6 and not host.bridge_nf_v6):
            continue
        if host.has_interface(bridge_interface(n)):
            out[n.id] = n
    return out


def subnets(networks: dict[str, Network]) -> set[str]:
    """The subnets of `networks`: a connection with an end in one concerns the engine."""
    return {p.subnet for n in networks.values() for p in n.ipam if p.subnet}


def namespaces_to_read(t: Topology, containers: set[str], tracked: dict[str, Network]) -> set[str]:
    """Those of `containers` (ids) with an endpoint on a network conntrack does not see:
    their own sockets are the only source for it."""
    out = set()
    for (network_id, container_id), _ in t.endpoints.items():
        if container_id not in containers or network_id in tracked:
            continue
        n = t.networks.get(network_id)
        if n is None or n.driver not in QUIET:
            out.add(container_id)
    return out
