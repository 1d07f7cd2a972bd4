"""The copy of the cache that every dashboard process keeps with Redis: the process holding
the lease (dashboard.live.election) watches Docker and publishes; this follows from the
same patches the sockets get, so pages and the API read locally as they always do.

It asks the watcher for a snapshot at the start and whenever a patch does not follow on
(a gap, or a watcher that started again: its versions start above the old ones). The
watcher's heartbeat says it lives; without one for a while the engines show as lost.
"""

import asyncio
import json
import logging
from dataclasses import replace

from dashboard.live.base import BaseHub
from dashboard.live.interprocess import REJOIN_SECONDS, stop_if_cancelled
from dashboard.live.messages import GROUP, WATCHER_CHANNEL, WATCHERS_GROUP
from dashboard.topology.records import CONNECTING, DISCONNECTED, EngineState
from dashboard.topology.serialize import patch_from, topology_from

log = logging.getLogger(__name__)

WAITING = "Waiting for the dashboard process that watches Docker."
LOST = "No dashboard process has published for a while; this is the last state seen."
ASK_AGAIN_SECONDS = 2


class FollowerHub(BaseHub):
    role = "follower"

    def __init__(self, engines: dict[str, str], *, channel_layer, timeout=10, watcher_timeout=15):
        super().__init__(engines, channel_layer=channel_layer, timeout=timeout)
        self.watcher_timeout = watcher_timeout
        for name in engines:
            self.store.set_engine(EngineState(id=name, status=CONNECTING, error=WAITING))
        self._version_changed: asyncio.Event | None = None
        self.lost = False
        self._telling: set[asyncio.Task] = set()
        self._announced = 0  # the version the watcher's previous heartbeat gave
        # A heartbeat's version below this copy's: the watcher's line is behind the copy,
        # and only then is a snapshot older than the copy taken.
        self._line_behind: int | None = None

    def start(self) -> None:
        if self.loop is not None:
            return
        self.loop = asyncio.get_running_loop()
        self._version_changed = asyncio.Event()
        self._tasks = [self.loop.create_task(self._follow(), name="follower")]

    async def caught_up(self, version: int, timeout: float = 2.0) -> None:
        """Wait until the copy holds `version`: a socket that sees a gap takes its snapshot
        from this copy, which may be a moment behind the patch that showed the gap."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self.store.version < version and self._version_changed is not None:
            self._version_changed.clear()
            try:
                async with asyncio.timeout(max(0.0, deadline - loop.time())):
                    await self._version_changed.wait()
            except TimeoutError:
                return

    def _changed_now(self) -> None:
        self._notify()
        if self._version_changed is not None:
            self._version_changed.set()

    async def _follow(self) -> None:
        layer = self.channel_layer
        loop = asyncio.get_running_loop()
        channel = await layer.new_channel()
        joined = asked = float("-inf")
        heard = loop.time()
        asking = True
        while True:
            stop_if_cancelled()
            message = None
            try:
                now = loop.time()
                if now - joined > REJOIN_SECONDS:
                    await layer.group_add(GROUP, channel)
                    await layer.group_add(WATCHERS_GROUP, channel)
                    joined = now
                if asking and now - asked > ASK_AGAIN_SECONDS:
                    await layer.send(
                        WATCHER_CHANNEL, {"type": "snapshot.request", "reply": channel}
                    )
                    asked = now
                try:
                    async with asyncio.timeout(1):
                        message = await layer.receive(channel)
                except TimeoutError:
                    pass
            except asyncio.CancelledError:
                raise
            except Exception as e:  # noqa: BLE001 - Redis away: keep trying
                stop_if_cancelled()
                log.warning("following the watcher failed: %s", e)
                await asyncio.sleep(1)
            if message is not None:
                heard = loop.time()
                asking = self._take(message, asking)
            if loop.time() - heard > self.watcher_timeout and not self.lost:
                await self._lose()

    def _take(self, message: dict, asking: bool) -> bool:
        """Apply one message; return whether a snapshot is (still) wanted."""
        kind = message.get("type")
        if kind == "topology.snapshot":
            backwards = message["version"] < self.store.version
            if backwards and (self._line_behind is None or message["version"] < self._line_behind):
                # From a watcher that lost its lease between its fence and its send: every
                # later holder starts above what any earlier one published.
                log.info("dropped a snapshot older than this copy: %d", message["version"])
                return True
            self._line_behind = None
            self.store.current = topology_from(json.loads(message["text"]))
            self._found(tell_sockets=backwards)
            return False
        if kind == "topology.patch":
            if self.lost:
                return True  # the copy's engines say lost: only a snapshot mends that
            if message["version"] <= self.store.version:
                return asking  # already in the copy
            if self.store.follow(patch_from(json.loads(message["text"]))):
                self._changed_now()
                return asking
            return True  # a gap
        if kind == "watcher.heartbeat":
            # Behind what the previous beat announced (a patch went missing), or ahead of
            # the watcher's own line (another watcher published for a moment). Not merely
            # behind this beat: patches made before it may still be on their way.
            announced, self._announced = self._announced, message["version"]
            version = self.store.version
            if version > message["version"]:
                self._line_behind = message["version"]
            return asking or self.lost or version < announced or version > message["version"]
        return asking

    def _found(self, tell_sockets: bool = False) -> None:
        """A snapshot came. The sockets take it too when the watcher had been lost, or when
        versions went backwards (the watcher's own line is behind the copy): they would
        otherwise skip the patches that follow as old ones."""
        if self.lost:
            self.lost = False
            log.info("the watcher process answers again")
            tell_sockets = True
        if tell_sockets:
            task = self.loop.create_task(self._tell_sockets())
            self._telling.add(task)  # held until done: the loop keeps only weak references
            task.add_done_callback(self._telling.discard)
        self._changed_now()

    async def _lose(self) -> None:
        """No word from the watcher: keep the last state, say that it is not live, and
        have this process's sockets show that."""
        log.warning("the watcher process stopped answering")
        self.lost = True
        t = self.store.current
        engines = {k: replace(e, status=DISCONNECTED, error=LOST) for k, e in t.engines.items()}
        self.store.current = replace(t, engines=engines)
        self._changed_now()
        await self._tell_sockets()

    async def _tell_sockets(self) -> None:
        for resnapshot in list(self.resnapshot_listeners):
            try:
                await resnapshot()
            except Exception:  # a closing socket must not stop the rest
                log.exception("sending a fresh snapshot failed")
