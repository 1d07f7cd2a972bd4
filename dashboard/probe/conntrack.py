"""The host's connection tracking, read through netlink with pyroute2: every connection
that crosses the host's netfilter (routed between bridges, to and from the outside, to
published ports, and between containers on one bridge where br_netfilter hands bridged
traffic to iptables).

Conntrack knows each connection's direction: its original tuple goes from the client,
and its reply tuple comes from the real server, after any DNAT of a published port. So a
connection is (proto, original source and port, reply source and port): the same tuple a
container's own socket table shows (see flows.Connection), whatever NAT stood between.

The table is kept current from the kernel's NEW and DESTROY events in a thread of its own,
after one dump (and another after events were lost): a tick reads it at no cost to the
kernel, and the work follows the connections made, not the size of the table. Needs
CAP_NET_ADMIN in the host's network namespace.
"""

import asyncio
import errno
import ipaddress
import logging
import socket
import threading

from pyroute2.netlink.exceptions import NetlinkError
from pyroute2.netlink.nfnetlink import NFNLGRP_CONNTRACK_DESTROY, NFNLGRP_CONNTRACK_NEW
from pyroute2.netlink.nfnetlink.nfctsocket import AsyncNFCTSocket

from dashboard.topology.flows import Connection
from dashboard.topology.sockets import written

log = logging.getLogger("dashboard.probe")

PROTOCOLS = {socket.IPPROTO_TCP: "tcp", socket.IPPROTO_UDP: "udp"}
GROUPS = (1 << (NFNLGRP_CONNTRACK_NEW - 1)) | (1 << (NFNLGRP_CONNTRACK_DESTROY - 1))
_DELETE = 2  # IPCTNL_MSG_CT_DELETE, the low byte of a DESTROY event's type
_SOURCE = {socket.AF_INET: "CTA_IP_V4_SRC", socket.AF_INET6: "CTA_IP_V6_SRC"}


class ConntrackUnavailable(Exception):
    """Conntrack cannot be read here; the message says why, in plain words."""


def connection(proto: int, client: str, client_port: int, server: str, server_port: int):
    """The connection an entry stands for (None for protocols other than TCP and UDP):
    `client` from its original tuple's source, `server` from its reply tuple's source."""
    name = PROTOCOLS.get(proto)
    if name is None:
        return None
    return Connection(
        name,
        written(ipaddress.ip_address(client)),
        client_port,
        written(ipaddress.ip_address(server)),
        server_port,
    )


def _entry(msg) -> tuple[int, Connection | None]:
    """The id and connection of one conntrack message (a dump's row or an event)."""
    key = _SOURCE.get(msg["nfgen_family"])
    orig, reply = msg.get_attr("CTA_TUPLE_ORIG"), msg.get_attr("CTA_TUPLE_REPLY")
    if key is None or orig is None or reply is None:
        return msg.get_attr("CTA_ID"), None
    o_proto, r_proto = orig.get_attr("CTA_TUPLE_PROTO"), reply.get_attr("CTA_TUPLE_PROTO")
    conn = connection(
        o_proto.get_attr("CTA_PROTO_NUM"),
        orig.get_attr("CTA_TUPLE_IP").get_attr(key),
        o_proto.get_attr("CTA_PROTO_SRC_PORT"),
        reply.get_attr("CTA_TUPLE_IP").get_attr(key),
        r_proto.get_attr("CTA_PROTO_SRC_PORT"),
    )
    return msg.get_attr("CTA_ID"), conn


class Subnets:
    """Which connections the table keeps: those with an end in one of `subnets` (the
    networks conntrack sees for the probe's engine); the host's other traffic is none of
    the probe's business and is dropped as it comes."""

    def __init__(self, subnets=()) -> None:
        self.nets = tuple(ipaddress.ip_network(s, strict=False) for s in subnets)

    def __contains__(self, conn: Connection) -> bool:
        ends = ipaddress.ip_address(conn.client), ipaddress.ip_address(conn.server)
        return any(a in n for n in self.nets for a in ends if a.version == n.version)


class Tracker:
    """The host's conntrack table, kept by a thread: `connections()` is what it holds now,
    of the networks `follow(subnets)` names."""

    def __init__(self, wait_events: float = 0.5) -> None:
        self._lock = threading.Lock()
        self._live: dict[int, Connection] = {}
        self._keep = Subnets()
        self._want: tuple[str, ...] = ()
        self._dump_wanted = True
        self._dumped = threading.Event()
        self._stop = threading.Event()
        self._failed: str = ""
        self._wait = wait_events
        self._thread: threading.Thread | None = None  # started by the first follow()

    # The caller's side
    def follow(self, subnets) -> None:
        """Keep the connections with an end in `subnets`. A subnet not followed before
        may hold connections made before it was (a network's first containers talk at
        once): the table is dumped again. One no longer followed is only let go."""
        subnets = tuple(sorted(set(subnets)))
        with self._lock:
            if set(subnets) - set(self._want) or self._thread is None:
                self._want, self._dump_wanted = subnets, True
                self._dumped.clear()
            elif subnets != self._want:
                self._want, self._keep = subnets, Subnets(subnets)
                self._live = {k: c for k, c in self._live.items() if c in self._keep}
            if self._thread is None:
                self._thread = threading.Thread(target=self._main, name="conntrack", daemon=True)
                self._thread.start()

    def connections(self, timeout: float = 10) -> list[Connection]:
        """The connections in the table, once it has been dumped for the subnets followed;
        raises ConntrackUnavailable when the kernel refused."""
        self._dumped.wait(timeout)
        with self._lock:
            if self._failed:
                raise ConntrackUnavailable(self._failed)
            if not self._dumped.is_set():
                raise ConntrackUnavailable(f"conntrack was not dumped within {timeout:g} s")
            return list(self._live.values())

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    # The thread's side
    def _main(self) -> None:
        try:
            asyncio.run(self._run())
        except Exception as e:  # noqa: BLE001 - whatever stopped it, the caller is told
            with self._lock:
                self._failed = _plain(e)
            self._dumped.set()

    async def _run(self) -> None:
        events = AsyncNFCTSocket(nfgen_family=socket.AF_UNSPEC)
        try:
            await events.bind(groups=GROUPS)  # before the dump: nothing falls between
            while not self._stop.is_set():
                if self._dump_wanted:
                    await self._dump()
                try:
                    batch = await asyncio.wait_for(self._batch(events), self._wait)
                except TimeoutError:
                    continue
                except NetlinkError as e:
                    if e.code != errno.ENOBUFS:
                        raise
                    log.info("probe: conntrack events were lost; dumping the table again")
                    self._dump_wanted = True
                    continue
                self._apply(batch)
        finally:
            events.close()

    @staticmethod
    async def _batch(events) -> list:
        return [m async for m in events.get()]

    async def _dump(self) -> None:
        with self._lock:
            self._dump_wanted = False
            keep = Subnets(self._want)
        found: dict[int, Connection] = {}
        dumper = AsyncNFCTSocket(nfgen_family=socket.AF_UNSPEC)
        try:
            async for msg in await dumper.dump():
                cid, conn = _entry(msg)
                if conn is not None and conn in keep:
                    found[cid] = conn
        finally:
            dumper.close()
        with self._lock:
            self._keep, self._live = keep, found
            if not self._dump_wanted:  # not asked for again meanwhile
                self._dumped.set()

    def _apply(self, batch) -> None:
        with self._lock:
            for msg in batch:
                if msg["header"]["type"] & 0xFF == _DELETE:
                    self._live.pop(msg.get_attr("CTA_ID"), None)
                    continue
                cid, conn = _entry(msg)
                if conn is not None and conn in self._keep:
                    self._live[cid] = conn


def _plain(e: Exception) -> str:
    code = getattr(e, "code", None) or getattr(e, "errno", None)
    if code in (errno.EPERM, errno.EACCES):
        return (
            "reading conntrack was refused: the probe needs CAP_NET_ADMIN in the host's "
            "network namespace"
        )
    if code == errno.EPROTONOSUPPORT:
        return "this kernel has no conntrack netlink (nf_conntrack_netlink is not loaded)"
    return f"reading conntrack failed: {e}"
