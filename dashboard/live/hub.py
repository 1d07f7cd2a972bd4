"""The hub that watches: one EngineWatcher per engine, the Store they keep, and the
publisher that sends each patch to the channel layer in version order.

It starts on daphne's loop (see dashboard.asgi); tests may run it on a thread or loop of
their own. With Redis, the process holding the lease runs one (dashboard.live.election)
with `serve_followers`, to serve every dashboard process that follows it
(dashboard.live.interprocess), and a `fence` that every message passes first.
"""

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace

from dashboard.live.base import BaseHub
from dashboard.live.interprocess import Fence, FollowerService
from dashboard.live.messages import GROUP, patch_event
from dashboard.live.watcher import EngineWatcher
from dashboard.topology.records import EngineState
from dashboard.topology.store import Patch, Store, Topology

log = logging.getLogger(__name__)


class Hub(BaseHub):
    def __init__(
        self,
        engines: dict[str, str],
        *,
        channel_layer=None,
        timeout: int = 10,
        resync_seconds: float = 30,
        ping_seconds: float = 1,
        stopped_seconds: float = 1,
        first_version: int = 0,
        seed: Topology | None = None,
        fence: Fence | None = None,
        serve_followers: bool = False,
        heartbeat_seconds: float = 2,
    ):
        """`seed`: what the cache starts from (a taking-over process's copy), so that its
        first sync sends only what changed; `fence`: asked before each message is sent."""
        super().__init__(engines, channel_layer=channel_layer, timeout=timeout)
        self.store = Store(first_version)
        if seed is not None:
            self.store.current = replace(seed, version=first_version)
        self.fence = fence or _always
        # Called with each patch after it is applied, in order, then published; a listener
        # with a `relisted(engine)` method also hears when an engine's relist is done.
        self.listeners: list[Callable[[Patch], None]] = []
        self.closers: list[Callable[[], None]] = []  # run on a thread when the hub stops
        self.heartbeat_seconds = heartbeat_seconds
        self.followers = (
            FollowerService(self.store, channel_layer, self.fence, heartbeat_seconds)
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
                relisted=self._relisted,
                swarm_news=self._swarm_news,
            )
            for name, url in engines.items()
        }
        for name in engines:
            if name not in self.store.current.engines:
                self.store.set_engine(EngineState(id=name))
        self._queue: asyncio.Queue | None = None

    def _swarm_news(self) -> None:
        for w in self.watchers.values():
            w.cluster_soon()

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
        for close in self.closers:
            await asyncio.to_thread(close)

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

    def _relisted(self, engine: str) -> None:
        self._queue.put_nowait(Relisted(engine))

    async def _publisher(self) -> None:
        while True:
            patch = await self._queue.get()
            if isinstance(patch, Relisted):
                for listener in list(self.listeners):
                    if hasattr(listener, "relisted"):
                        listener.relisted(patch.engine)
                continue
            for listener in list(self.listeners):
                try:
                    listener(patch)
                except Exception:  # one bad listener must not stop the rest
                    log.exception("patch listener failed")
            if self.channel_layer is not None:
                try:
                    if await self.fence(patch.version):
                        await self.channel_layer.group_send(GROUP, patch_event(patch))
                except Exception:  # clients resync from the version gap
                    log.exception("publishing patch %d failed", patch.version)


@dataclass(frozen=True)
class Relisted:
    engine: str


async def _always(version: int) -> bool:
    return True
