"""A container's way out to the world (dashboard.topology.egress) as the API writes it."""

from dashboard.topology.egress import EgressVerdict, WayOut


def _way_dict(w: WayOut) -> dict:
    return {
        "network": w.network.id,
        "name": w.network.name,
        "gateway": w.gateway,
        "address": w.address,
        "host": w.host,
        "beyond": w.beyond,
        "how": w.how,
    }


def egress_dict(v: EgressVerdict) -> dict:
    """Whether a container reaches out: `reachable` (past this host) and `host` (this
    host's own addresses) are true, false or null (Docker does not decide)."""
    return {
        "container": v.container.id,
        "reachable": v.reachable,
        "answer": v.answer,
        "host": v.host,
        "via": _way_dict(v.via) if v.via else None,
        "others": [_way_dict(w) for w in v.others],
        "reasons": v.reasons,
    }
