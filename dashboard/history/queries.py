"""Reading history: the map at a moment, what changed between two, and the changes that
match a filter, each with who made it when the dashboard did."""

import json
import os
import time
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import DatabaseError

from dashboard import params
from dashboard.accounts.models import AuditEntry
from dashboard.history import replay
from dashboard.history.models import Change, ChangedObject, Snapshot

AUDIT_WINDOW = timedelta(seconds=15)  # a change shows this soon after the request made it
OBJECT_KINDS = ("network", "container", "endpoint", "engine", "node", "service", "task")
CHANGE_KINDS = (Change.GAP, Change.BEGIN)  # kinds of a whole change, not of an object


class TooFarBack(LookupError):
    """History does not reach that moment (before recording began, or past retention)."""


def parse_time(text: str, name: str = "time") -> datetime:
    """An ISO 8601 time (a time without an offset is UTC) or seconds since the epoch;
    params.BadParameter (a ValueError) says what a valid one looks like."""
    return params.moment(text, name)


def state_at(moment: datetime) -> dict:
    """The topology as /api/topology gave it at `moment`: the newest snapshot before it,
    then the changes recorded after that snapshot, up to the moment."""
    base = Snapshot.objects.filter(at__lte=moment).order_by("-at", "-id").first()
    if base is None:
        first = Snapshot.objects.order_by("at").values_list("at", flat=True).first()
        if first is None:
            raise TooFarBack("Nothing has been recorded yet.")
        raise TooFarBack(f"History begins at {first:%Y-%m-%d %H:%M:%S} UTC.")
    return replayed(base, Change.objects.filter(at__lte=moment))


def replayed(base: Snapshot, changes) -> dict:
    """`base` with the `changes` recorded after it applied, in order."""
    state = replay.indexed(json.loads(zlib.decompress(base.data)))
    later = changes.filter(id__gt=base.change).order_by("id")
    for text in later.values_list("patch", flat=True).iterator(chunk_size=500):
        replay.apply(state, json.loads(text))
    return state


def compare(start: datetime, end: datetime) -> dict:
    return replay.compared(state_at(start), state_at(end))


@dataclass(frozen=True)
class Filters:
    engine: str = ""
    network: str = ""
    container: str = ""
    kind: str = ""  # an object kind (OBJECT_KINDS), or a change's: "gap" or "begin"
    since: datetime | None = None
    until: datetime | None = None


def filters_from(query) -> Filters:
    """Filters from a page's or the API's query string; ValueError says what is wrong."""
    kind = query.get("kind", "")
    if kind and kind not in (*OBJECT_KINDS, *CHANGE_KINDS):
        raise ValueError(
            f"No kind of change {kind!r}: {', '.join((*OBJECT_KINDS, *CHANGE_KINDS))}."
        )
    since, until = (params.optional_moment(query.get(k), k) for k in ("since", "until"))
    return Filters(
        engine=query.get("engine", ""),
        network=query.get("network", ""),
        container=query.get("container", ""),
        kind=kind,
        since=since,
        until=until,
    )


def changes(f: Filters):
    """The changes that match, newest first."""
    found = Change.objects.all()
    objects = ChangedObject.objects.all()
    narrowed = False
    if f.engine:
        objects, narrowed = objects.filter(engine=f.engine), True
    if f.network:
        objects, narrowed = objects.filter(network=f.network), True
    if f.container:
        objects, narrowed = objects.filter(container=f.container), True
    if f.kind in CHANGE_KINDS:
        found = found.filter(kind=f.kind)
    elif f.kind:
        objects, narrowed = objects.filter(kind=f.kind), True
    if narrowed:
        found = found.filter(id__in=objects.values("change_id"))
    if f.since:
        found = found.filter(at__gte=f.since)
    if f.until:
        found = found.filter(at__lte=f.until)
    return found.order_by("-id")


def described(page: list[Change]) -> list[dict]:
    """Each change with the objects it touched and who made it: an audit entry of the
    dashboard's that names one of them shortly before, or nobody (made elsewhere)."""
    ids = [c.id for c in page]
    touched: dict[int, list[ChangedObject]] = {}
    for o in ChangedObject.objects.filter(change_id__in=ids).order_by("id"):
        touched.setdefault(o.change_id, []).append(o)
    out = []
    for c in page:
        objs = touched.get(c.id, [])
        entry = _audit_entry(c, objs)
        out.append(
            {
                "id": c.id,
                "at": c.at.isoformat().replace("+00:00", "Z"),
                "version": c.version,
                "kind": c.kind,
                "relist": c.relist,
                "engines": [e for e in c.engines.split(",") if e],
                "note": c.note,
                "events": c.events,
                "by": {"user": entry.username, "audit": entry.id} if entry else None,
                "objects": [
                    {
                        "kind": o.kind,
                        "action": o.action,
                        "detail": o.detail,
                        "engine": o.engine,
                        "name": o.name,
                        "network": o.network,
                        "container": o.container,
                    }
                    for o in objs
                ],
            }
        )
    return out


def _audit_entry(change: Change, objects: list[ChangedObject]) -> AuditEntry | None:
    names = {o.name for o in objects if o.kind == "network"}
    names |= {o.name.rsplit(" on ", 1)[-1] for o in objects if o.kind == "endpoint"}
    if not names or change.relist:
        return None
    candidates = AuditEntry.objects.filter(
        outcome=AuditEntry.OK,
        engine__in=change.engines.split(","),
        at__gte=change.at - AUDIT_WINDOW,
        at__lte=change.at,
    ).order_by("-at")
    for entry in candidates[:20]:
        if names & {t.strip() for t in entry.target.split(",")}:
            return entry
    return None


_footprint: tuple[float, dict | None] = (0.0, None)


def recent_footprint(max_age: float = 60) -> dict:
    """`footprint()`, worked out at most once a `max_age` in this process (the health check
    is polled often), and never an error: a database that fails says so instead."""
    global _footprint
    at, value = _footprint
    if value is None or time.monotonic() - at > max_age:
        try:
            value = footprint()
        except DatabaseError as e:
            value = {"error": f"The database did not answer: {e}"}
        _footprint = (time.monotonic(), value)
    return value


def footprint() -> dict:
    """What history holds and what the database weighs, for the health page."""
    from django.db import connection

    oldest = Change.objects.order_by("id").values_list("at", flat=True).first()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0]
    else:
        name = str(connection.settings_dict["NAME"])
        size = sum(os.path.getsize(p) for p in (name, name + "-wal") if os.path.exists(p))
    return {
        "changes": Change.objects.count(),
        "oldest": oldest.isoformat().replace("+00:00", "Z") if oldest else None,
        "database_bytes": size,
    }
