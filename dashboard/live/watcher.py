"""Keeps one engine's part of the Store true, the way a Kubernetes informer does: list, then
follow the event stream from the time of the list, then relist on a timer as a safety net.

Runs as an asyncio task. Docker calls are blocking, so they run in this watcher's own
single worker thread (one engine's calls never overlap); the event stream blocks in another
thread and hands events over with call_soon_threadsafe.
"""

import asyncio
import logging
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from dashboard.engine.client import EngineClient
from dashboard.engine.errors import EngineError, EngineUnavailable
from dashboard.topology.drift import describe
from dashboard.topology.records import (
    CONNECTED,
    DISCONNECTED,
    ContainerView,
    Endpoint,
    EngineState,
    Event,
)
from dashboard.topology.serialize import event_dict
from dashboard.topology.store import Store

log = logging.getLogger(__name__)

_END = object()  # the event thread's last word
_RELIST = object()  # the engine's place in a swarm changed: list everything again
# Re-reads after a connect or disconnect the container list does not show yet: 5, 10, 20,
# then every 40 ms (~0.6 s, the lag of a quiet host), then every 250 ms up to ~5 s for a
# host so busy that Docker's writes lag further.
FAST_RECHECKS = 18
RECHECKS = 36


def recheck_delay(attempt: int) -> float:
    return min(0.005 * 2**attempt, 0.04) if attempt < FAST_RECHECKS else 0.25


STOPPED_STATES = ("created", "exited", "dead")
# A manager tells of swarm networks with create, update and remove; every engine of its
# local ones with create and destroy.
NETWORK_CHANGES = frozenset({"create", "destroy", "update", "remove"})
# The EngineState facts that place an engine in a swarm, and the ticks to relist on after
# they change.
SWARM_PLACE = ("swarm", "node_id", "cluster", "manager")
SETTLE_TICKS = 2
# After a service or node event, or one of a task's container anywhere, a manager reads its
# swarm again at these delays (seconds): tasks have no events of their own.
CLUSTER_FOLLOW_UP = (0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0)


ALIVE_TIMEOUT = 1  # seconds for /_ping when /info waits on the swarm
NO_LEADER = (
    "This manager cannot reach a leader of its swarm (quorum lost?): the swarm is shown "
    "as last read."
)


# Events after which container inspect has something new: aliases, or the start time.
DETAIL_ACTIONS = frozenset({"create", "start", "restart", "unpause", "connect"})
# What a container's event itself says of its state: published at once, ahead of the list
# call that fills in the rest (addresses, ports), which on a busy engine takes longer than
# the event's way here. Docker sends pause and unpause before its list shows them, so a list
# that still disagrees is read again (as for connects) while the said state stands.
SAID_STATES = {"start": "running", "restart": "running", "unpause": "running", "pause": "paused"}
# Events after which only the list can tell (die: exited, or restarting by its policy).
STATE_ACTIONS = frozenset(SAID_STATES) | {"create", "die", "stop", "oom", "destroy"}


class StreamEnded(Exception):
    pass


def _said_states(events: list[Event]) -> dict[str, str]:
    """{container id: the state its events say}, where the last of its state events says
    one (SAID_STATES)."""
    states: dict[str, str | None] = {}
    for ev in events:
        if ev.kind == "container" and ev.action in STATE_ACTIONS:
            states[ev.actor] = SAID_STATES.get(ev.action)
    return {cid: state for cid, state in states.items() if state}


def _times(events: list[Event]) -> dict[str, dict[str, int]]:
    """What container events say of starts and exits: {id: {"started_at": seconds}}."""
    times: dict[str, dict[str, int]] = {}
    for ev in events:
        if ev.kind == "container" and ev.action in ("start", "die"):
            key = "started_at" if ev.action == "start" else "finished_at"
            times.setdefault(ev.actor, {})[key] = ev.time_nano // 1_000_000_000
    return times


class EngineWatcher:
    def __init__(
        self,
        name: str,
        url: str,
        store: Store,
        emit,
        *,
        timeout: int = 10,
        resync_seconds: float = 30,
        ping_seconds: float = 1,
        stopped_seconds: float = 1,
        relisted=None,
        swarm_news=None,
    ):
        self.name = name
        self.store = store
        self.emit = emit  # called with each Patch, in version order, on the loop
        self.relisted = relisted or (lambda name: None)  # after each relist, its patch first
        # Called when a task's container changes here: its manager (maybe another engine's
        # watcher) reads the swarm again, since tasks have no events of their own.
        self.swarm_news = swarm_news or (lambda: None)
        self.client = EngineClient(name, url, timeout)
        self.stream_client = EngineClient(name, url, timeout)
        self.inspect_client = EngineClient(name, url, timeout)
        self.ping_client = EngineClient(name, url, min(timeout, 3))  # a hang shows fast
        self.poll_client = EngineClient(name, url, timeout)  # the stopped-container poll
        self.resync_seconds = resync_seconds
        self.ping_seconds = ping_seconds
        self.stopped_seconds = stopped_seconds
        self._pool = ThreadPoolExecutor(1, thread_name_prefix=f"docker-{name}")
        self._inspect_pool = ThreadPoolExecutor(1, thread_name_prefix=f"inspect-{name}")
        self._poll_pool = ThreadPoolExecutor(1, thread_name_prefix=f"poll-{name}")
        self._cluster_pool = ThreadPoolExecutor(1, thread_name_prefix=f"swarm-{name}")
        self.cluster_client = EngineClient(name, url, timeout)  # a manager's swarm reads
        self._cluster_task: asyncio.Task | None = None
        self._settling = 0  # ticks left to relist on after a change of swarm state
        self._poll_task: asyncio.Task | None = None
        self._detail_tasks: set[asyncio.Task] = set()
        self._last_nano = 0
        self.syncs = 0
        self.drift = 0
        self.events_seen = 0
        self._ping_task: asyncio.Task | None = None
        self._queue: asyncio.Queue | None = None
        self.synced = asyncio.Event()

    # Helpers
    async def _call(self, fn, *args):
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn, *args)

    def _set_engine(self, **changes) -> None:
        old = self.store.current.engines.get(self.name) or EngineState(id=self.name)
        patch = self.store.set_engine(replace(old, **changes))
        if patch:
            self.emit(patch)

    def _network_ids(self) -> dict[str, str]:
        return {n.name: n.id for n in self.store.current.networks.values() if n.on(self.name)}

    # The loop
    async def run(self) -> None:
        delay = 0.25
        while True:
            try:
                await self.sync()
                delay = 0.25
                await self.watch()
            except asyncio.CancelledError:
                raise
            except EngineError as e:
                log.warning("engine %s: %s", self.name, e.message)
                self._set_engine(status=DISCONNECTED, error=e.message)
            except StreamEnded as e:
                log.warning("engine %s: event stream ended (%s)", self.name, e)
                self._set_engine(status=DISCONNECTED, error=str(e))
            except Exception as e:  # a watcher must outlive any surprise
                log.exception("engine %s: watcher failed", self.name)
                self._set_engine(status=DISCONNECTED, error=f"Internal error: {e}")
            finally:
                self.stream_client.close_events()
                for task in (self._ping_task, self._poll_task, self._cluster_task):
                    if task is not None:
                        task.cancel()
                self._ping_task = self._poll_task = self._cluster_task = None
            # At most a second between tries: an engine back is followed within a second of
            # its first answer.
            await asyncio.sleep(delay * (0.5 + random.random() / 2))
            delay = min(delay * 2, 1)

    async def sync(self, expected: bool = False) -> None:
        """List everything (constant calls: info, networks, containers) and replace this
        engine's part of the store; a non-empty patch after the first sync is drift, unless
        `expected` (a swarm joined or left changes networks without events)."""
        ticket = self.store.begin_read()
        try:
            info = await self._call(self._info, self.client)
            networks = await self._call(self.client.networks)
            ids = {n.name: n.id for n in networks}
            mine = self.store.current.containers.values()
            known = {c.id for c in mine if c.engine == self.name}
            views = await self._call(self.client.containers, ids)
            views = await self._with_gateway(views, networks)
            before = self.store.current
            patch = self.store.replace_engine(self.name, networks, views, read=ticket, relist=True)
        finally:
            self.store.end_read(ticket)
        if patch:
            if self.syncs and not expected:
                # Only facts are kept, so a difference here is something the event stream
                # should have delivered and did not.
                self.drift += 1
                log.warning(
                    "engine %s: the relist found what events missed: %s",
                    self.name,
                    describe(before, patch),
                )
            self.emit(patch)
        self.relisted(self.name)
        self.syncs += 1
        # Events from the moment before the list on: nothing between list and stream is lost.
        self._last_nano = max(self._last_nano, info["time_nano"])
        facts = self._swarm_facts(info)
        self._set_engine(status=CONNECTED, error="", host=info["host"], **facts)
        await self._read_cluster()
        # Aliases and exact times only come from container inspect: filled in the
        # background after the snapshot is out, so a sync stays a constant number of calls.
        self._fill_details_later([v.container.id for v in views if v.container.id not in known])
        self.synced.set()

    async def watch(self) -> None:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue = asyncio.Queue()
        self._queue = queue
        since = self._last_nano
        thread = threading.Thread(
            target=self._pump, args=(loop, queue, since), daemon=True, name=f"events-{self.name}"
        )
        thread.start()
        now = loop.time()
        due = {"ping": now + self.ping_seconds, "stopped": now + self.stopped_seconds}
        due["resync"] = now + self.resync_seconds
        while True:
            timeout = max(0.0, min(due.values()) - loop.time())
            first = None
            try:
                # asyncio.timeout, not wait_for: 3.11's wait_for can swallow a cancellation.
                async with asyncio.timeout(timeout):
                    first = await queue.get()
            except TimeoutError:
                pass
            if first is None:  # quiet: do whatever is due
                await self._quiet_work(due, queue)
                continue
            batch = [first]
            while not queue.empty():  # coalesce what already arrived; never wait for more
                batch.append(queue.get_nowait())
            relist = any(item is _RELIST for item in batch)
            ended = [item for item in batch if not isinstance(item, Event) and item is not _RELIST]
            events = [item for item in batch if isinstance(item, Event)]
            if events:
                await self._apply(events)
            if relist:
                await self.sync(expected=True)
            if ended:
                reason = ended[0][1] if isinstance(ended[0], tuple) else "the daemon went away"
                raise StreamEnded(reason)

    async def _quiet_work(self, due: dict, queue: asyncio.Queue) -> None:
        now = asyncio.get_running_loop().time()
        if now >= due["ping"]:
            # In the background: /info can take a few hundred ms on a busy daemon, and
            # events must not wait behind it. A failed ping ends the watch below.
            if self._ping_task is None or self._ping_task.done():
                self._ping_task = asyncio.create_task(self._ping(queue))
            due["ping"] = now + self.ping_seconds
        if now >= due["stopped"]:
            # In the background too, on a connection of its own: a list of every stopped
            # container grows with the engine, and events must not wait behind it.
            if self._poll_task is None or self._poll_task.done():
                self._poll_task = asyncio.create_task(self._refresh_stopped())
            due["stopped"] = now + self.stopped_seconds
        if now >= due["resync"]:
            # The relist repairs whatever events missed; drift is counted and logged in
            # sync(). The stream stays: its liveness is the ping's business.
            await self.sync()
            due["resync"] = now + self.resync_seconds

    async def _refresh_stopped(self) -> None:
        """`docker network connect` and `disconnect` on a stopped container emit no event
        until it starts: re-read the containers that are not running (one list call) so
        their configured networks stay true. Only those it returns are touched: one that
        started meanwhile has its own event queued behind this."""
        mine = self.store.current.containers.values()
        if not any(c.engine == self.name and not c.live for c in mine):
            return
        # A ticket of its own: a refresh that began before this poll is older than its
        # answer, one that begins after is newer (the store drops what is older).
        ticket = self.store.begin_read()
        loop = asyncio.get_running_loop()
        try:
            views = await loop.run_in_executor(
                self._poll_pool,
                self.poll_client.containers,
                self._network_ids(),
                None,
                STOPPED_STATES,
            )
            ids = {v.container.id for v in views}
            patch = self.store.listed(self.name, ids, views, read=ticket, mark=False)
        except EngineError:
            return  # the watch loop hears of a failing engine from the stream and the ping
        finally:
            self.store.end_read(ticket)
        if patch:
            self.emit(patch)

    def _pump(self, loop, queue, since: int) -> None:
        """Event-stream thread: blocking reads, handed to the loop as they come."""
        reason = "the daemon closed the event stream"
        try:
            for ev in self.stream_client.events(since):
                loop.call_soon_threadsafe(self._arrive, queue, ev)
        except EngineError as e:
            reason = e.message
        except Exception as e:  # noqa: BLE001 - any failure ends the stream the same way: relist and resume
            reason = f"event stream failed: {e}"
        try:
            loop.call_soon_threadsafe(queue.put_nowait, (_END, reason))
        except RuntimeError:
            pass  # the loop is closed: nobody is listening any more

    def _arrive(self, queue: asyncio.Queue, ev: Event) -> None:
        """On the loop, as each event comes: the state it says is published at once, even
        while the list call of earlier events is still out; the rest waits its turn."""
        if ev.kind == "container" and ev.action in SAID_STATES:
            self._publish_said_states([ev], _times([ev]), [event_dict(ev)])
        queue.put_nowait(ev)

    async def _ping(self, queue: asyncio.Queue) -> None:
        """The stream has no heartbeat: ask the engine directly. /info rather than /_ping, so
        that what no event announces (swarm joined or left, a driver plugin) shows too.
        A failure ends the watch through the queue, as the stream's own end does."""
        loop = asyncio.get_running_loop()
        try:
            info = await loop.run_in_executor(None, self._info, self.ping_client)
        except EngineError as e:
            queue.put_nowait((_END, e.message))
            return
        old = self.store.current.engines.get(self.name)
        facts = self._swarm_facts(info)
        if old is not None and any(getattr(old, k) != facts[k] for k in SWARM_PLACE):
            # Joined, left, promoted or demoted: no event says so, and the engine's swarm
            # networks come or go with it, over a second or two after /info tells. Relist
            # now, and at the next ticks once more (the relist sets the new facts).
            self._settling = SETTLE_TICKS
            queue.put_nowait(_RELIST)
            return
        if self._settling:
            self._settling -= 1
            queue.put_nowait(_RELIST)
            return
        self._set_engine(**facts)
        await self._read_cluster()

    def _info(self, client: EngineClient) -> dict:
        """/info; or, when it times out while /_ping answers, what was known, marked so: a
        manager whose swarm has no leader makes /info wait on the swarm, and the engine
        is not down for that. (On a worker thread: reads the store's snapshot only.)"""
        old = self.store.current.engines.get(self.name) or EngineState(id=self.name)
        try:
            return client.info()
        except EngineUnavailable:
            if not old.manager:
                raise  # only a manager's /info waits on its swarm
            # Raises when the daemon itself is gone; briefly, so that a hung one is still
            # marked within a few seconds. A client of its own: this runs on either thread.
            alive = EngineClient(self.name, client.url, ALIVE_TIMEOUT)
            try:
                alive.ping()
            finally:
                alive.close()
        return {
            "server_version": old.server_version,
            "swarm": old.swarm,
            "drivers": old.drivers,
            "host": old.host,
            "node_id": old.node_id,
            "cluster": old.cluster,
            "swarm_manager": old.manager,
            "node_addr": old.node_addr,
            "time_nano": 0,
            "stuck": True,
        }

    def _swarm_facts(self, info: dict) -> dict:
        facts = {
            "server_version": info["server_version"],
            "swarm": info["swarm"],
            "drivers": info["drivers"],
            "node_id": info["node_id"],
            "cluster": info["cluster"],
            "manager": info["swarm_manager"],
            "node_addr": info["node_addr"],
        }
        old = self.store.current.engines.get(self.name)
        if facts["manager"] and info.get("stuck"):
            facts["cluster_error"] = NO_LEADER
        elif facts["manager"] and not facts["cluster"] and old is not None and old.cluster:
            # A manager without a leader leaves the cluster out of /info: the same swarm.
            facts["cluster"] = old.cluster
            facts["cluster_error"] = NO_LEADER
        elif old is not None and old.cluster_error == NO_LEADER:
            facts["cluster_error"] = ""  # a leader again; the next read says more
        return facts

    async def _read_cluster(self) -> None:
        """A manager's swarm (three list calls); an engine that left its swarm takes the
        swarm off the map unless another watched manager still reads it. A manager that
        cannot answer (no leader) leaves the last state read, marked stale."""
        state = self.store.current.engines.get(self.name)
        if state is None:
            return
        if not state.manager or not state.cluster:
            self._forget_clusters()
            return
        if state.cluster_error == NO_LEADER:
            return  # the manager says so itself: reads would only fail
        loop = asyncio.get_running_loop()
        try:
            nodes, services, tasks = await loop.run_in_executor(
                self._cluster_pool, self.cluster_client.cluster, state.cluster
            )
        except EngineError as e:
            self._set_engine(cluster_error=e.message)
            return
        self._set_engine(cluster_error="")
        patch = self.store.replace_cluster(state.cluster, nodes, services, tasks)
        if patch:
            self.emit(patch)

    def _forget_clusters(self) -> None:
        t = self.store.current
        read = {e.cluster for e in t.engines.values() if e.manager and e.cluster}
        for cluster in {n.cluster for n in t.nodes.values()} - read:
            patch = self.store.replace_cluster(cluster, [], [], [])
            if patch:
                self.emit(patch)

    async def _apply(self, events: list[Event]) -> None:
        networks: set[str] = set()
        containers: set[str] = set()
        want_details: set[str] = set()
        connects: dict[str, set[str]] = {}
        times = _times(events)  # what the events say of starts and exits
        said = [event_dict(ev) for ev in events if not ev.attempt]
        swarm = task_news = False
        for ev in events:
            if not ev.attempt:  # a re-check is not news: it neither counts nor moves `since`
                self.events_seen += 1
                self._last_nano = max(self._last_nano, ev.time_nano + 1)
            if ev.kind in ("service", "node") or ev.scope == "swarm":
                swarm = True  # the cluster's own news: tasks, VIPs, nodes
            if ev.task and not ev.attempt:
                task_news = True
            if ev.kind == "network" and ev.action in NETWORK_CHANGES:
                networks.add(ev.actor)
            elif ev.kind == "network" and ev.container:
                containers.add(ev.container)
                if ev.action == "connect":
                    want_details.add(ev.container)
                    connects.setdefault(ev.container, set()).add(ev.actor)
            elif ev.kind == "container":
                containers.add(ev.actor)
                if ev.action in DETAIL_ACTIONS and not ev.attempt:
                    want_details.add(ev.actor)
        if networks:
            found = await self._call(self.client.networks, sorted(networks))
            patch = self.store.update_networks(self.name, networks, found, events=said)
            if patch:
                self.emit(patch)
        if containers:
            # The states these events say went out as each arrived (_arrive); the list
            # holds them where it is behind.
            states = _said_states(events)
            behind = await self._refresh_containers(
                containers, want_details, connects, times, said, states
            )
            self._recheck_states(events, behind)
        if swarm:
            self._cluster_soon()
        if task_news:
            self.swarm_news()
        self._recheck_unseen(events)

    def _publish_said_states(self, events: list[Event], times, said: list[dict]) -> None:
        """The states the events say (SAID_STATES), on the store's current records, before
        the list call."""
        states = _said_states(events)
        t = self.store.current
        views = []
        for cid, state in states.items():
            c = t.containers.get(cid)
            if c is None or c.engine != self.name or c.state == state:
                continue
            exit_code = c.exit_code if state == "paused" else None
            c = replace(c, state=state, exit_code=exit_code, **times.get(cid, {}))
            views.append(ContainerView(c, tuple(self.store.endpoints_of_container(cid))))
        if not views:
            return
        patch = self.store.say(views, said)  # no read begun before this may undo it
        if patch:
            self.emit(patch)

    def _recheck_states(self, events: list[Event], behind: set[str]) -> None:
        """Read again, with backoff, the containers whose list still disagreed with the
        state their events said (`behind`), until it agrees or RECHECKS run out."""
        last = {
            ev.actor: ev
            for ev in events
            if ev.kind == "container" and ev.action in SAID_STATES and ev.actor in behind
        }
        for ev in last.values():
            if ev.attempt < RECHECKS and self._queue is not None:
                again = replace(ev, attempt=ev.attempt + 1)
                delay = recheck_delay(ev.attempt)
                asyncio.get_running_loop().call_later(delay, self._queue.put_nowait, again)

    def _recheck_unseen(self, events: list[Event]) -> None:
        """Docker sends connect and disconnect a few ms before its container list shows
        them (a first re-read usually misses a connect). Read again, with
        backoff, until the list agrees with the event; other events are not held up."""
        t = self.store.current
        for ev in events:
            if ev.kind != "network" or ev.action not in ("connect", "disconnect"):
                continue
            c = t.containers.get(ev.container)
            if c is None or not c.live or ev.attempt >= RECHECKS:
                continue
            attached = (ev.actor, ev.container) in t.endpoints
            if attached != (ev.action == "connect") and self._queue is not None:
                delay = recheck_delay(ev.attempt)
                again = replace(ev, attempt=ev.attempt + 1)
                asyncio.get_running_loop().call_later(delay, self._queue.put_nowait, again)

    async def _refresh_containers(
        self,
        ids: set[str],
        want_details: set[str],
        connects: dict[str, set[str]] | None = None,
        times: dict[str, dict[str, int]] | None = None,
        said: list[dict] | None = None,
        states: dict[str, str] | None = None,
    ) -> set[str]:
        """Read the containers in `ids` with one list call and publish at once, with the
        start and exit times their events gave. Aliases and exact times (container
        inspect) follow in the background, and only once the list shows what a connect
        announced: inspect waits on Docker's container lock, which the connect holds for
        up to ~250 ms after its event."""
        ticket = self.store.begin_read()
        try:
            views = await self._call(self.client.containers, self._network_ids(), sorted(ids))
            views = await self._with_gateway(views, self.store.current.networks.values())
            # A state an event said while this list was out is newer than its answer: that
            # event's own list call follows.
            newer = self.store.stale(self.name, ids, ticket)
            ids = ids - newer
            views = [v for v in views if v.container.id not in newer]
            # Where the list is behind the state the events said, the said state stands.
            behind = set()
            for i, v in enumerate(views):
                said_state = (states or {}).get(v.container.id)
                if said_state and v.container.state != said_state and v.container.id in ids:
                    behind.add(v.container.id)
                    views[i] = replace(v, container=replace(v.container, state=said_state))
            patch = self.store.listed(
                self.name, ids, views, read=ticket, times=times, events=said or []
            )
        finally:
            self.store.end_read(ticket)
        if patch:
            self.emit(patch)
        connects = connects or {}
        wanted = [
            v
            for v in views
            if v.container.id in want_details
            and connects.get(v.container.id, set()) <= {e.network for e in v.endpoints}
        ]
        self._fill_details_later([v.container.id for v in wanted])
        return behind

    def cluster_soon(self) -> None:
        """For the hub: a task's container changed somewhere; a manager reads its swarm."""
        state = self.store.current.engines.get(self.name)
        if state is not None and state.manager and self._queue is not None:
            self._cluster_soon()

    def _cluster_soon(self) -> None:
        """Read the swarm now and a few times more: a service created or scaled shows its
        tasks over the next second or two. A read already following up is restarted."""
        if self._cluster_task is not None:
            self._cluster_task.cancel()
        self._cluster_task = asyncio.create_task(self._follow_cluster())

    async def _follow_cluster(self) -> None:
        slept = 0.0
        for at in CLUSTER_FOLLOW_UP:
            await asyncio.sleep(at - slept)
            slept = at
            await self._read_cluster()

    def _fill_details_later(self, ids: list[str]) -> None:
        if ids:
            task = asyncio.create_task(self._fill_details(ids))
            self._detail_tasks.add(task)
            task.add_done_callback(self._detail_tasks.discard)

    async def _fill_details(self, ids: list[str]) -> None:
        """Aliases and exact times from container inspect, on a thread of their own so that
        list calls never queue behind an inspect waiting on Docker's lock; set on the
        store's *current* records, so a late answer cannot undo newer changes (times only
        move forward)."""
        loop = asyncio.get_running_loop()
        for cid in ids:
            try:
                fresh = await loop.run_in_executor(
                    self._inspect_pool, self.inspect_client.details, cid
                )
            except EngineError:
                continue  # gone, or the engine is failing: the watch loop will say so
            t = self.store.current
            c = t.containers.get(cid)
            if c is None:
                continue
            view = ContainerView(c, tuple(self.store.endpoints_of_container(cid)))
            view = view.with_details(fresh)
            patch = self.store.update_containers({cid}, [view])
            if patch:
                self.emit(patch)

    async def _with_gateway(self, views: list[ContainerView], networks) -> list[ContainerView]:
        """Add the docker_gwbridge endpoints of containers on overlays: one inspect, made
        only when such a container is among `views`."""
        mine = [n for n in networks if n.on(self.name)]
        gateway = next((n.id for n in mine if n.gateway_bridge), None)
        overlays = {n.id for n in mine if n.driver == "overlay"}
        if not gateway or not any(overlays & set(v.container.networks) for v in views):
            return views
        extra: dict[str, list[Endpoint]] = {}
        for e in await self._call(self.client.gateway_endpoints, gateway):
            extra.setdefault(e.container, []).append(e)
        return [
            replace(v, endpoints=v.endpoints + tuple(extra[v.container.id]))
            if v.container.id in extra and v.container.live
            else v
            for v in views
        ]

    def close(self) -> None:
        self.stream_client.close_events()
        if self._poll_task is not None:
            self._poll_task.cancel()
        if self._cluster_task is not None:
            self._cluster_task.cancel()
        clients = (self.client, self.stream_client, self.inspect_client, self.ping_client)
        for c in (*clients, self.poll_client, self.cluster_client):
            try:
                c.close()
            except Exception:  # noqa: BLE001, S110 - best effort on shutdown
                pass
        for task in list(self._detail_tasks):
            task.cancel()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._inspect_pool.shutdown(wait=False, cancel_futures=True)
        self._poll_pool.shutdown(wait=False, cancel_futures=True)
        self._cluster_pool.shutdown(wait=False, cancel_futures=True)
