"""Records every change the watching hub publishes, durably, on a thread of its own: the hub
only puts the patch on a queue, so a slow or locked database delays history, never the map.
Changes are written in batches (a burst of 1,000 is a handful of transactions), with a
snapshot of the whole map every so often and retention enforced as it runs.

A gap is recorded, never papered over: when recording starts (the dashboard started, or
took over the watching) and while an engine is unreachable, nothing is known of what
happened; the relist that follows says what differed across it, and is stored as the gap.
"""

import json
import logging
import queue
import threading
import time
import zlib
from datetime import UTC, datetime, timedelta

from django.db import close_old_connections, connection, transaction

from dashboard.history import describe, queries, replay
from dashboard.history.limits import Limits
from dashboard.history.models import Change, ChangedObject, Snapshot
from dashboard.topology.records import DISCONNECTED
from dashboard.topology.serialize import patch_dict, topology_dict
from dashboard.topology.store import SWARM_KINDS, Patch, Topology

log = logging.getLogger(__name__)

BATCH = 500  # changes per transaction at most
RETENTION_EVERY = 60  # seconds between retention passes


def when(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def keep_connection() -> None:
    """The recorder's thread keeps its connection from batch to batch: opening one per
    batch, and closing it (which checkpoints SQLite's WAL), was most of the thread's work
    in a burst. One that broke is closed; the next query opens another."""
    if connection.connection is not None and (
        connection.errors_occurred or not connection.is_usable()
    ):
        connection.close()


class Recorder:
    def __init__(self, seed: Topology, limits: Limits = Limits(), clock=time.time):  # noqa: B008
        """`seed`: what the hub's cache starts from, so the first relist's differences are
        measured against what the map showed."""
        self.limits = limits
        self.clock = clock
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        self.state = replay.indexed(topology_dict(seed))
        started = clock()
        # Engines whose next relist closes a gap: since when, and why.
        self.gaps: dict[str, tuple[float, str]] = {
            name: (
                started,
                "The dashboard was not recording (stopped, or another process watched).",
            )
            for name in seed.engines
        }
        # Engines whose first relist begins history (set when nothing is recorded yet).
        self.beginning: set[str] = set()
        self.written = 0  # changes written, for tests and the bench
        self._since_snapshot = 0
        self._snapshot_at = self._started = started
        self._retention_at = 0.0
        self._idle = threading.Event()
        self._thread: threading.Thread | None = None
        self.alive = True  # false once the thread has given up: nothing queues after that

    # The hub's side: O(1), on the hub's loop
    def __call__(self, patch: Patch) -> None:
        if self.alive:
            self._idle.clear()
            self.queue.put(("patch", self.clock(), patch))

    def relisted(self, engine: str) -> None:
        """An engine's relist is done (after its patch, if it found anything)."""
        if self.alive:
            self.queue.put(("relisted", self.clock(), engine))

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True, name="history")
        self._thread.start()

    def stop(self, timeout: float = 10) -> None:
        self.queue.put(None)
        if self._thread is not None:
            self._thread.join(timeout)

    def flush(self, timeout: float = 10) -> bool:
        """Wait until everything queued so far is written (tests, the bench)."""
        self._idle.clear()
        self.queue.put(("flush",))
        return self._idle.wait(timeout)

    # The thread
    def _run(self) -> None:
        try:
            self._begin()
            while True:
                items = [self.queue.get()]
                while len(items) < BATCH:
                    try:
                        items.append(self.queue.get_nowait())
                    except queue.Empty:
                        break
                stop = None in items
                self._write([i for i in items if i is not None and i[0] != "flush"])
                if self.queue.empty():
                    self._idle.set()
                if stop:
                    return
        except Exception:  # history must never take the map down with it
            log.exception("history recording stopped")
        finally:
            self.alive = False
            self._idle.set()
            connection.close()

    def _begin(self) -> None:
        """Mark where recording starts: a snapshot of the seed, and the gaps."""
        close_old_connections()
        last = Change.objects.order_by("-id").values_list("id", "at").first()
        if last is None:  # nothing recorded ever: the first relists begin history
            self.beginning = set(self.gaps)
        for name, (started, why) in list(self.gaps.items()):
            since = last[1].timestamp() if last else started
            self.gaps[name] = (since, why)
        self._snapshot(when(self._started), last[0] if last else 0)

    def _write(self, items: list[tuple]) -> None:
        """Write a batch; a snapshot after every `snapshot_every` changes, taken of the
        state just after the change that completes it."""
        rows: list[tuple[Change, list]] = []
        for kind, at, what in items:
            if kind == "patch":
                rows.append(self._row(at, what))
            elif what in self.gaps:  # relisted, and no patch closed its gap: no difference
                empty = Patch(self.state["version"], self.state["version"])
                rows.append(self._row(at, empty, what))
            if rows and self._since_snapshot + len(rows) >= self.limits.snapshot_every:
                last = self._commit(rows)
                rows = []
                if last is not None:
                    self._snapshot(when(at), last)
        if rows:
            self._commit(rows)
        now = self.clock()
        if self._since_snapshot and now - self._snapshot_at >= self.limits.snapshot_seconds:
            last = Change.objects.order_by("-id").values_list("id", flat=True).first()
            self._snapshot(when(now), last or 0)
        if now - self._retention_at >= RETENTION_EVERY:
            self._retention_at = now
            self.enforce_retention(now)

    def _commit(self, rows: list[tuple[Change, list]]) -> int | None:
        """Write changes and their objects in one transaction; the last change's id."""
        keep_connection()
        for attempt in range(5):
            try:
                with transaction.atomic():
                    changes = Change.objects.bulk_create([change for change, _ in rows])
                    objects = []
                    for change, (_, touched) in zip(changes, rows, strict=True):
                        for o in touched:
                            o.change_id = change.id
                        objects += touched
                    ChangedObject.objects.bulk_create(objects, batch_size=2000)
                break
            except Exception:  # a locked or lost database: wait, try again
                log.warning("writing history failed (attempt %d)", attempt + 1, exc_info=True)
                close_old_connections()
                time.sleep(0.5 * 2**attempt)
        else:
            log.error("history lost %d changes: the database kept failing", len(rows))
            return None
        self.written += len(changes)
        self._since_snapshot += len(changes)
        return changes[-1].id

    def _row(self, at: float, patch: Patch, relisted: str = "") -> tuple[Change, list]:
        """The Change for one patch, the objects it touched (with what changed in each),
        and the state moved on; or with `relisted`, the gap an engine's relist closed
        without finding anything."""
        before = self.state
        stamp = when(at)
        touched: list[ChangedObject] = []

        def obj(kind, action, engine, name, network="", container="", detail=""):
            touched.append(
                ChangedObject(
                    at=stamp,
                    engine=engine,
                    kind=kind,
                    action=action,
                    name=name[:300],
                    network=network,
                    container=container,
                    detail=detail[:300],
                )
            )

        data = patch_dict(patch)
        describers = {"networks": describe.network_change, "containers": describe.container_change}
        for kind, one in (("networks", "network"), ("containers", "container")):
            for o in data["upsert"][kind]:
                old = before[kind].get(o["id"])
                action = ChangedObject.ADDED if old is None else ChangedObject.CHANGED
                detail = describers[kind](old, o) if old is not None else ""
                obj(one, action, o["engine"], o["name"], detail=detail, **{one: o["id"]})
            for object_id in data["remove"][kind]:
                old = before[kind].get(object_id, {})
                ids = {one: object_id}
                obj(one, ChangedObject.REMOVED, old.get("engine", ""), old.get("name", ""), **ids)
        for e in data["upsert"]["endpoints"]:
            key = (e["network"], e["container"])
            old = before["endpoints"].get(key)
            action = ChangedObject.ADDED if old is None else ChangedObject.CHANGED
            detail = describe.endpoint_change(old, e) if old is not None else ""
            names = self._endpoint_names(key)
            obj("endpoint", action, *names, network=key[0], container=key[1], detail=detail)
        for network, container in data["remove"]["endpoints"]:
            key = (network, container)
            names = self._endpoint_names(key)
            obj("endpoint", ChangedObject.REMOVED, *names, network=network, container=container)
        for e in data["engines"]:
            old = before["engines"].get(e["id"], {})
            obj(
                "engine",
                ChangedObject.CHANGED,
                e["id"],
                e["id"],
                detail=describe.engine_change(old, e),
            )
        self._swarm_objects(data, obj)
        engines = sorted({o.engine for o in touched if o.engine} | ({relisted} - {""}))
        kind, note, begun = self._gap_closed(patch, engines, at, relisted)
        replay.apply(self.state, data)
        if begun:
            for o in touched:
                o.action = ChangedObject.PRESENT if o.action == ChangedObject.ADDED else o.action
            note = " ".join([*(self._beginning(name) for name in begun), note]).strip()
        text = json.dumps(data, separators=(",", ":"))
        change = Change(
            at=stamp,
            version=patch.version,
            kind=kind,
            relist=patch.relist,
            engines=",".join(engines)[:300],
            patch=text,
            events=patch.events,
            note=note,
        )
        return change, touched

    def _swarm_objects(self, data: dict, obj) -> None:
        """Nodes, services and tasks a manager reported changed, under the watched engines
        of their cluster (the first, by name), so that a swarm change says what and where."""
        before = self.state
        services = {**before["services"], **{o["id"]: o for o in data["upsert"]["services"]}}
        for kind in SWARM_KINDS:
            one = kind[:-1]
            for o in data["upsert"][kind]:
                old = before[kind].get(o["id"])
                action = ChangedObject.ADDED if old is None else ChangedObject.CHANGED
                detail = describe.swarm_change(kind, old, o) if old is not None else ""
                name = describe.swarm_name(kind, o, services)
                obj(one, action, self._cluster_engine(o.get("cluster", "")), name, detail=detail)
            for object_id in data["remove"][kind]:
                old = before[kind].get(object_id, {"id": object_id})
                name = describe.swarm_name(kind, old, services)
                obj(one, ChangedObject.REMOVED, self._cluster_engine(old.get("cluster", "")), name)

    def _cluster_engine(self, cluster: str) -> str:
        return min(
            (
                e["id"]
                for e in self.state["engines"].values()
                if cluster and e.get("cluster") == cluster
            ),
            default="",
        )

    def _beginning(self, engine: str) -> str:
        """Where history begins for `engine`: what the state holds of it now."""
        networks = sum(
            1 for n in self.state["networks"].values() if engine in n.get("hosts", [n["engine"]])
        )
        containers = sum(1 for c in self.state["containers"].values() if c["engine"] == engine)
        return (
            f"History begins for {engine}: {networks} network{'s' if networks != 1 else ''}, "
            f"{containers} container{'s' if containers != 1 else ''} present."
        )

    def _endpoint_names(self, key) -> tuple[str, str]:
        network = self.state["networks"].get(key[0], {})
        container = self.state["containers"].get(key[1], {})
        engine = network.get("engine") or container.get("engine", "")
        return engine, f"{container.get('name', key[1][:12])} on {network.get('name', key[0][:12])}"

    def _gap_closed(self, patch: Patch, engines: list[str], at: float, relisted: str):
        """Whether this closes a gap (the relist after it), and opens one when an engine
        becomes unreachable. Returns the Change's kind, its note, and the engines whose
        history begins with it (their first relist ever recorded)."""
        kind, note, begun = Change.CHANGE, "", []
        for e in patch.engines:
            if e.status == DISCONNECTED and e.id not in self.gaps:
                self.gaps[e.id] = (at, f"Engine {e.id} was unreachable: {e.error}")
        closing = [n for n in engines if n in self.gaps and (patch.relist or n == relisted)]
        for name in closing:
            since, why = self.gaps.pop(name)
            if name in self.beginning:
                self.beginning.discard(name)
                begun.append(name)
                kind = Change.GAP if kind == Change.GAP else Change.BEGIN
                continue
            found = "these differences" if patch.relist else "no difference"
            kind = Change.GAP
            note += (
                f"{why} Nothing was recorded for {name} from {when(since):%Y-%m-%d %H:%M:%S} "
                f"to {when(at):%H:%M:%S} UTC; the relist then found {found}. "
            )
        return kind, note.strip(), begun

    def _snapshot(self, at: datetime, change_id: int) -> None:
        self._store_snapshot(self.state, at, change_id)
        self._since_snapshot = 0
        self._snapshot_at = at.timestamp()

    @staticmethod
    def _store_snapshot(state: dict, at: datetime, change_id: int) -> None:
        text = json.dumps(replay.listed(state), separators=(",", ":"))
        Snapshot.objects.create(at=at, change=change_id, data=zlib.compress(text.encode(), 6))

    def enforce_retention(self, now: float) -> int:
        """Delete the changes past their age or beyond the count, oldest first. A snapshot
        of the state just after the last one deleted is written first (unless one is there),
        so that every moment still kept replays; older snapshots go."""
        cutoff_at = when(now) - timedelta(days=self.limits.days)
        newest = Change.objects.order_by("-id").values_list("id", flat=True).first() or 0
        by_age = Change.objects.filter(at__lt=cutoff_at).order_by("-id")
        limit = max(newest - self.limits.changes, by_age.values_list("id", flat=True).first() or 0)
        last = Change.objects.filter(id__lte=limit).order_by("-id").first()
        if last is None:
            return 0
        with transaction.atomic():
            older = Snapshot.objects.filter(change__lte=last.id).order_by("-change", "-id")
            base = older.first()
            if base is not None and base.change < last.id:
                state = queries.replayed(base, Change.objects.filter(id__lte=last.id))
                self._store_snapshot(state, last.at, last.id)
            elif base is not None:
                older = older.exclude(id=base.id)
            older.filter(change__lt=last.id).delete()
            ChangedObject.objects.filter(change_id__lte=last.id).delete()
            removed, _ = Change.objects.filter(id__lte=last.id).delete()
        return removed
