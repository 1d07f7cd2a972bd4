"""The engine layer's small exception tree. Each carries a message in plain words for the
user and Docker's own text for the curious."""

import re


class EngineError(Exception):
    status = 502

    def __init__(self, message: str, docker_message: str = "", field: str = ""):
        super().__init__(message)
        self.message = message
        self.docker_message = docker_message
        self.field = field  # the form field the refusal is about, when Docker's text says

    @property
    def explained(self) -> str:
        """The plain words, followed by Docker's own where they say more."""
        if not self.docker_message or self.docker_message in self.message:
            return self.message
        return f"{self.message} Docker said: {self.docker_message}"


class EngineUnavailable(EngineError):
    """The engine did not answer: down, unreachable, or too slow."""

    status = 503


class NotFound(EngineError):
    status = 404


class Conflict(EngineError):
    """The request clashes with what exists: a name, a subnet, attached containers."""

    status = 409


class InvalidRequest(EngineError):
    status = 400


class NotAllowed(EngineError):
    """An endpoint outside the engine layer's allow-list (a programming error)."""

    status = 500


# Docker's status codes do not follow the kind of error (most mistakes are 500, overlaps 403),
# so the text decides the kind where it is known, and the status code only otherwise. Each
# pattern is narrow enough that its plain words are true of every text it matches; a text
# no pattern knows is shown in Docker's own words. "{0}" in the words is the first group.
_RULES: list[tuple[str, type[EngineError], str]] = [
    (
        r"could not find an available, non-overlapping|no available .*pool|"
        r"all predefined address pools have been fully subnetted",
        Conflict,
        "Docker has run out of free subnets in its default address pools. "
        "Give the network an explicit subnet.",
    ),
    (
        r"failed to allocate gateway \(([^)]*)\)",
        InvalidRequest,
        "Docker could not give the network the gateway {0}.",
    ),
    (
        r"no matching subnet for gateway",
        InvalidRequest,
        "The gateway is in none of the network's subnets.",
    ),
    (
        r"overlaps with other one on this address space|networks have overlapping|"
        r"conflicts with network",
        Conflict,
        "The subnet overlaps a subnet that another network already uses.",
    ),
    (r"has active endpoints", Conflict, "Containers are still attached to this network."),
    (
        r"endpoint with name .* already exists in network|is already attached to network|"
        r"already exists in network",
        Conflict,
        "The container is already connected to this network.",
    ),
    (r"network with name .* already exists", Conflict, "A network with this name already exists."),
    (
        r"pre-?defined network",
        Conflict,
        "Docker's own networks (bridge, host, none) cannot be changed this way.",
    ),
    (
        r"(macvlan|ipvlan).*operation not supported|^operation not supported$",
        InvalidRequest,
        "This host's kernel does not support that network driver.",
    ),
    (
        r"plugin .* not found|could not find plugin|plugin not found",
        InvalidRequest,
        "The engine has no network driver of that name.",
    ),
    (
        r"sharing network namespace|cannot be connected to any other network|"
        r"cannot be disconnected from host network or connected to host network",
        Conflict,
        "This container shares another's network stack (host or container mode), or the "
        "network is host: it cannot be connected or disconnected this way.",
    ),
    (
        r"does not belong to any of this network's subnets",
        InvalidRequest,
        "The address is in none of the network's subnets.",
    ),
    (
        r"user specified IP address is supported only when connecting to networks with user "
        r"configured subnets",
        InvalidRequest,
        "This network has no subnet of its own, so Docker picks the address itself.",
    ),
    (
        r"Address already in use|address .* already allocated",
        Conflict,
        "That address is already in use on this network.",
    ),
    (
        r"is not connected to (the )?network",
        Conflict,
        "The container is not connected to this network.",
    ),
    (r"no such container", NotFound, "No such container."),
    (r"no such network|^network .* not found$", NotFound, "No such network."),
    (
        r"this node is not a swarm manager",
        InvalidRequest,
        "That needs a swarm manager, and this engine is not one.",
    ),
]


# Refusals about one field of the create form (macvlan/ipvlan's parent and mode), as
# Engine 20.10 words them (measured on a dockerd in a network namespace of its own):
# (pattern, kind, words, field); "{0}", "{1}" are the groups, in the field name too.
_FIELD_RULES: list[tuple[str, type[EngineError], str, str]] = [
    (
        # A parent without a dot that does not exist: Docker takes it for a VLAN to make.
        r"invalid subinterface vlan name (\S+), example formatting is",
        InvalidRequest,
        "The engine's host has no interface {0}.",
        "parent",
    ),
    (
        # parent.VLAN whose parent does not exist ("does was" is macvlan's own wording).
        r"-o parent interface (?:does )?was not found on the host: (\S+)",
        InvalidRequest,
        "The engine's host has no interface {0} to make the VLAN sub-interface on.",
        "parent",
    ),
    (
        r"network (d[mi])-\w+ is already using parent interface (\S+)",
        Conflict,
        "Another network of this driver already uses the parent interface {1}; Docker "
        "gives a parent to one such network only.",
        "parent",
    ),
    # A dotted parent that does not exist is a VLAN for Docker to make, if it can read it.
    (
        r"required interface name format is: name\.vlan_id.* instead received (\S+)",
        InvalidRequest,
        "The engine's host has no interface {0}, and Docker makes only VLAN sub-interfaces "
        "written with one dot, such as eth0.10.",
        "parent",
    ),
    (
        r"unable to parse a valid vlan id from: (\S+) \(",
        InvalidRequest,
        "The engine's host has no such interface, and “{0}” after the dot is not a VLAN "
        "number for Docker to make one (such as eth0.10).",
        "parent",
    ),
    (
        r"vlan id must be between 1-4094, received: (\S+)",
        InvalidRequest,
        "The engine's host has no such interface, and VLAN {0} is outside 1–4094 for Docker "
        "to make one.",
        "parent",
    ),
    (
        r"failed to create (\S+) vlan link: operation not supported",
        InvalidRequest,
        "The engine's host could not make the VLAN sub-interface {0}: its kernel (or that "
        "parent) does not support VLANs.",
        "parent",
    ),
    (
        r"requested (macvlan|ipvlan) mode '([^']*)' is not valid",
        InvalidRequest,
        "This engine's Docker version does not know the {0} mode {1}.",
        "{0}_mode",
    ),
]


def classify(status: int | None, explanation: str) -> EngineError:
    """Turn Docker's status and text into one of our errors, in plain words."""
    text = explanation or ""
    for pattern, kind, words, field in _FIELD_RULES:
        found = re.search(pattern, text, re.IGNORECASE)
        if found:
            groups = found.groups()
            return kind(words.format(*groups), text, field.format(*groups))
    for pattern, kind, words in _RULES:
        found = re.search(pattern, text, re.IGNORECASE)
        if found:
            return kind(words.format(*found.groups()), text)
    if status == 404:
        return NotFound("Docker could not find it.", text)
    if status in (403, 409):
        return Conflict(f"Docker refused the change: {text}", text)
    if status is not None and 400 <= status < 600:
        return InvalidRequest(f"Docker refused the request: {text}", text)
    return EngineError(f"Docker failed: {text}", text)
