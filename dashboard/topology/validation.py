"""What a network-create request must satisfy before it goes anywhere near Docker.

The daemon checks far less than the docker CLI, and some of what it accepts harms the host:
a subnet over the default bridge's given with an ip-range, or a bridge named docker0, makes
it delete docker0; an IPv4-mapped IPv6 subnet leaves a bridge and an ip6tables rule behind.
Each check returns (field, message) pairs in plain words; none needs Django or docker.
"""

import ipaddress
import re
import shlex
import unicodedata
from dataclasses import dataclass, field

from dashboard import params
from dashboard.topology.addresses import free_subnet, parse_network, usable_bounds, usable_size
from dashboard.topology.records import GATEWAY_BRIDGE, PREDEFINED_NAMES, Network

# Network aliases are DNS names for Docker's embedded DNS.
ALIAS_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# Docker's guideline for label keys (and the same for driver options): a reverse-DNS
# namespace such as com.example.team, of letters, digits, . and -; _ and / are tolerated.
KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_./-]*$")
KEY_RULE = (
    "keys follow Docker's guideline: letters, digits and . - (also _ and /), starting with "
    "a letter or digit, best in a reverse-DNS namespace such as com.example.team; no spaces, "
    "quotes or markup"
)
# Names Docker keeps for itself: its predefined networks, and "default" (a network mode).
RESERVED_NAMES = PREDEFINED_NAMES | {"default"}
GO_BOOLEANS = frozenset(
    {"1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"}
)
BRIDGE_NAME = "com.docker.network.bridge.name"
DEFAULT_BRIDGE = "com.docker.network.bridge.default_bridge"
ICC = "com.docker.network.bridge.enable_icc"
MASQ = "com.docker.network.bridge.enable_ip_masquerade"
HOST_BINDING = "com.docker.network.bridge.host_binding_ipv4"
MTU = "com.docker.network.driver.mtu"
# macvlan and ipvlan: the host interface the network hangs off, and how it shares it.
PARENT = "parent"
MODE_OPTION = {"macvlan": "macvlan_mode", "ipvlan": "ipvlan_mode"}
MODES = {
    "macvlan": ("bridge", "vepa", "private", "passthru"),
    "ipvlan": ("l2", "l3", "l3s"),  # l3s is newer than Engine 20.10, which refuses it
}
IFNAMSIZ = 16  # Linux keeps 15 characters and a NUL
MAX_NAME = 255
MAX_ENTRIES = 64
MAX_VALUE = 1024


@dataclass
class Pool:
    subnet: str = ""
    gateway: str = ""
    ip_range: str = ""


@dataclass
class NetworkSpec:
    name: str
    driver: str = "bridge"
    pools: list[Pool] = field(default_factory=list)  # IPv4
    ipv6_pools: list[Pool] = field(default_factory=list)
    enable_ipv6: bool = False
    internal: bool = False
    attachable: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    options: dict[str, str] = field(default_factory=dict)

    def as_engine_spec(self) -> dict:
        pools = [p for p in self.pools + self.ipv6_pools if p.subnet]
        return {
            "name": self.name,
            "driver": self.driver,
            "pools": [
                {"subnet": p.subnet, "gateway": p.gateway, "ip_range": p.ip_range} for p in pools
            ],
            "enable_ipv6": self.enable_ipv6,
            "internal": self.internal,
            "attachable": self.attachable,
            "labels": self.labels,
            "options": self.options,
        }


@dataclass
class Context:
    """What the checks compare against: the engine's networks, drivers, swarm state, and
    the host's own routes (for a local engine)."""

    networks: list[Network]
    drivers: tuple[str, ...] = ("bridge", "host", "null", "overlay", "macvlan", "ipvlan")
    swarm_active: bool = False
    host_routes: list[tuple[str, str]] = field(default_factory=list)  # (cidr, interface)


Errors = list[tuple[str, str]]


def parse_pairs(text: str, what: str) -> tuple[dict[str, str], list[str]]:
    """`key=value` lines into a dict; blank lines are skipped. Returns (pairs, problems)."""
    pairs: dict[str, str] = {}
    problems = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not key:
            problems.append(f"Line {number}: write each {what} as key=value.")
        elif not KEY_RE.match(key) or len(key) > 255:
            problems.append(f"Line {number}: {what} {KEY_RULE}.")
        elif key in pairs:
            problems.append(f"Line {number}: the {what} {key} is given twice.")
        elif len(value) > MAX_VALUE:
            problems.append(f"Line {number}: values are limited to {MAX_VALUE} characters.")
        else:
            pairs[key] = value.strip()
    if len(pairs) > MAX_ENTRIES:
        problems.append(f"At most {MAX_ENTRIES} {what}s.")
    return pairs, problems


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


def _check_options(spec: NetworkSpec, ctx: Context, errors: Errors) -> None:
    opts = spec.options
    if DEFAULT_BRIDGE in opts:
        errors.append(("options", "The default_bridge option is reserved for docker0."))
    bridge = opts.get(BRIDGE_NAME)
    if bridge is not None:
        if bridge == "docker0":
            errors.append(("bridge_name", "docker0 is the default bridge's; choose another name."))
        elif len(bridge) > 15 or not re.match(r"^[A-Za-z0-9_.-]+$", bridge):
            errors.append(
                ("bridge_name", "A Linux bridge name has at most 15 letters, digits, . _ or -.")
            )
        elif any(n.bridge_name == bridge for n in ctx.networks):
            errors.append(("bridge_name", f"The bridge {bridge} belongs to another network."))
    for key, field_name in ((ICC, "icc"), (MASQ, "ip_masquerade")):
        if key in opts and opts[key] not in GO_BOOLEANS:
            errors.append((field_name, f"{key} takes true or false."))
    if MTU in opts:
        try:
            params.integer(opts[MTU], "MTU", None, 68, 65535)
        except params.BadParameter:
            errors.append(("mtu", "The MTU is a whole number from 68 to 65535."))
    if HOST_BINDING in opts:
        try:
            ipaddress.IPv4Address(opts[HOST_BINDING])
        except ValueError:
            errors.append(("host_binding_ipv4", f"{opts[HOST_BINDING]} is not an IPv4 address."))


def interface_problem(name: str) -> str:
    """Why Linux cannot have an interface called `name`, or "" (the kernel's own rules)."""
    if not name:
        return "Give the parent interface's name."
    if len(name) >= IFNAMSIZ:
        return f"A Linux interface name has at most {IFNAMSIZ - 1} characters."
    if name in (".", ".."):
        return f"{name} cannot be an interface name."
    if "/" in name or ":" in name or any(ch.isspace() for ch in name):
        return "A Linux interface name has no /, : or whitespace."
    return ""


def _check_parent_and_mode(spec: NetworkSpec, ctx: Context, errors: Errors) -> None:
    opts = spec.options
    for driver, key in MODE_OPTION.items():
        if key in opts and spec.driver != driver:
            errors.append((key, f"{key} is for {driver} networks; this one is {spec.driver}."))
    if spec.driver not in MODE_OPTION:
        if PARENT in opts:
            errors.append(
                (PARENT, f"A parent interface is for macvlan and ipvlan, not {spec.driver}.")
            )
        return
    key = MODE_OPTION[spec.driver]
    if key in opts and opts[key] not in MODES[spec.driver]:
        errors.append(
            (key, f"The {spec.driver} modes are {', '.join(MODES[spec.driver])}, not {opts[key]}.")
        )
    if PARENT not in opts:
        return
    parent = opts[PARENT]
    problem = interface_problem(parent)
    if problem:
        errors.append((PARENT, problem))
        return
    for n in ctx.networks:
        if n.driver == spec.driver and (n.options or {}).get(PARENT) == parent:
            errors.append(
                (
                    PARENT,
                    f"The {spec.driver} network “{n.name}” already uses the parent {parent}; "
                    f"Docker gives a parent to one {spec.driver} network only.",
                )
            )
            return


def name_problem(name: str, ctx: Context) -> str:
    """Why Docker or the tools around it cannot work with `name`, or "". Docker itself
    accepts almost any text (the Linux bridge is named after the id, not the name), so only
    what really breaks is refused: names starting with . or _, or in any script, are fine."""
    if not name:
        return "Give the network a name."
    if len(name) > MAX_NAME:
        return f"Names are limited to {MAX_NAME} characters."
    if "/" in name:
        return "A / cannot be part of a name: it splits the name in URL paths, Docker's too."
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in name):
        return "The name holds invisible control characters; type it again."
    if name.startswith("-"):
        return "A name cannot start with -: the docker command line would read it as an option."
    if name in RESERVED_NAMES:
        return f"{name} is one of Docker's own network names."
    if any(n.name == name for n in ctx.networks):
        return f"A network named {name} already exists."
    return ""


def shell_note(name: str) -> str:
    """For a name with characters a shell reads itself (a space, `$`, `#`, a quote…),
    which Docker accepts: how to type it in a command. "" for a name that needs nothing."""
    if not name or shlex.quote(name) == name:
        return ""
    return (
        "A shell reads some of this name's characters itself: quote it in commands, "
        f"as in docker network inspect {shlex.quote(name)}"
    )


def notes(spec: NetworkSpec) -> list[str]:
    """What a valid request will give that the user may not expect: a name a shell needs
    quoted, small subnets."""
    quoted = shell_note(spec.name.strip())
    out = [quoted] if quoted else []
    for pool in spec.pools + spec.ipv6_pools:
        net = parse_network(pool.subnet) if pool.subnet.strip() else None
        if net is None:
            continue
        room = container_room(net)
        if room < 14:
            out.append(
                f"{net} holds {room} container{'' if room == 1 else 's'} (Docker keeps the "
                "first and last addresses, and the gateway takes one)."
            )
    return out


def validate(spec: NetworkSpec, ctx: Context) -> Errors:
    errors: Errors = []
    problem = name_problem(spec.name.strip(), ctx)
    if problem:
        errors.append(("name", problem))

    if spec.driver not in ctx.drivers:
        errors.append(("driver", f"This engine has no network driver {spec.driver}."))
    elif spec.driver in ("host", "null"):
        errors.append(("driver", f"Docker allows only one {spec.driver} network, its own."))
    elif spec.driver == "overlay" and not ctx.swarm_active:
        errors.append(("driver", "Overlay networks need swarm mode (docker swarm init)."))

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

    _check_options(spec, ctx, errors)
    _check_parent_and_mode(spec, ctx, errors)
    return errors


def suggest_subnet(ctx: Context, pool: str, prefixlen: int = 24) -> str:
    """A free subnet of `prefixlen` in `pool`, clear of every network and host route."""
    taken = [p.subnet for n in ctx.networks for p in n.ipam] + [c for c, _ in ctx.host_routes]
    net = free_subnet(pool, prefixlen, taken)
    return str(net) if net else ""


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
