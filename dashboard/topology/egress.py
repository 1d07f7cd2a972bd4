"""Out to the world: can a container reach beyond its networks, and through which gateway?

What Docker decides, measured on Engine 20.10 (tests/reach/ checks it against the kernel):
- A container's default route goes through one network's gateway, chosen as libnetwork
  does: never docker_gwbridge while another network gives a gateway, internal networks
  last, then by network name. Traffic out leaves through that network only. (libnetwork
  also prefers a network with both IPv4 and IPv6 gateways; IPv6 is not modelled here.)
- A bridge masquerades what leaves the host (an iptables MASQUERADE rule for its subnet)
  unless `com.docker.network.bridge.enable_ip_masquerade` is false: then packets leave with
  the container's own address, and only a network that routes that subnet back answers.
- An internal bridge drops everything forwarded to another interface (DOCKER-ISOLATION),
  yet Docker filters forwarded traffic only: the host's own addresses still answer.
- An overlay container leaves through docker_gwbridge, a masquerading bridge of its host.
- macvlan and ipvlan put the container straight on the parent interface's LAN: no NAT, no
  Docker rule; the LAN decides, and the host itself is not reachable through the parent.
- A plugin's driver decides for itself; `none` has loopback alone; host mode is the host.
What Docker does not know, the dashboard does not either: the host's own firewall and
routes, and the networks beyond. A verdict says so instead of guessing.
"""

from dataclasses import dataclass, field

from dashboard.topology.addresses import implied_gateway
from dashboard.topology.reach_index import Indexed, indexed
from dashboard.topology.reach_rules import namespace_owner
from dashboard.topology.records import GATEWAY_BRIDGE, Container, Endpoint, Network
from dashboard.topology.store import Topology

MASQUERADE = "com.docker.network.bridge.enable_ip_masquerade"
PARENT = "parent"  # macvlan and ipvlan's parent interface option

UNKNOWN_FIREWALL = (
    "Docker's rules let it out; the host's own firewall and routes, and the networks "
    "beyond, are not known to the dashboard."
)


@dataclass(frozen=True)
class WayOut:
    """What one network of a container does with traffic leaving it."""

    network: Network
    gateway: str  # the gateway address, "" where Docker gives none (or it is not known)
    address: str  # the container's address there: what a listener on the host sees
    host: bool | None  # reaches this host's own addresses
    beyond: bool | None  # reaches past this host: True, False, or None (Docker does not decide)
    how: str  # one sentence: why

    @property
    def rank(self) -> tuple:
        """libnetwork's order for the default route: a network that gives no route at all
        never, docker_gwbridge only when no other gives one, internal networks last, then
        by name."""
        dead_end = self.host is False and self.beyond is False and not self.network.internal
        return (dead_end, self.network.gateway_bridge, self.network.internal, self.network.name)


def masquerades(n: Network) -> bool:
    """Whether a bridge network NATs what leaves the host (Docker's default: yes)."""
    return str(n.options.get(MASQUERADE, "true")).lower() not in {"false", "0"}


def gateway_of(n: Network, e: Endpoint) -> str:
    """The gateway `e` was given on `n`: as the container list reports it, else the
    network's configured one, else the one Docker's IPAM reserves (its first address)."""
    if e.gateway:
        return e.gateway
    pools = [p for p in n.ipam if ":" not in p.subnet]
    if pools:
        return pools[0].gateway or implied_gateway(pools[0].subnet)
    return ""


def way_out(t: Topology | Indexed, n: Network, e: Endpoint, engine: str) -> WayOut | None:
    """What `n` does with traffic leaving the container whose endpoint there is `e` (on
    `engine`); None where it gives no way at all (`none`)."""
    address = (e.ipv4 or e.ipv6).split("/")[0]
    if n.driver == "null":
        return None
    if n.driver == "host":
        return WayOut(n, "", "", True, True, "It uses the host's own network stack.")
    if n.plugin:
        return WayOut(
            n,
            gateway_of(n, e),
            address,
            None,
            None,
            f"{n.name} is a network of the {n.driver} plugin: the plugin, not Docker, decides "
            "what leaves it (without a gateway from the plugin, Docker adds docker_gwbridge).",
        )
    if n.driver in ("macvlan", "ipvlan"):
        parent = n.options.get(PARENT, "")
        if n.internal or not parent:
            return WayOut(n, "", address, False, False, f"{n.name} has no parent interface.")
        return WayOut(
            n,
            gateway_of(n, e),
            address,
            None,
            None,
            f"{n.name} puts it straight on {parent}'s LAN, without NAT: that network decides "
            f"where it goes, and the host itself is not reachable through {parent}.",
        )
    if n.driver == "overlay":
        if n.internal:
            return WayOut(
                n, "", address, False, False, f"{n.name} is an internal overlay: no way out."
            )
        gw = _gateway_bridge(t, engine)
        if gw is not None and not masquerades(gw):
            beyond, what = None, f"{GATEWAY_BRIDGE} does not masquerade"
        else:
            beyond, what = True, f"masqueraded by {GATEWAY_BRIDGE}"
        return WayOut(
            n, "", "", True, beyond, f"From the overlay {n.name} it leaves through {what}."
        )
    gateway = gateway_of(n, e)
    if not gateway:
        return WayOut(n, "", address, False, False, f"{n.name} gives it no gateway.")
    if n.internal:
        return WayOut(
            n,
            gateway,
            address,
            True,
            False,
            f"{n.name} is internal: Docker drops what it forwards to any other interface, "
            "so nothing leaves the host this way; the host's own addresses still answer "
            "(Docker filters forwarded traffic only).",
        )
    if not masquerades(n):
        return WayOut(
            n,
            gateway,
            address,
            True,
            None,
            f"{n.name} has IP masquerading off ({MASQUERADE}=false): packets leave the host "
            f"with its own address {address}, so only a network that routes "
            f"{', '.join(p.subnet for p in n.ipam) or 'its subnet'} back answers.",
        )
    return WayOut(
        n,
        gateway,
        address,
        True,
        True,
        f"Through {n.name}'s gateway {gateway}, masqueraded as the host's address.",
    )


def _gateway_bridge(t: Topology | Indexed, engine: str) -> Network | None:
    return next(
        (n for n in t.networks.values() if n.gateway_bridge and n.on(engine)),
        None,
    )


@dataclass
class EgressVerdict:
    """Whether a container reaches out, and how. `reachable` (past this host) and `host`
    (this host's own addresses) are True, False, or None where Docker does not decide."""

    container: Container
    reachable: bool | None
    host: bool | None
    via: WayOut | None  # the network whose gateway its default route goes through
    others: list[WayOut] = field(default_factory=list)  # its other networks' ways
    reasons: list[str] = field(default_factory=list)

    @property
    def answer(self) -> str:
        return {True: "yes", False: "no", None: "unknown"}[self.reachable]


def to_outside(t: Topology | Indexed, c: Container) -> EgressVerdict:
    """Whether `c` can reach beyond the host, through which network's gateway, and what is
    not known. A container in `container:X` mode takes X's answer."""
    t = indexed(t)
    owner = namespace_owner(t, c)
    note = []
    if owner.id != c.id:
        note = [f"{c.name} uses {owner.name}'s network stack (container mode): its answer is "
                f"{owner.name}'s."]  # fmt: skip
    if not c.live or not owner.live:
        who = c if not c.live else owner
        return EgressVerdict(
            c, False, False, None, reasons=[*note, f"{who.name} is {who.state or 'not running'}."]
        )
    if owner.host_network:
        return EgressVerdict(
            c,
            True,
            True,
            None,
            reasons=[*note, "It uses the host's network stack: it goes out as the host does.",
                     UNKNOWN_FIREWALL],
        )  # fmt: skip
    ways = []
    for e in t.endpoints_of_container(owner.id):
        n = t.networks.get(e.network)
        w = way_out(t, n, e, owner.engine) if n is not None else None
        if w is not None:
            ways.append(w)
    if not ways:
        why = (
            "It is on no network but none: only loopback."
            if owner.network_mode == "none" or not t.endpoints_of_container(owner.id)
            else "None of its networks gives it a way out."
        )
        return EgressVerdict(c, False, False, None, reasons=[*note, why])
    ways.sort(key=lambda w: w.rank)
    via, others = ways[0], ways[1:]
    reasons = [*note, via.how]
    if len(ways) > 1:
        reasons.append(
            f"Its default route goes through {via.network.name}: Docker picks one gateway "
            "(internal networks last, then by name); its other networks do not carry "
            "traffic out."
        )
        better = [w.network.name for w in others if w.beyond and not via.beyond]
        if better:
            reasons.append(f"{', '.join(better)} would lead out, but is not its default route.")
    if via.beyond is not False:
        reasons.append(UNKNOWN_FIREWALL)
    return EgressVerdict(c, via.beyond, via.host, via, others, reasons)


def network_way_out(t: Topology | Indexed, n: Network) -> WayOut | None:
    """What `n` does with what leaves a container on it alone (the network page's
    answer); None for `none`."""
    return way_out(t, n, Endpoint(n.id, ""), n.engine)


def leads_out(t: Topology | Indexed, n: Network) -> bool | None:
    """Whether a container whose only network is `n` reaches past the host."""
    w = network_way_out(t, n)
    return w.beyond if w is not None else False
