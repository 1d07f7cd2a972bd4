"""Keeps one engine's part of the Store true, the way a Kubernetes informer does: list, then
follow the event stream from the time of the list, then relist on a timer as a safety net.

Runs as an asyncio task, and only does I/O: what to do about a batch of events is decided
by dashboard.topology.plan, which answers may still be written by the store. Each kind of
read runs in a lane of its own (dashboard.live.lanes): a connection and a thread, so that
one engine's calls of a kind never overlap and no kind waits behind another.
"""

import asyncio
import logging
import random
from dataclasses import replace

from dashboard.engine.errors import EngineError
from dashboard.live.lanes.details import InspectLane
from dashboard.live.lanes.events import END, RELIST, EventLane, StreamEnded
from dashboard.live.lanes.lane import Lane
from dashboard.live.lanes.stopped import StoppedPoll
from dashboard.live.lanes.swarm import SETTLE_TICKS, SwarmLane, moved, read_info, swarm_facts
from dashboard.topology import plan as planner
from dashboard.topology.drift import describe
from dashboard.topology.plan import Plan, Recheck
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

__all__ = ["EngineWatcher", "StreamEnded"]

log = logging.getLogger(__name__)


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
        self.resync_seconds = resync_seconds
        self.ping_seconds = ping_seconds
        self.stopped_seconds = stopped_seconds
        self.events = EventLane(name, url, timeout)
        self.lister = Lane(name, url, timeout, "docker")  # info, networks, container lists
        self.inspector = InspectLane(name, url, timeout, store, emit)
        self.stopped = StoppedPoll(name, url, timeout, store, emit, self._network_ids)
        self.swarm = SwarmLane(name, url, timeout, store, emit, self._set_engine)
        self.pinger = Lane(name, url, min(timeout, 3), "ping")  # a hang shows fast
        # The lanes' connections by their old names (tests slow them down one at a time).
        self.client = self.lister.client
        self.poll_client = self.stopped.lane.client
        self._settling = 0  # ticks left to relist on after a change of swarm state
        self._last_nano = 0
        self.syncs = 0
        self.drift = 0
        self.events_seen = 0
        self._ping_task: asyncio.Task | None = None
        self._queue: asyncio.Queue | None = None
        self.synced = asyncio.Event()

    # Helpers
    def _set_engine(self, **changes) -> None:
        old = self.store.current.engines.get(self.name) or self._unknown()
        patch = self.store.set_engine(replace(old, **changes))
        if patch:
            self.emit(patch)

    def _unknown(self) -> EngineState:
        return EngineState(id=self.name)

    def _network_ids(self) -> dict[str, str]:
        return {n.name: n.id for n in self.store.current.networks.values() if n.on(self.name)}

    def _info(self, client) -> dict:
        """/info on a lane's thread (reads the store's snapshot only)."""
        return read_info(client, self.store.current.engines.get(self.name) or self._unknown())

    def _facts(self, info: dict) -> dict:
        return swarm_facts(info, self.store.current.engines.get(self.name))

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
                self.events.stop()
                if self._ping_task is not None:
                    self._ping_task.cancel()
                self._ping_task = None
                self.stopped.stop()
                self.swarm.stop()
            # At most a second between tries: an engine back is followed within a second of
            # its first answer.
            await asyncio.sleep(delay * (0.5 + random.random() / 2))
            delay = min(delay * 2, 1)

    async def sync(self, expected: bool = False) -> None:
        """List everything (constant calls: info, networks, containers) and replace this
        engine's part of the store; a non-empty patch after the first sync is drift, unless
        `expected` (a swarm joined or left changes networks without events)."""
        call, client = self.lister.call, self.client
        ticket = self.store.begin_read()
        try:
            info = await call(self._info, client)
            networks = await call(client.networks)
            ids = {n.name: n.id for n in networks}
            mine = self.store.current.containers.values()
            known = {c.id for c in mine if c.engine == self.name}
            views = await call(client.containers, ids)
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
        self._set_engine(status=CONNECTED, error="", host=info["host"], **self._facts(info))
        await self.swarm.read()
        # Aliases and exact times only come from container inspect: filled in the
        # background after the snapshot is out, so a sync stays a constant number of calls.
        self.inspector.later([v.container.id for v in views if v.container.id not in known])
        self.synced.set()

    async def watch(self) -> None:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue = asyncio.Queue()
        self._queue = queue
        self.events.start(loop, queue, self._last_nano, self._arrive)
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
            relist = any(item is RELIST for item in batch)
            ended = [item for item in batch if isinstance(item, tuple) and item[0] is END]
            events = [item for item in batch if isinstance(item, Event)]
            if events:
                await self._apply(events)
            if relist:
                await self.sync(expected=True)
            if ended:
                raise StreamEnded(ended[0][1])

    async def _quiet_work(self, due: dict, queue: asyncio.Queue) -> None:
        now = asyncio.get_running_loop().time()
        if now >= due["ping"]:
            # In the background: /info can take a few hundred ms on a busy daemon, and
            # events must not wait behind it. A failed ping ends the watch below.
            if self._ping_task is None or self._ping_task.done():
                self._ping_task = asyncio.create_task(self._ping(queue))
            due["ping"] = now + self.ping_seconds
        if now >= due["stopped"]:
            self.stopped.due()  # in the background too, in its own lane
            due["stopped"] = now + self.stopped_seconds
        if now >= due["resync"]:
            # The relist repairs whatever events missed; drift is counted and logged in
            # sync(). The stream stays: its liveness is the ping's business.
            await self.sync()
            due["resync"] = now + self.resync_seconds

    def _arrive(self, queue: asyncio.Queue, ev: Event) -> None:
        """On the loop, as each event comes: the state it says is published at once, even
        while the list call of earlier events is still out; the rest waits its turn."""
        if planner.says_a_state(ev):
            t = self.store.current
            views = planner.said_views(t, self.name, [ev], self.store.endpoints_of_container)
            if views:
                patch = self.store.say(views, [event_dict(ev)])
                if patch:
                    self.emit(patch)
        queue.put_nowait(ev)

    async def _ping(self, queue: asyncio.Queue) -> None:
        """The stream has no heartbeat: ask the engine directly. /info rather than /_ping, so
        that what no event announces (swarm joined or left, a driver plugin) shows too.
        A failure ends the watch through the queue, as the stream's own end does."""
        try:
            info = await self.pinger.call(self._info, self.pinger.client)
        except EngineError as e:
            queue.put_nowait((END, e.message))
            return
        facts = self._facts(info)
        if moved(self.store.current.engines.get(self.name), facts):
            # No event says so, and the engine's swarm networks come or go with it, over a
            # second or two after /info tells. Relist now, and at the next ticks once more
            # (the relist sets the new facts).
            self._settling = SETTLE_TICKS
            queue.put_nowait(RELIST)
            return
        if self._settling:
            self._settling -= 1
            queue.put_nowait(RELIST)
            return
        self._set_engine(**facts)
        await self.swarm.read()

    async def _apply(self, events: list[Event]) -> None:
        p = planner.plan(events, self.store.current)
        self.events_seen += p.seen
        self._last_nano = max(self._last_nano, p.since)
        if p.networks:
            found = await self.lister.call(self.client.networks, sorted(p.networks))
            patch = self.store.update_networks(
                self.name, set(p.networks), found, events=list(p.said)
            )
            if patch:
                self.emit(patch)
        if p.containers:
            # The states these events say went out as each arrived (_arrive); the list
            # holds them where it is behind.
            behind = await self._refresh_containers(p)
            self._later(planner.state_rechecks(events, behind))
        if p.swarm:
            self.swarm.soon()
        if p.task_news:
            self.swarm_news()
        self._later(planner.unseen_rechecks(events, self.store.current))

    def _later(self, rechecks: list[Recheck]) -> None:
        """Take these events again after their delays (Docker's list behind its events)."""
        if self._queue is None:
            return
        loop = asyncio.get_running_loop()
        for r in rechecks:
            loop.call_later(r.delay, self._queue.put_nowait, r.event)

    async def _refresh_containers(self, p: Plan) -> set[str]:
        """Read the plan's containers with one list call and publish at once, with the
        start and exit times their events gave; return those whose list was behind the
        state their events said. Aliases and exact times (container inspect) follow in the
        background, and only once the list shows what a connect announced: inspect waits
        on Docker's container lock, which the connect holds for up to ~250 ms after its
        event."""
        ids = set(p.containers)
        ticket = self.store.begin_read()
        try:
            views = await self.lister.call(self.client.containers, self._network_ids(), sorted(ids))
            views = await self._with_gateway(views, self.store.current.networks.values())
            # A state an event said while this list was out is newer than its answer: that
            # event's own list call follows.
            newer = self.store.stale(self.name, ids, ticket)
            ids -= newer
            views, behind = planner.reconcile(
                p, ids, [v for v in views if v.container.id not in newer]
            )
            patch = self.store.listed(
                self.name, ids, views, read=ticket, times=p.times, events=list(p.said)
            )
        finally:
            self.store.end_read(ticket)
        if patch:
            self.emit(patch)
        self.inspector.later(planner.details_wanted(p, views))
        return behind

    def cluster_soon(self) -> None:
        """For the hub: a task's container changed somewhere; a manager reads its swarm."""
        state = self.store.current.engines.get(self.name)
        if state is not None and state.manager and self._queue is not None:
            self.swarm.soon()

    async def _with_gateway(self, views: list[ContainerView], networks) -> list[ContainerView]:
        """Add the docker_gwbridge endpoints of containers on overlays: one inspect, made
        only when such a container is among `views`."""
        mine = [n for n in networks if n.on(self.name)]
        gateway = next((n.id for n in mine if n.gateway_bridge), None)
        overlays = {n.id for n in mine if n.driver == "overlay"}
        if not gateway or not any(overlays & set(v.container.networks) for v in views):
            return views
        extra: dict[str, list[Endpoint]] = {}
        for e in await self.lister.call(self.client.gateway_endpoints, gateway):
            extra.setdefault(e.container, []).append(e)
        return [
            replace(v, endpoints=v.endpoints + tuple(extra[v.container.id]))
            if v.container.id in extra and v.container.live
            else v
            for v in views
        ]

    def close(self) -> None:
        self.events.close()
        if self._ping_task is not None:
            self._ping_task.cancel()
        for lane in (self.stopped, self.swarm, self.inspector, self.lister, self.pinger):
            lane.close()
