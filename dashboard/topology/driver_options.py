"""The driver a network-create request names, and the options it gives that driver: the
bridge's (its Linux name, icc, masquerade, MTU, host binding), macvlan's and ipvlan's (the
parent interface and the mode)."""

import ipaddress
import re

from dashboard import params
from dashboard.topology.network_spec import Context, Errors, NetworkSpec

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


def check_driver(spec: NetworkSpec, ctx: Context, errors: Errors) -> None:
    """Whether the engine has the driver, and lets another network of it be made."""
    if spec.driver not in ctx.drivers:
        errors.append(("driver", f"This engine has no network driver {spec.driver}."))
    elif spec.driver in ("host", "null"):
        errors.append(("driver", f"Docker allows only one {spec.driver} network, its own."))
    elif spec.driver == "overlay" and not ctx.swarm_active:
        errors.append(("driver", "Overlay networks need swarm mode (docker swarm init)."))


def check_options(spec: NetworkSpec, ctx: Context, errors: Errors) -> None:
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


def check_parent_and_mode(spec: NetworkSpec, ctx: Context, errors: Errors) -> None:
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
