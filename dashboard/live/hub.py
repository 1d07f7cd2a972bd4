"""The hub that watches: one EngineWatcher per engine, the Store they keep, and the
publisher that sends each patch to the channel layer in version order.

Daphne has no lifespan hook, so it starts lazily, on daphne's loop, from the first request
or socket (see dashboard.asgi); tests and `manage.py watch` may run it on a thread or loop
of their own. With `serve_followers` (the `watch` command) it also serves the dashboard
processes that follow it through Redis (dashboard.live.interprocess).
"""

import asyncio
import logging
import time
import uuid
from collections.abc import Callable

from dashboard.live.base import BaseHub
from dashboard.live.interprocess import FollowerService
from dashboard.live.messages import GROUP, patch_event
from dashboard.live.watcher import EngineWatcher
from dashboard.topology.records import EngineState
from dashboard.topology.store import Patch, Store

log = logging.getLogger(__name__)


class Hub(BaseHub):
    def __init__(
        self,
        engines: dict[str, str],
        *,
        channel_layer=None,
        timeout: int = 10,
        resync_seconds: float = 30,
        ping_seconds: float = 5,
        stopped_seconds: float = 1,
        first_version: int = 0,
        serve_followers: bool = False,
        heartbeat_seconds: float = 2,
    ):
        super().__init__(engines, channel_layer=channel_layer, timeout=timeout)
        self.store = Store(first_version)
        self.listeners: list[Callable[[Patch], None]] = []
        self.heartbeat_seconds = heartbeat_seconds
        self.followers = (
            FollowerService(
                self.store, channel_layer, (time.time_ns(), uuid.uuid4().hex), heartbeat_seconds
            )
            if serve_followers
            else None
        )
        self.watchers = {
            name: EngineWatcher(
                name,
                url,
                self.store,
                self._emit,
                timeout=timeout,
                resync_seconds=resync_seconds,
                ping_seconds=ping_seconds,
                stopped_seconds=stopped_seconds,
            )
            for name, url in engines.items()
        }
        for name in engines:
            self.store.set_engine(EngineState(id=name))
        self._queue: asyncio.Queue | None = None

    # Starting and stopping
    def start(self) -> None:
        if self.loop is not None:
            return
        self.loop = asyncio.get_running_loop()
        self._queue = asyncio.Queue()
        self._tasks = [self.loop.create_task(self._publisher(), name="hub-publisher")]
        self._tasks += [
            self.loop.create_task(w.run(), name=f"watch-{w.name}") for w in self.watchers.values()
        ]
        if self.followers is not None:
            self._tasks.append(self.loop.create_task(self.followers.run(), name="followers"))

    async def stop(self) -> None:
        await super().stop()
        for w in self.watchers.values():
            w.close()

    async def caught_up(self, version: int, timeout: float = 2.0) -> None:
        """At once: the store changes before its patch is queued, so any version a socket
        has seen is already in this cache."""

    def synced(self, timeout: float = 10.0) -> bool:
        return self.wait_for(
            lambda t: all(w.synced.is_set() for w in self.watchers.values()), timeout
        )

    # Publishing
    def _emit(self, patch: Patch) -> None:
        """Called on the loop right after the store changed: queue in version order."""
        self._queue.put_nowait(patch)
        self._notify()

    async def _publisher(self) -> None:
        while True:
            patch = await self._queue.get()
            for listener in list(self.listeners):
                try:
                    listener(patch)
                except Exception:  # noqa: BLE001 - one bad listener must not stop the rest
                    log.exception("patch listener failed")
            if self.channel_layer is not None:
                try:
                    await self.channel_layer.group_send(GROUP, patch_event(patch))
                except Exception:  # noqa: BLE001 - clients resync from the version gap
                    log.exception("publishing patch %d failed", patch.version)
