"""What a list read cannot see and the map already knows: aliases, exact start and exit
times, configured port bindings (container inspect, and the events' times). Carried over
onto a list's answer at the moment it is written, so that an inspect that finished while
the list was out is not undone."""

from dataclasses import replace

from dashboard.topology.records import ContainerDetails, ContainerView
from dashboard.topology.snapshot import Topology


def known_details(t: Topology, engine: str, views) -> dict[str, ContainerDetails]:
    """What `t` knows of the containers in `views` that only inspect tells. Looked up by
    key, so that its cost follows the views, not the engine's size."""
    gateways = [n.id for n in t.networks.values() if n.gateway_bridge]
    known = {}
    for v in views:
        c = t.containers.get(v.container.id)
        if c is None or c.engine != engine:
            continue
        networks = {*c.networks, *v.container.networks, *(e.network for e in v.endpoints)}
        aliases = {}
        for nid in (*networks, *gateways):
            e = t.endpoints.get((nid, c.id))
            if e is not None:
                aliases[nid] = e.aliases
        known[c.id] = ContainerDetails(aliases, c.started_at, c.finished_at, c.configured_ports)
    return known


def with_known(
    t: Topology, engine: str, views, times: dict[str, dict[str, int]] | None = None
) -> list[ContainerView]:
    """`views` from a list read, with what `t` knows of them and what the events just said
    of their times (`times`: {id: {"started_at": seconds}})."""
    known = known_details(t, engine, views)
    for cid, changes in (times or {}).items():
        known[cid] = replace(known.get(cid) or ContainerDetails(), **changes)
    return [v.with_details(known[v.container.id]) if v.container.id in known else v for v in views]
