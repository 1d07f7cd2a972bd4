"""What changed in an object, in words, from its JSON before and after (the shapes of
dashboard.topology.serialize), for the History page's "What" column. Pure functions."""

# An engine's fields in the order they are told, each with how to say it.
ENGINE_FIELDS = (
    ("status", "state"),
    ("error", "error"),
    ("server_version", "version"),
    ("swarm", "swarm"),
    ("manager", "swarm role"),
    ("cluster", "cluster"),
    ("node_addr", "node address"),
    ("cluster_error", "cluster error"),
    ("host", "host"),
)
CONTAINER_FIELDS = (
    ("state", "state"),
    ("health", "health"),
    ("exit_code", "exit code"),
    ("image", "image"),
    ("name", "name"),
)
NETWORK_FIELDS = (
    ("internal", "internal"),
    ("attachable", "attachable"),
    ("enable_ipv6", "IPv6"),
)


def _said(key: str, value) -> str:
    if key == "manager":
        return "manager" if value else "worker"
    if value in ("", None):
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _fields(before: dict, after: dict, fields) -> list[str]:
    out = []
    for key, label in fields:
        old, new = before.get(key), after.get(key)
        if old != new and key in after:
            out.append(f"{label} {_said(key, old)} → {_said(key, new)}")
    return out


def _sets(before: dict, after: dict, key: str, label: str) -> list[str]:
    old, new = set(before.get(key) or ()), set(after.get(key) or ())
    out = []
    if new - old:
        out.append(f"{label} added: {', '.join(sorted(new - old))}")
    if old - new:
        out.append(f"{label} gone: {', '.join(sorted(old - new))}")
    return out


def engine_change(before: dict, after: dict) -> str:
    """E.g. "state connecting → connected; version 27.3.1 → 28.0.1; swarm role worker →
    manager"; "" when nothing shown here differs."""
    if not before:
        return f"first seen: state {_said('status', after.get('status'))}"
    parts = _fields(before, after, ENGINE_FIELDS)
    if before.get("swarm") == after.get("swarm") == "inactive":  # no role outside a swarm
        parts = [p for p in parts if not p.startswith("swarm role")]
    parts += _sets(before, after, "drivers", "drivers")
    return "; ".join(parts)


def container_change(before: dict, after: dict) -> str:
    parts = _fields(before, after, CONTAINER_FIELDS)
    parts += _sets(before, after, "networks", "networks")
    old_ports = {_port(p) for p in before.get("ports") or ()}
    new_ports = {_port(p) for p in after.get("ports") or ()}
    if old_ports != new_ports:
        parts.append("published ports changed")
    return "; ".join(parts)


def network_change(before: dict, after: dict) -> str:
    parts = _fields(before, after, NETWORK_FIELDS)
    parts += _sets(before, after, "hosts", "engines")
    if before.get("labels") != after.get("labels"):
        parts.append("labels changed")
    return "; ".join(parts)


def endpoint_change(before: dict, after: dict) -> str:
    parts = []
    for key, label in (("ipv4", "IPv4"), ("ipv6", "IPv6"), ("mac", "MAC")):
        if before.get(key) != after.get(key):
            parts.append(f"{label} {_said(key, before.get(key))} → {_said(key, after.get(key))}")
    parts += _sets(before, after, "aliases", "aliases")
    return "; ".join(parts)


def _port(p: dict) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in p.items()))


SWARM_FIELDS = {
    "nodes": (("state", "state"), ("availability", "availability"), ("role", "role"),
              ("leader", "leader"), ("address", "address"), ("engine_version", "version")),
    "services": (("replicas", "replicas"), ("image", "image"), ("mode", "mode")),
    "tasks": (("state", "state"), ("desired_state", "desired state"), ("node", "node"),
              ("message", "message")),
}  # fmt: skip


def swarm_change(kind: str, before: dict, after: dict) -> str:
    parts = _fields(before, after, SWARM_FIELDS[kind])
    if kind == "services":
        parts += _sets(before, after, "networks", "networks")
    return "; ".join(parts)


def swarm_name(kind: str, obj: dict, services: dict) -> str:
    """A node by its hostname, a service by its name, a task as Docker names its
    container: service.slot (a global service's by its node)."""
    if kind == "nodes":
        return obj.get("hostname") or obj.get("id", "")[:12]
    if kind == "services":
        return obj.get("name") or obj.get("id", "")[:12]
    service = services.get(obj.get("service", ""), {}).get("name") or obj.get("service", "")[:12]
    return f"{service}.{obj.get('slot') or obj.get('node', '')[:12]}"
