"""Words for what a patch changed: a log line worth reading when a relist finds something
the event stream missed."""

from dataclasses import fields

from dashboard.topology.store import Patch, Topology


def _changed_fields(old, new) -> str:
    if old is None:
        return "appeared"
    changes = [
        f"{f.name} {getattr(old, f.name)!r} → {getattr(new, f.name)!r}"
        for f in fields(new)
        if getattr(old, f.name) != getattr(new, f.name)
    ]
    return ", ".join(changes) or "unchanged"


def describe(before: Topology, patch: Patch, limit: int = 10) -> str:
    """What `patch` changes in `before`, field by field, at most `limit` items."""
    items = []
    for n in patch.networks:
        items.append(
            f"network {n.name} ({n.id[:12]}) {_changed_fields(before.networks.get(n.id), n)}"
        )
    for nid in patch.removed_networks:
        old = before.networks.get(nid)
        items.append(f"network {old.name if old else ''} ({nid[:12]}) vanished")
    for c in patch.containers:
        old = before.containers.get(c.id)
        items.append(f"container {c.name} ({c.id[:12]}) {_changed_fields(old, c)}")
    for cid in patch.removed_containers:
        old = before.containers.get(cid)
        items.append(f"container {old.name if old else ''} ({cid[:12]}) vanished")
    for e in patch.endpoints:
        old = before.endpoints.get(e.key)
        items.append(f"endpoint {e.network[:12]}|{e.container[:12]} {_changed_fields(old, e)}")
    for key in patch.removed_endpoints:
        items.append(f"endpoint {key[0][:12]}|{key[1][:12]} vanished")
    more = f"; and {len(items) - limit} more" if len(items) > limit else ""
    return "; ".join(items[:limit]) + more
