"""The engine layer's small exception tree. Each carries a message in plain words for the
user and Docker's own text for the curious."""

import re


class EngineError(Exception):
    status = 502

    def __init__(self, message: str, docker_message: str = ""):
        super().__init__(message)
        self.message = message
        self.docker_message = docker_message


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
# so the text decides the kind where it is known, and the status code only otherwise.
_RULES: list[tuple[str, type[EngineError], str]] = [
    (
        r"could not find an available, non-overlapping|no available .*pool|"
        r"all predefined address pools have been fully subnetted",
        Conflict,
        "Docker has run out of free subnets in its default address pools. "
        "Give the network an explicit subnet.",
    ),
    (
        r"overlaps with other one on this address space|overlaps with|conflicts with network",
        Conflict,
        "The subnet overlaps a subnet that another network already uses.",
    ),
    (r"has active endpoints", Conflict, "Containers are still attached to this network."),
    (
        r"already exists in network|is already attached|endpoint with name .* already exists",
        Conflict,
        "The container is already connected to this network.",
    ),
    (r"network with name .* already exists", Conflict, "A network with this name already exists."),
    (
        r"pre-?defined network|predefined networks",
        Conflict,
        "Docker's predefined networks (bridge, host, none) cannot be changed this way.",
    ),
    (
        r"operation not supported",
        InvalidRequest,
        "This host's kernel does not support that network driver.",
    ),
    (
        r"plugin .* not found|could not find plugin|plugin not found",
        InvalidRequest,
        "The engine has no network driver of that name.",
    ),
    (
        r"sharing network namespace|cannot be connected to any other network",
        Conflict,
        "This container shares another's network stack (host or container mode) and cannot "
        "be connected to other networks.",
    ),
    (
        r"is not within|does not belong to|no configured subnet|invalid address",
        InvalidRequest,
        "The address is not inside the network's configured subnet.",
    ),
    (r"address already in use|already allocated", Conflict, "That address is already in use."),
    (
        r"not connected to (the )?network|is not connected",
        Conflict,
        "The container is not connected to this network.",
    ),
    (r"no such container", NotFound, "No such container."),
    (r"no such network|network .* not found", NotFound, "No such network."),
    (
        r"this node is not a swarm manager|swarm",
        InvalidRequest,
        "That needs swarm mode, which this engine is not in.",
    ),
]


def classify(status: int | None, explanation: str) -> EngineError:
    """Turn Docker's status and text into one of our errors, in plain words."""
    text = explanation or ""
    for pattern, kind, words in _RULES:
        if re.search(pattern, text, re.IGNORECASE):
            return kind(words, text)
    if status == 404:
        return NotFound("Docker could not find it.", text)
    if status in (403, 409):
        return Conflict(f"Docker refused the change: {text}", text)
    if status is not None and 400 <= status < 600:
        return InvalidRequest(f"Docker refused the request: {text}", text)
    return EngineError(f"Docker failed: {text}", text)
