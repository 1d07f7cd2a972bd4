"""What a probe sends the dashboard: the connections one reading of its host found, by
container, and the host's own addresses (those on its interfaces, which flows.flows counts
as the host). The dashboard reads a report as hostile text: every field is checked, and a
report that is wrong anywhere is refused whole, with what is wrong said plainly.

A report is {"engine": name, "connections": {container id: [[proto, client, port, server,
port, serving], ...]}, "host_addresses": [address, ...]}; "host_addresses" is optional
(probes before it sent none), at most MAX_HOST_ADDRESSES."""

import ipaddress
import re

from dashboard.topology.flows import Connection
from dashboard.topology.sockets import written

# Bounds far above a real host (1,000 containers with a few dozen connections each).
MAX_CONTAINERS = 20_000
MAX_CONNECTIONS = 500_000
MAX_HOST_ADDRESSES = 4_096
CONTAINER_ID = re.compile(r"[0-9a-f]{64}")
PROTOCOLS = frozenset({"tcp", "udp"})


class ReportError(ValueError):
    """A report the dashboard refuses; the message says why."""


def encode(
    engine: str,
    seen: dict[str, list[tuple[Connection, bool]]],
    host_addresses: tuple[str, ...] = (),
) -> dict:
    return {
        "engine": engine,
        "host_addresses": list(host_addresses),
        "connections": {
            cid: [
                [c.proto, c.client, c.client_port, c.server, c.server_port, serving]
                for c, serving in found
            ]
            for cid, found in seen.items()
        },
    }


def _address(value, where: str) -> str:
    if not isinstance(value, str) or len(value) > 45:
        raise ReportError(f"{where}: an IP address is needed.")
    try:
        return written(ipaddress.ip_address(value))
    except ValueError:
        raise ReportError(f"{where}: {value[:45]!r} is not an IP address.") from None


def _port(value, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 65535:
        raise ReportError(f"{where}: a port is a whole number from 0 to 65535.")
    return value


def _connection(row, where: str) -> tuple[Connection, bool]:
    if not isinstance(row, list) or len(row) != 6:
        raise ReportError(f"{where}: a connection is [proto, client, port, server, port, serving].")
    proto, client, client_port, server, server_port, serving = row
    if proto not in PROTOCOLS:
        raise ReportError(f"{where}: the protocol is tcp or udp.")
    if not isinstance(serving, bool):
        raise ReportError(f"{where}: serving is true or false.")
    return (
        Connection(
            proto,
            _address(client, where),
            _port(client_port, where),
            _address(server, where),
            _port(server_port, where),
        ),
        serving,
    )


def _host_addresses(value) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > MAX_HOST_ADDRESSES:
        raise ReportError(f"'host_addresses' is a list of at most {MAX_HOST_ADDRESSES} addresses.")
    return tuple(dict.fromkeys(_address(a, "host_addresses") for a in value))


def decode(doc, engines) -> tuple[str, dict[str, list[tuple[Connection, bool]]], tuple[str, ...]]:
    """The engine, connections and host's own addresses of a report `doc` (parsed JSON);
    `engines` are the names the dashboard watches. Raises ReportError."""
    fields = {"engine", "connections"}
    if not isinstance(doc, dict) or not fields <= set(doc) <= fields | {"host_addresses"}:
        raise ReportError(
            "A report is an object with 'engine', 'connections' and maybe 'host_addresses'."
        )
    engine, by_container = doc["engine"], doc["connections"]
    if not isinstance(engine, str) or engine not in engines:
        raise ReportError("'engine' is not one of the engines this dashboard watches.")
    if not isinstance(by_container, dict) or len(by_container) > MAX_CONTAINERS:
        raise ReportError(f"'connections' maps at most {MAX_CONTAINERS} container ids to lists.")
    seen, total = {}, 0
    for cid, rows in by_container.items():
        if not CONTAINER_ID.fullmatch(cid):
            raise ReportError("A container is named by its full id (64 hex digits).")
        if not isinstance(rows, list):
            raise ReportError(f"connections of {cid[:12]}: a list is needed.")
        total += len(rows)
        if total > MAX_CONNECTIONS:
            raise ReportError(f"A report holds at most {MAX_CONNECTIONS} connections.")
        seen[cid] = [_connection(r, f"connections of {cid[:12]}") for r in rows]
    return engine, seen, _host_addresses(doc.get("host_addresses", []))
