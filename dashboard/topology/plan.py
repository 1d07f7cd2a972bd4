"""What to do about Docker's events, decided without doing it: which networks and
containers to read again, the states the events said, and which re-reads to schedule when
Docker's list is behind its own events. Pure: the watcher (dashboard/live) does the reads
and the waiting; this module is tested on recorded event sequences alone."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from dashboard.topology.records import Container, ContainerView, Event
from dashboard.topology.serialize import event_dict
from dashboard.topology.snapshot import Topology

# Re-reads after a connect or disconnect the container list does not show yet: 5, 10, 20,
# then every 40 ms (~0.6 s, the lag of a quiet host), then every 250 ms up to ~5 s for a
# host so busy that Docker's writes lag further.
FAST_RECHECKS = 18
RECHECKS = 36


def recheck_delay(attempt: int) -> float:
    return min(0.005 * 2**attempt, 0.04) if attempt < FAST_RECHECKS else 0.25


# A manager tells of swarm networks with create, update and remove; every engine of its
# local ones with create and destroy.
NETWORK_CHANGES = frozenset({"create", "destroy", "update", "remove"})
# Events after which container inspect has something new: aliases, or the start time.
DETAIL_ACTIONS = frozenset({"create", "start", "restart", "unpause", "connect"})
# What a container's event itself says of its state: published at once, ahead of the list
# call that fills in the rest (addresses, ports), which on a busy engine takes longer than
# the event's way here. Docker sends pause and unpause before its list shows them, so a list
# that still disagrees is read again (as for connects) while the said state stands.
SAID_STATES = {"start": "running", "restart": "running", "unpause": "running", "pause": "paused"}
# Events after which only the list can tell (die: exited, or restarting by its policy).
STATE_ACTIONS = frozenset(SAID_STATES) | {"create", "die", "stop", "oom", "destroy"}


def said_states(events: Iterable[Event], t: Topology | None = None) -> dict[str, str]:
    """{container id: the state its events say}, where the newest of its state events says
    one (SAID_STATES). A re-check (an event taken again) says its state only while the
    map (`t`) still shows it: a later event's list has said otherwise since, and a re-check
    coming after it must not take that back (start, then an exit in the next batch)."""
    newest: dict[str, Event] = {}
    for ev in events:
        if ev.kind == "container" and ev.action in STATE_ACTIONS:
            last = newest.get(ev.actor)
            if last is None or ev.time_nano >= last.time_nano:
                newest[ev.actor] = ev
    states = {}
    for cid, ev in newest.items():
        state = SAID_STATES.get(ev.action)
        if state and ev.attempt and t is not None:
            c = t.containers.get(cid)
            state = state if c is not None and c.state == state else None
        if state:
            states[cid] = state
    return states


def event_times(events: Iterable[Event]) -> dict[str, dict[str, int]]:
    """What container events say of starts and exits: {id: {"started_at": seconds}}."""
    times: dict[str, dict[str, int]] = {}
    for ev in events:
        if ev.kind == "container" and ev.action in ("start", "die"):
            key = "started_at" if ev.action == "start" else "finished_at"
            times.setdefault(ev.actor, {})[key] = ev.time_nano // 1_000_000_000
    return times


def says_a_state(ev: Event) -> bool:
    """Whether this event's state is published as it arrives, ahead of its batch."""
    return ev.kind == "container" and ev.action in SAID_STATES


@dataclass(frozen=True, slots=True)
class Plan:
    """What one batch of events calls for."""

    networks: frozenset[str] = frozenset()  # to read again (created, removed, changed)
    containers: frozenset[str] = frozenset()  # to list again
    # To inspect for aliases and exact times, once the list shows the networks their
    # connects named (`connects`): inspect waits on Docker's container lock meanwhile.
    details: frozenset[str] = frozenset()
    connects: dict[str, frozenset[str]] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)  # what the events said (SAID_STATES)
    times: dict[str, dict[str, int]] = field(default_factory=dict)
    said: tuple[dict, ...] = ()  # the events as history keeps them (re-checks are not news)
    seen: int = 0  # events new to the watcher (not re-checks)
    since: int = 0  # where the stream resumes: the last new event's time + 1 (0: none new)
    swarm: bool = False  # the cluster's own news: the manager reads its swarm soon
    task_news: bool = False  # a swarm task's container changed: its managers read again


def plan(events: list[Event], t: Topology | None = None) -> Plan:
    """What to do about `events` (one batch, in order), the map being `t`."""
    networks: set[str] = set()
    containers: set[str] = set()
    details: set[str] = set()
    connects: dict[str, set[str]] = {}
    seen = since = 0
    swarm = task_news = False
    for ev in events:
        if not ev.attempt:  # a re-check is not news: it neither counts nor moves `since`
            seen += 1
            since = max(since, ev.time_nano + 1)
        if ev.kind in ("service", "node") or ev.scope == "swarm":
            swarm = True  # tasks, VIPs, nodes
        if ev.task and not ev.attempt:
            task_news = True
        if ev.kind == "network" and ev.action in NETWORK_CHANGES:
            networks.add(ev.actor)
        elif ev.kind == "network" and ev.container:
            containers.add(ev.container)
            if ev.action == "connect":
                details.add(ev.container)
                connects.setdefault(ev.container, set()).add(ev.actor)
        elif ev.kind == "container":
            containers.add(ev.actor)
            if ev.action in DETAIL_ACTIONS and not ev.attempt:
                details.add(ev.actor)
    return Plan(
        networks=frozenset(networks),
        containers=frozenset(containers),
        details=frozenset(details),
        connects={cid: frozenset(nets) for cid, nets in connects.items()},
        states=said_states(events, t),
        times=event_times(events),
        said=tuple(event_dict(ev) for ev in events if not ev.attempt),
        seen=seen,
        since=since,
        swarm=swarm,
        task_news=task_news,
    )


def said_views(
    t: Topology,
    engine: str,
    events: list[Event],
    endpoints_of: Callable[[str], Iterable],
) -> list[ContainerView]:
    """The states `events` say, on `t`'s records of this engine's containers (with their
    endpoints, `endpoints_of`), where they differ: what is published before the list call."""
    times = event_times(events)
    views = []
    for cid, state in said_states(events).items():
        c: Container | None = t.containers.get(cid)
        if c is None or c.engine != engine or c.state == state:
            continue
        exit_code = c.exit_code if state == "paused" else None
        c = replace(c, state=state, exit_code=exit_code, **times.get(cid, {}))
        views.append(ContainerView(c, tuple(endpoints_of(cid))))
    return views


def reconcile(
    p: Plan, ids: set[str], views: list[ContainerView]
) -> tuple[list[ContainerView], set[str]]:
    """The list's answer about `ids`, where it is behind the state the events said with
    that state instead; and the containers it was behind for, to read again."""
    behind = set()
    out = []
    for v in views:
        state = p.states.get(v.container.id)
        if state and v.container.state != state and v.container.id in ids:
            behind.add(v.container.id)
            v = replace(v, container=replace(v.container, state=state))
        out.append(v)
    return out, behind


def details_wanted(p: Plan, views: list[ContainerView]) -> list[str]:
    """The containers to inspect now: wanted by the plan, and listed on every network
    their connects named."""
    return [
        v.container.id
        for v in views
        if v.container.id in p.details
        and p.connects.get(v.container.id, frozenset()) <= {e.network for e in v.endpoints}
    ]


@dataclass(frozen=True, slots=True)
class Recheck:
    """An event to take again after `delay` seconds, its attempts counted."""

    event: Event
    delay: float


def _again(ev: Event) -> Recheck:
    return Recheck(replace(ev, attempt=ev.attempt + 1), recheck_delay(ev.attempt))


def state_rechecks(events: list[Event], behind: set[str]) -> list[Recheck]:
    """Read again, with backoff, the containers whose list still disagreed with the state
    their last state event said (`behind`), until it agrees or RECHECKS run out."""
    last = {
        ev.actor: ev
        for ev in events
        if ev.kind == "container" and ev.action in SAID_STATES and ev.actor in behind
    }
    return [_again(ev) for ev in last.values() if ev.attempt < RECHECKS]


def unseen_rechecks(events: list[Event], t: Topology) -> list[Recheck]:
    """Docker sends connect and disconnect a few ms before its container list shows them
    (a first re-read usually misses a connect): read again, with backoff, each whose
    live container `t` does not show as the event says."""
    out = []
    for ev in events:
        if ev.kind != "network" or ev.action not in ("connect", "disconnect"):
            continue
        c = t.containers.get(ev.container)
        if c is None or not c.live or ev.attempt >= RECHECKS:
            continue
        if ((ev.actor, ev.container) in t.endpoints) != (ev.action == "connect"):
            out.append(_again(ev))
    return out
