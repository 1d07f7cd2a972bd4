"""The last recorded map, for a watching hub to start from."""

from dataclasses import replace
from datetime import UTC, datetime

from django.db import DatabaseError, connection

from dashboard.history import replay
from dashboard.history.queries import TooFarBack, state_at
from dashboard.topology.records import EngineState, Network
from dashboard.topology.serialize import topology_from
from dashboard.topology.store import Topology

WAITING = "Showing the last recorded state until the engine answers."


def last_recorded(engines: dict[str, str]) -> Topology | None:
    """The map as last recorded, limited to the engines configured now, each marked as not
    yet answering; None when nothing is recorded (or the database is not ready)."""
    try:
        state = state_at(datetime.now(UTC))
    except (TooFarBack, DatabaseError):
        return None
    finally:
        connection.close()
    t = topology_from(replay.listed(state))
    keep = set(engines)
    networks = {k: _kept(n, keep) for k, n in t.networks.items() if keep & set(n.hosts)}
    containers = {k: c for k, c in t.containers.items() if c.engine in keep}
    endpoints = {k: e for k, e in t.endpoints.items() if e.container in containers}
    states = {name: EngineState(id=name, error=WAITING) for name in engines}
    return replace(t, engines=states, networks=networks, containers=containers, endpoints=endpoints)


def _kept(n: Network, keep: set[str]) -> Network:
    """`n` on the watched engines alone: an engine no longer watched never reports again."""
    hosts = sorted(keep & set(n.hosts))
    return replace(n, engine=hosts[0], engines=tuple(hosts) if len(hosts) > 1 else ())
