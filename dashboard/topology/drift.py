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


def _named(kind: str, record, key: str) -> str:
    return f"{kind} {getattr(record, 'name', '')} ({key[:12]})"


def describe(before: Topology, patch: Patch, limit: int = 10) -> str:
    """What `patch` changes in `before`, field by field, at most `limit` items."""
    items = []
    for kind, upserts, removed, old in (
        ("network", patch.networks, patch.removed_networks, before.networks),
        ("container", patch.containers, patch.removed_containers, before.containers),
    ):
        items += [f"{_named(kind, r, r.id)} {_changed_fields(old.get(r.id), r)}" for r in upserts]
        items += [f"{_named(kind, old.get(key), key)} vanished" for key in removed]
    for e in patch.endpoints:
        old = before.endpoints.get(e.key)
        items.append(f"endpoint {e.network[:12]}|{e.container[:12]} {_changed_fields(old, e)}")
    items += [f"endpoint {n[:12]}|{c[:12]} vanished" for n, c in patch.removed_endpoints]
    more = f"; and {len(items) - limit} more" if len(items) > limit else ""
    return "; ".join(items[:limit]) + more
