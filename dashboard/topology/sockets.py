"""The kernel's socket tables as one network namespace shows them (`/proc/<pid>/net/tcp`,
`tcp6`, `udp`, `udp6`), read into records. Pure: the text comes from the probe.

The kernel writes each address as hex in its own byte order: an IPv4 address as one
32-bit word, an IPv6 one as four; this module assumes a little-endian host (x86, arm64).
"""

import ipaddress
from dataclasses import dataclass

# The states the flows need, by the kernel's code (include/net/tcp_states.h).
ESTABLISHED = "established"
LISTEN = "listen"
_TCP_STATES = {
    "01": ESTABLISHED,
    "02": "syn_sent",
    "03": "syn_recv",
    "04": "fin_wait1",
    "05": "fin_wait2",
    "06": "time_wait",
    "07": "close",
    "08": "close_wait",
    "09": "last_ack",
    "0A": LISTEN,
    "0B": "closing",
}
# Which file holds which protocol; a UDP socket is "established" once connect() named a peer.
TABLES = {"tcp": "tcp", "tcp6": "tcp", "udp": "udp", "udp6": "udp"}


@dataclass(frozen=True, slots=True)
class Socket:
    """One row of a socket table: a TCP connection, a listener, or a UDP socket."""

    proto: str  # "tcp" or "udp"
    local: str  # an address as Python writes it; IPv4-mapped IPv6 ones as IPv4
    local_port: int
    remote: str
    remote_port: int
    state: str

    @property
    def loopback(self) -> bool:
        """A connection inside the namespace itself, which no network carries."""
        return ipaddress.ip_address(self.local).is_loopback


def written(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """An address the one way flows compare them: an IPv4-mapped IPv6 one as IPv4."""
    return str(getattr(ip, "ipv4_mapped", None) or ip)


def address(hex_text: str) -> str:
    """The address the kernel wrote as `hex_text` (8 or 32 hex digits)."""
    raw = bytes.fromhex(hex_text)
    if len(raw) == 4:
        return str(ipaddress.IPv4Address(raw[::-1]))
    if len(raw) != 16:
        raise ValueError(f"not an address: {hex_text!r}")
    ordered = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
    return written(ipaddress.IPv6Address(ordered))


def _endpoint(text: str) -> tuple[str, int]:
    host, _, port = text.partition(":")
    return address(host), int(port, 16)


def parse_table(text: str, proto: str) -> list[Socket]:
    """The sockets of one table's text; `proto` is "tcp" or "udp". The heading line and
    any line that is not a socket row are skipped."""
    out = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 4 or not fields[0].endswith(":") or not fields[0][:-1].isdigit():
            continue
        try:
            local, local_port = _endpoint(fields[1])
            remote, remote_port = _endpoint(fields[2])
        except ValueError:
            continue
        code = fields[3].upper()
        if proto == "udp":
            state = ESTABLISHED if code == "01" else LISTEN
        else:
            state = _TCP_STATES.get(code, code)
        out.append(Socket(proto, local, local_port, remote, remote_port, state))
    return out
