"""One reading of an engine's host: its containers from Docker, the connections between
them from the kernel. The host's conntrack sees whatever crosses the host's bridges
(conntrack.py); a container's own socket tables (kernel.py), which cost the kernel a walk
of every socket hash per file, are read only for containers with a network conntrack
cannot see (coverage.py), or for all when conntrack cannot be read here.

Both sources give connections as a container's own table would (flows.Connection, with
which end serves): the report and the dashboard are the same whichever saw it.
"""

import logging
import socket
import time
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from dashboard.engine.client import EngineClient
from dashboard.engine.errors import EngineError
from dashboard.probe.addresses import host_addresses
from dashboard.probe.changes import Changes
from dashboard.probe.conntrack import ConntrackUnavailable, Tracker
from dashboard.probe.coverage import HostFacts, namespaces_to_read, subnets, tracked_networks
from dashboard.probe.kernel import KernelError, read_sockets
from dashboard.topology.flows import Connection, Flow, address_book, as_seen, connections, flows
from dashboard.topology.store import Store, Topology

log = logging.getLogger("dashboard.probe")

# A relist however quiet Docker's events were: events can be lost, and the host's
# br_netfilter settings, interfaces and addresses change with no event.
RELIST_EVERY = 60.0


@dataclass(frozen=True)
class Reading:
    engine: str
    topology: Topology
    seen: dict[str, list[tuple[Connection, bool]]]  # by container id: one per namespace
    host_addresses: tuple[str, ...] = ()  # the host's own (addresses.py)

    @cached_property
    def flows(self) -> list[Flow]:
        return flows(self.seen, self.topology, self.engine, self.host_addresses)


def own_namespace(c) -> bool:
    """A container whose sockets are its own: running, not in the host's network stack
    (those are the host's) and not in another container's (read once, as that one's)."""
    return c.state == "running" and not c.host_network and not c.stack_owner


def _sysctl_on(path: str) -> bool:
    try:
        return Path(path).read_text().strip() == "1"
    except OSError:  # br_netfilter not loaded: bridged traffic skips iptables
        return False


def _has_interface(name: str) -> bool:
    try:
        socket.if_nametoindex(name)
        return True
    except OSError:
        return False


def host_facts() -> HostFacts:
    """The probe's own network namespace, the one its conntrack socket reads."""
    return HostFacts(
        bridge_nf_v4=_sysctl_on("/proc/sys/net/bridge/bridge-nf-call-iptables"),
        bridge_nf_v6=_sysctl_on("/proc/sys/net/bridge/bridge-nf-call-ip6tables"),
        has_interface=_has_interface,
    )


class Probe:
    """Readings of one engine's host, one after the other. `conntrack=False` reads every
    container's own tables (the slice before conntrack, and the fallback); `follow=True`
    relists Docker only when its events say something changed (a thread reads them),
    instead of at every reading."""

    def __init__(
        self,
        client: EngineClient,
        proc: str = "/proc",
        conntrack: bool = True,
        follow: bool = False,
    ) -> None:
        self.client, self.proc = client, proc
        self.tracker = Tracker() if conntrack else None
        self.changes = Changes(client) if follow else None
        self.pids: dict[str, int] = {}  # spares an inspect per container at each reading
        self._topology: Topology | None = None
        self._listed = 0.0
        self._book: dict = {}  # address_book of the topology
        self._host: tuple[str, ...] = ()  # the host's own addresses, read at each relist
        self._to_read: set[str] = set()  # containers whose own tables are read

    def close(self) -> None:
        if self.tracker is not None:
            self.tracker.close()
        if self.changes is not None:
            self.changes.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def read(self) -> Reading:
        t = self._current()
        seen: dict[str, list[tuple[Connection, bool]]] = {}
        if self.tracker is not None:
            try:
                found = self.tracker.connections()
            except ConntrackUnavailable as e:
                log.warning("probe: %s; reading every container's sockets instead", e)
                self.tracker.close()
                self.tracker = None
                self._topology = None
                return self.read()
            seen = as_seen(found, self._book)
        for cid in sorted(self._to_read):
            own = self._sockets(cid)
            if own is not None:
                seen[cid] = list(dict.fromkeys(seen.get(cid, []) + own))
        return Reading(self.client.name, t, seen, self._host)

    def _current(self) -> Topology:
        """The engine's topology, listed again when Docker said something changed (or
        at every reading when not following its events)."""
        stale = time.monotonic() - self._listed > RELIST_EVERY
        changed = self.changes.take() if self.changes is not None else True
        if self._topology is not None and not changed and not stale:
            return self._topology
        self._listed = time.monotonic()
        networks = self.client.networks()
        views = self.client.containers({n.name: n.id for n in networks})
        store = Store()
        store.replace_engine(self.client.name, networks, views)
        t = store.current
        running = {c.id for c in t.containers.values() if own_namespace(c)}
        if self.tracker is not None:
            tracked = tracked_networks(t, self.client.name, host_facts())
            self.tracker.follow(subnets(tracked))
        else:
            tracked = {}
        self._to_read = namespaces_to_read(t, running, tracked)
        for cid in [cid for cid in self.pids if cid not in self._to_read]:
            del self.pids[cid]
        self._book = address_book(t, self.client.name)
        try:
            self._host = host_addresses()
        except KernelError as e:  # its gateways are still the host: the flows stay right
            log.warning("probe: %s", e)
        self._topology = t
        return t

    def _sockets(self, cid: str) -> list[tuple[Connection, bool]] | None:
        if cid not in self.pids:
            try:
                self.pids[cid] = self.client.pid(cid)
            except EngineError:
                return None  # removed since the list: nothing left to read
        sockets = read_sockets(self.pids[cid], self.proc) if self.pids[cid] else None
        if sockets is None:
            del self.pids[cid]  # stopped or restarted: asked for again next time
            return None
        return connections(sockets)


def read(client: EngineClient, proc: str = "/proc", conntrack: bool = True) -> Reading:
    """One reading, from nothing: for a single look (and tests)."""
    with Probe(client, proc, conntrack=conntrack) as probe:
        return probe.read()
