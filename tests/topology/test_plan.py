"""What the watcher decides about Docker's events, without Docker: on a sequence recorded
from Engine 20.10 (recorded/lifecycle.json: two networks made; a container run on one,
connected to the other with an alias, paused, unpaused, disconnected (Docker sent that
twice), stopped, connected while stopped (no event until its start), started, restarted,
renamed, removed; the networks removed), replayed as the watcher takes it, in batches, with
the list's answers in the orders that made the races fixed so far."""

import json
from dataclasses import replace
from pathlib import Path

from dashboard.engine.convert import event
from dashboard.topology import plan as planner
from dashboard.topology.records import Container, ContainerView, Endpoint, Network
from dashboard.topology.store import Store

EVENTS = [
    event(raw)
    for raw in json.loads((Path(__file__).parent / "recorded/lifecycle.json").read_text())
]
NET_A, NET_B = (ev.actor for ev in EVENTS if ev.kind == "network" and ev.action == "create")
CID = next(ev.actor for ev in EVENTS if ev.kind == "container")


def step(action, kind="container", network=None, nth=0):
    """The recorded event(s) of one step: its `nth` occurrence of (kind, action)."""
    found = [
        ev
        for ev in EVENTS
        if (ev.kind, ev.action) == (kind, action) and (network is None or ev.actor == network)
    ]
    return found[nth]


def view(state="running", networks=(NET_A,), live_on=None, aliases=()):
    c = Container(id=CID, engine="e", name="wrec-c", state=state, networks=tuple(networks))
    on = networks if live_on is None else live_on
    eps = tuple(Endpoint(n, CID, "10.0.0.2/24", aliases=tuple(aliases)) for n in on)
    return ContainerView(c, eps if state in ("running", "paused") else ())


def store_with(v):
    s = Store()
    nets = [Network(id=n, engine="e", name=n[:6], driver="bridge") for n in (NET_A, NET_B)]
    s.replace_engine("e", nets, [v])
    return s


def test_the_whole_recording_reads_each_object_once():
    p = planner.plan(EVENTS)
    assert p.networks == {NET_A, NET_B}
    assert p.containers == {CID}
    assert p.details == {CID}
    assert p.connects == {CID: {NET_A, NET_B}}
    assert p.states == {}, "its last state event (destroy) says nothing: the list tells"
    assert p.seen == len(EVENTS) == len(p.said)
    assert p.since == EVENTS[-1].time_nano + 1


def test_a_recheck_is_not_news():
    again = replace(step("connect", "network", NET_B), attempt=3)
    p = planner.plan([again])
    assert (p.seen, p.since, p.said) == (0, 0, ())
    assert p.containers == {CID} and p.connects == {CID: {NET_B}}


def test_a_run_says_running_with_its_start_time():
    batch = [step("create"), step("connect", "network", NET_A), step("start")]
    p = planner.plan(batch)
    assert p.states == {CID: "running"}
    assert p.times == {CID: {"started_at": step("start").time_nano // 10**9}}
    assert p.connects == {CID: {NET_A}}


def test_pause_before_the_list_shows_it():
    """Docker sends pause before its list shows it paused: the said state goes out as the
    event comes, with the container's endpoints; the list's older answer is given the said
    state and read again, until it agrees or the re-checks run out."""
    s = store_with(view())
    pause = step("pause")
    assert planner.says_a_state(pause)
    said = planner.said_views(s.current, "e", [pause], s.endpoints_of_container)
    assert [v.container.state for v in said] == ["paused"]
    assert [e.network for e in said[0].endpoints] == [NET_A]
    p = planner.plan([pause])
    views, behind = planner.reconcile(p, {CID}, [view("running")])
    assert behind == {CID} and views[0].container.state == "paused"
    rechecks = planner.state_rechecks([pause], behind)
    assert [(r.event.attempt, r.delay) for r in rechecks] == [(1, planner.recheck_delay(0))]
    agreed, behind = planner.reconcile(p, {CID}, [view("paused")])
    assert behind == set() and planner.state_rechecks([pause], behind) == []
    last = replace(pause, attempt=planner.RECHECKS)
    assert planner.state_rechecks([last], {CID}) == [], "re-checks end"


def test_the_said_state_is_not_said_again_when_the_map_shows_it():
    s = store_with(view("paused"))
    assert planner.said_views(s.current, "e", [step("pause")], s.endpoints_of_container) == []


def test_a_stop_says_nothing_itself_the_list_tells():
    batch = [step("kill"), step("kill", nth=1), step("die"), step("disconnect", "network", NET_A)]
    batch.append(step("stop"))
    p = planner.plan(batch)
    assert p.states == {} and p.containers == {CID}
    assert p.times == {CID: {"finished_at": step("die").time_nano // 10**9}}
    assert p.details == set(), "nothing new for inspect"


def test_a_connect_the_list_does_not_show_yet_is_read_again_and_not_inspected():
    """Docker sends connect a few ms before its list shows it: no inspect yet (it would wait
    on the container's lock), and the connect is taken again until the list shows it."""
    connect = step("connect", "network", NET_B)
    p = planner.plan([connect])
    lagging = view(networks=(NET_A, NET_B), live_on=(NET_A,))
    assert planner.details_wanted(p, [lagging]) == []
    s = store_with(lagging)
    rechecks = planner.unseen_rechecks([connect], s.current)
    assert [r.event.attempt for r in rechecks] == [1]
    shown = view(networks=(NET_A, NET_B))
    assert planner.details_wanted(p, [shown]) == [CID]
    assert planner.unseen_rechecks([connect], store_with(shown).current) == []


def test_docker_s_doubled_disconnect_is_one_change():
    first = step("disconnect", "network", NET_B)
    second = step("disconnect", "network", NET_B, nth=1)
    assert (first.actor, first.container) == (second.actor, second.container)
    p = planner.plan([first, second])
    assert p.containers == {CID} and p.seen == 2
    gone = store_with(view())
    assert planner.unseen_rechecks([first, second], gone.current) == []


def test_a_restart_says_running_once():
    batch = [step("start", nth=2), step("restart")]
    p = planner.plan(batch)
    assert p.states == {CID: "running"}
    assert planner.state_rechecks(batch, {CID})[0].event.action == "restart"


def test_the_stopped_polls_answer_is_not_lost_after_the_last_event():
    """The lost answers: a connect to a stopped container says nothing; with the stop as
    the engine's last event, the poll that follows its refresh must still be written."""
    s = store_with(view())
    stop = [step("die"), step("disconnect", "network", NET_A), step("stop")]
    p = planner.plan(stop)
    ticket = s.begin_read()
    views, _ = planner.reconcile(p, set(p.containers), [view("exited")])
    s.listed("e", set(p.containers), views, read=ticket, times=p.times)
    s.end_read(ticket)
    poll = s.begin_read()  # the poll, with nothing else happening
    connected = view("exited", networks=(NET_A, NET_B))
    assert s.listed("e", {CID}, [connected], read=poll, mark=False) is not None
    s.end_read(poll)
    assert s.current.containers[CID].networks == (NET_A, NET_B)


def test_the_relist_does_not_undo_inspects_aliases():
    """An inspect after the recorded connect (alias `db`) finished while a relist was out:
    the relist's answer (lists have no aliases) keeps it."""
    s = store_with(view(networks=(NET_A, NET_B)))
    relist = s.begin_read()
    inspected = view(networks=(NET_A, NET_B), aliases=("db",))
    s.update_containers({CID}, [inspected])
    assert (
        s.replace_engine(
            "e", list(s.current.networks.values()), [view(networks=(NET_A, NET_B))], read=relist
        )
        is None
    )
    s.end_read(relist)
    assert s.current.endpoints[(NET_B, CID)].aliases == ("db",)


def test_swarm_news_and_task_news():
    service = replace(step("create", "network", NET_A), kind="service", actor="svc")
    task = replace(step("start"), task="t1")
    p = planner.plan([service, task])
    assert p.swarm and p.task_news
    assert not planner.plan([replace(task, attempt=1)]).task_news
    assert planner.plan([replace(step("destroy", "network", NET_A), scope="swarm")]).swarm


def test_rechecks_start_fast_and_keep_going_for_a_few_seconds():
    delays = [planner.recheck_delay(a) for a in range(planner.RECHECKS)]
    assert delays[:3] == [0.005, 0.01, 0.02]  # the usual lag is a few ms
    assert 4 <= sum(delays) <= 6


def test_a_state_recheck_gives_way_to_a_later_exit():
    """Start, and the exit in the next batch (the recorded die): the start's re-check,
    taken after the exit's list, must not say `running` again (the map flipped back to
    running until the next relist)."""
    start, die = step("start"), step("die")
    again = replace(start, attempt=1)
    exited = store_with(view("exited"))
    assert planner.plan([again], exited.current).states == {}
    assert planner.plan([die, again], store_with(view()).current).states == {}
    running = store_with(view())
    assert planner.plan([again], running.current).states == {CID: "running"}


def test_a_pause_recheck_holds_while_the_map_shows_it_paused():
    again = replace(step("pause"), attempt=2)
    p = planner.plan([again], store_with(view("paused")).current)
    views, behind = planner.reconcile(p, {CID}, [view("running")])
    assert behind == {CID} and views[0].container.state == "paused"
