"""The recorder, fed a day of changes made quickly with a controlled clock, against the
real database: every moment replays to what the map showed then, filters find an
object's changes, gaps are recorded with what the relist found, retention removes exactly
what is past its limit."""

import threading
from dataclasses import replace
from datetime import UTC, datetime
from itertools import count

import pytest
from django.db import connection, connections

from dashboard.history import queries, recorder, replay
from dashboard.history.limits import Limits
from dashboard.history.models import Change, ChangedObject, Snapshot
from dashboard.history.recorder import Recorder
from dashboard.topology.records import (
    CONNECTED,
    DISCONNECTED,
    Container,
    ContainerView,
    Endpoint,
    EngineState,
    Network,
)
from dashboard.topology.serialize import topology_dict
from dashboard.topology.store import Store
from dashboard.topology.swarm_records import Service, SwarmNode, Task

pytestmark = pytest.mark.django_db(transaction=True)
DAY_START = datetime(2026, 11, 27, 0, 0, tzinfo=UTC).timestamp()


class Clock:
    def __init__(self):
        self.now = DAY_START

    def __call__(self):
        return self.now


def net(i):
    return Network(id=f"n{i:02d}", engine="a", name=f"net{i}", driver="bridge")


def view(i, networks, state="running"):
    cid = f"c{i:02d}"
    c = Container(id=cid, engine="a", name=f"web{i}", state=state, networks=tuple(networks))
    live = state == "running"
    eps = tuple(Endpoint(network=n, container=cid, ipv4=f"10.{i}.0.2/24") for n in networks)
    return ContainerView(container=c, endpoints=eps if live else ())


class Day:
    """A store making real patches, a recorder hearing them, and what the map showed."""

    def __init__(self, limits=Limits(snapshot_every=7)):  # noqa: B008
        self.store = Store(100)
        self.store.set_engine(EngineState(id="a", status="connecting"))
        self.clock = Clock()
        self.recorder = Recorder(self.store.current, limits, clock=self.clock)
        self.recorder.start()
        self.seen: list[tuple[float, dict]] = []

    def publish(self, patch, minutes=7):
        self.clock.now += minutes * 60
        if patch:
            self.recorder(patch)
            self.seen.append((self.clock.now, topology_dict(self.store.current)))

    def relisted(self):
        self.recorder.relisted("a")

    def done(self):
        assert self.recorder.flush(20)
        self.recorder.stop()


def a_day(day: Day) -> None:
    s = day.store
    networks = [net(i) for i in range(4)]
    views = [view(i, ["n00", "n01"][: 1 + i % 2]) for i in range(6)]
    day.publish(_relist(s, "a", networks, views))
    day.relisted()
    day.publish(s.set_engine(EngineState(id="a", status=CONNECTED)))
    n = count(10)
    for hour in range(20):
        i = next(n)
        day.publish(s.update_containers({f"c{i:02d}"}, [view(i, [f"n0{hour % 4}"])]), 30)
        if hour % 3 == 0:
            day.publish(s.update_containers({f"c{i:02d}"}, [view(i, [f"n0{hour % 4}"], "exited")]))
        if hour % 5 == 0:
            day.publish(s.update_containers({f"c{i - 1:02d}"}, []))  # removed
        if hour == 7:
            day.publish(s.update_networks("a", {"n03"}, []))
            day.publish(s.update_networks("a", {"n04"}, [net(4)]))


def _relist(store, engine, networks, views):
    """The patch a relist makes, marked as one (what the watcher does)."""
    return store.replace_engine(engine, networks, views, relist=True)


def test_every_moment_of_a_recorded_day_replays_to_what_the_map_showed():
    day = Day()
    a_day(day)
    day.done()
    assert Change.objects.count() == len(day.seen) == day.recorder.written
    assert Snapshot.objects.count() > 3  # so replays start near their moment
    for moment, expected in day.seen:
        got = replay.listed(queries.state_at(datetime.fromtimestamp(moment, UTC)))
        assert _sorted(got) == _sorted(expected)
        # ...and between two changes, the earlier one still holds
        later = replay.listed(queries.state_at(datetime.fromtimestamp(moment + 30, UTC)))
        assert later["version"] >= expected["version"]


def test_it_finds_an_objects_changes_and_what_touched_it():
    day = Day()
    a_day(day)
    day.done()
    mine = list(queries.changes(queries.Filters(container="c10")))
    assert mine, "c10 changed"
    for c in mine:
        assert ChangedObject.objects.filter(change=c, container="c10").exists()
    everything = set(Change.objects.values_list("id", flat=True))
    rest = everything - {c.id for c in mine}
    assert not ChangedObject.objects.filter(change_id__in=rest, container="c10").exists()
    removed = queries.changes(queries.Filters(network="n03", kind="network"))
    [gone] = queries.described(list(removed))[:1]
    assert {"kind": "network", "action": "removed", "name": "net3"}.items() <= gone["objects"][
        0
    ].items()
    assert gone["by"] is None  # not made through the dashboard


def test_the_first_start_begins_history_and_an_unreachable_engine_is_a_gap():
    day = Day()
    s = day.store
    day.publish(_relist(s, "a", [net(0)], [view(1, ["n00"])]))
    day.relisted()
    day.publish(s.set_engine(EngineState(id="a", status=DISCONNECTED, error="socket gone")))
    day.publish(_relist(s, "a", [net(0)], [view(2, ["n00"])]))  # c01 went, c02 came meanwhile
    day.relisted()
    day.publish(s.set_engine(EngineState(id="a", status=DISCONNECTED, error="again")))
    day.relisted()  # back, and nothing differed: still a gap, with no difference
    day.done()
    [begin] = queries.described(list(queries.changes(queries.Filters(kind="begin"))))
    assert begin["note"] == "History begins for a: 1 network, 1 container present."
    assert begin["kind"] == "begin" and "gap" not in begin["note"]
    actions = {(o["kind"], o["name"], o["action"]) for o in begin["objects"]}
    assert ("network", "net0", "present") in actions and ("container", "web1", "present") in actions
    assert not [o for o in begin["objects"] if o["action"] == "added"]
    gaps = queries.described(list(queries.changes(queries.Filters(kind="gap"))))
    assert len(gaps) == 2
    nothing, unreachable = gaps
    assert "unreachable: socket gone" in unreachable["note"]
    actions = {(o["name"], o["action"]) for o in unreachable["objects"]}
    assert {("web1", "removed"), ("web2", "added")} <= actions
    assert "no difference" in nothing["note"] and nothing["objects"] == []


def test_a_start_after_history_began_is_a_gap_not_a_beginning():
    day = Day()
    day.publish(_relist(day.store, "a", [net(0)], []))
    day.relisted()
    day.done()
    again = Recorder(day.store.current, clock=day.clock)  # the dashboard restarted
    again.start()
    day.clock.now += 60
    again(_relist(day.store, "a", [net(0), net(1)], []))
    again.relisted("a")
    assert again.flush(20)
    again.stop()
    kinds = list(Change.objects.order_by("id").values_list("kind", flat=True))
    assert kinds == ["begin", "gap"]
    [gap] = queries.described(list(queries.changes(queries.Filters(kind="gap"))))
    assert "was not recording" in gap["note"]
    assert [(o["name"], o["action"]) for o in gap["objects"]] == [("net1", "added")]


def test_an_engine_change_says_what_changed():
    day = Day()
    s = day.store
    day.relisted()  # an empty engine: history begins with nothing
    up = EngineState(id="a", status=CONNECTED, server_version="27.3.1", swarm="inactive")
    day.publish(s.set_engine(up))
    day.publish(s.set_engine(replace(up, server_version="28.0.1")))
    day.publish(s.set_engine(replace(up, server_version="28.0.1", swarm="active", manager=True)))
    day.publish(s.set_engine(replace(up, status=DISCONNECTED, error="socket gone")))
    day.done()
    details = [
        o["detail"]
        for c in reversed(queries.described(list(queries.changes(queries.Filters(kind="engine")))))
        for o in c["objects"]
    ]
    assert details == [
        "state connecting → connected; version none → 27.3.1; swarm none → inactive",
        "version 27.3.1 → 28.0.1",
        "swarm inactive → active; swarm role worker → manager",
        "state connected → disconnected; error none → socket gone; version 28.0.1 → 27.3.1; "
        "swarm active → inactive; swarm role manager → worker",
    ]


def test_a_container_change_says_what_changed():
    day = Day()
    s = day.store
    day.publish(_relist(s, "a", [net(0)], [view(1, ["n00"])]))
    day.relisted()
    day.publish(s.update_containers({"c01"}, [view(1, ["n00"], "exited")]))
    day.done()
    [latest] = queries.described(list(queries.changes(queries.Filters(container="c01")))[:1])
    container = next(o for o in latest["objects"] if o["kind"] == "container")
    assert container["action"] == "changed" and container["detail"] == "state running → exited"


def test_a_swarm_change_names_its_engine_and_what_it_touched():
    day = Day()
    s = day.store
    day.relisted()  # an empty engine: history begins with nothing
    day.publish(s.set_engine(EngineState(id="a", status=CONNECTED, swarm="active", cluster="x")))
    node = SwarmNode("nA", "x", "hosta", role="manager", state="ready")
    web = Service("s1", "x", "web", replicas=1)
    task = Task("t1", "x", "s1", "nA", 1, "running", "running")
    day.publish(s.replace_cluster("x", [node], [web], [task]))
    day.publish(s.replace_cluster("x", [node], [replace(web, replicas=2)], [task]))
    day.publish(s.replace_cluster("x", [replace(node, state="down")], [], []))
    day.done()
    rows = queries.described(list(Change.objects.order_by("-id")[:3]))
    down, scaled, created = rows
    for row in rows:
        assert row["engines"] == ["a"] and row["objects"], row
    assert {(o["kind"], o["name"], o["action"]) for o in created["objects"]} == {
        ("node", "hosta", "added"),
        ("service", "web", "added"),
        ("task", "web.1", "added"),
    }
    assert [(o["name"], o["detail"]) for o in scaled["objects"]] == [("web", "replicas 1 → 2")]
    assert {(o["kind"], o["name"], o["action"], o["detail"]) for o in down["objects"]} == {
        ("node", "hosta", "changed", "state ready → down"),
        ("service", "web", "removed", ""),
        ("task", "web.1", "removed", ""),
    }
    assert [c.id for c in queries.changes(queries.Filters(kind="service"))] == [
        r["id"] for r in rows
    ][:3]


def test_retention_removes_exactly_what_is_past_its_age_or_count():
    day = Day(Limits(days=0.25, changes=1_000_000, snapshot_every=7))
    a_day(day)  # retention runs as it records, on the recorder's clock
    day.done()
    day.recorder.enforce_retention(day.clock.now)
    cutoff = day.clock.now - 0.25 * 86400
    published = [moment for moment, _ in day.seen]
    kept = sorted(c.at.timestamp() for c in Change.objects.all())
    assert kept == [m for m in published if m >= cutoff]
    assert 0 < len(kept) < len(published)
    assert not ChangedObject.objects.exclude(change_id__in=Change.objects.values("id")).exists()
    for moment, expected in day.seen:  # what is kept still replays
        if moment >= cutoff:
            got = replay.listed(queries.state_at(datetime.fromtimestamp(moment, UTC)))
            assert _sorted(got) == _sorted(expected)
    ids = sorted(Change.objects.values_list("id", flat=True))
    Recorder(day.store.current, Limits(changes=5)).enforce_retention(day.clock.now)
    assert sorted(Change.objects.values_list("id", flat=True)) == ids[-5:]


def _sorted(t: dict) -> dict:
    key = {"endpoints": lambda e: (e["network"], e["container"])}
    return {
        k: sorted(v, key=key.get(k, lambda o: o["id"])) if isinstance(v, list) else v
        for k, v in t.items()
    }


def test_a_recorder_that_gives_up_stops_queuing(monkeypatch):
    def broken(self):
        raise RuntimeError("no history table")

    monkeypatch.setattr(Recorder, "_begin", broken)
    day = Day()
    day.recorder._thread.join(5)
    assert not day.recorder.alive
    day.publish(day.store.set_engine(EngineState(id="a", status=CONNECTED)))
    assert day.recorder.queue.empty()  # the map goes on; nothing piles up unread


def test_it_keeps_one_connection_from_batch_to_batch(monkeypatch):
    opened = []  # by the recorder's thread
    wrapper = type(connections["default"])
    new = wrapper.get_new_connection

    def counted(self, params):
        opened.append(threading.current_thread().name)
        return new(self, params)

    monkeypatch.setattr(wrapper, "get_new_connection", counted)
    day = Day()
    s = day.store
    day.publish(_relist(s, "a", [net(0)], [view(0, ["n00"])]))
    for i in range(1, 6):
        assert day.recorder.flush(20)  # each its own batch
        day.publish(s.update_containers({f"c{i:02d}"}, [view(i, ["n00"])]))
    day.done()
    assert Change.objects.count() == 6
    assert opened.count("history") == 1


def test_a_broken_connection_is_replaced_at_the_next_batch(monkeypatch):
    day = Day()
    s = day.store
    day.publish(_relist(s, "a", [net(0)], [view(0, ["n00"])]))
    assert day.recorder.flush(20)
    closed = []
    keep = recorder.keep_connection

    def breaking():  # on the recorder's thread: `connection` is its own
        connection.errors_occurred = True  # as a failed query leaves it
        closed.append(connection.connection is not None)
        keep()
        closed.append(connection.connection is None)

    monkeypatch.setattr(recorder, "keep_connection", breaking)
    day.publish(s.update_containers({"c01"}, [view(1, ["n00"])]))
    day.done()
    assert closed == [True, True]
    assert Change.objects.count() == 2
