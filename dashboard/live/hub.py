"""The process-wide set of watchers and the Store they keep, and the publisher that sends
each patch to the channel layer in version order.

Daphne has no lifespan hook, so the hub starts lazily, on its own event loop, from the first
request or socket (see dashboard.asgi). Tests and management commands may run it on a
thread of its own instead.
"""

import asyncio
import logging
import threading
import time
import uuid
from collections.abc import Callable

from dashboard.engine.client import EngineClient
from dashboard.engine.errors import NotFound
from dashboard.live.messages import (
    GROUP,
    WATCHER_CHANNEL,
    WATCHERS_GROUP,
    patch_event,
    topology_event,
)
from dashboard.live.watcher import EngineWatcher
from dashboard.topology.records import EngineState
from dashboard.topology.store import Patch, Store, Topology

log = logging.getLogger(__name__)

PAGE_TIMEOUT = 2  # seconds a request waits for Docker; everything else comes from the cache


async def another_watcher(layer, seconds: float) -> bool:
    """Whether a watcher's heartbeat is heard within `seconds` (before this one publishes)."""
    channel = await layer.new_channel()
    await layer.group_add(WATCHERS_GROUP, channel)
    try:
        async with asyncio.timeout(seconds):
            while True:
                if (await layer.receive(channel)).get("type") == "watcher.heartbeat":
                    return True
    except TimeoutError:
        return False
    finally:
        await layer.group_discard(WATCHERS_GROUP, channel)


def stop_if_cancelled() -> None:
    """redis-py may swallow a cancellation, or turn it into its own TimeoutError (seen
    here: `watch` hung on SIGTERM). Loops that talk to Redis call this on every round, so
    a cancelled task ends all the same."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


class BaseHub:
    """What pages, the API and the sockets need of a hub: the cache (`current`), clients for
    their own Docker calls, and waiting for a change to show."""

    def __init__(self, engines: dict[str, str], *, channel_layer=None, timeout: int = 10):
        self.store = Store()
        self.channel_layer = channel_layer
        self.listeners: list[Callable[[Patch], None]] = []
        self.watchers: dict = {}
        self.loop: asyncio.AbstractEventLoop | None = None
        self._tasks: list[asyncio.Task] = []
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._engines = dict(engines)
        self._timeout = timeout
        self._local = threading.local()

    def url_of(self, engine: str) -> str:
        return self._engines.get(engine, "")

    def reader(self, engine: str, timeout: int | None = None) -> EngineClient:
        """A client for calls made from request threads (inspect, create, connect...): one
        per thread, engine and timeout, never shared with the watchers. Pages pass a short
        timeout so that a hung daemon cannot hold them."""
        if engine not in self._engines:
            raise NotFound(f"No engine named {engine!r}.")
        clients = self._local.__dict__.setdefault("clients", {})
        key = (engine, timeout or self._timeout)
        if key not in clients:
            clients[key] = EngineClient(engine, self._engines[engine], key[1])
        return clients[key]

    @property
    def current(self) -> Topology:
        return self.store.current

    def _notify(self) -> None:
        with self._changed:
            self._changed.notify_all()

    async def caught_up(self, version: int, timeout: float = 2.0) -> None:
        """Wait (on the loop) until the cache holds `version`: at once here, where the
        cache changes before its patch goes out."""

    def start(self) -> None:
        raise NotImplementedError

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        self.loop = None

    def start_in_thread(self) -> None:
        """Start on an event loop of the hub's own, in a daemon thread."""
        ready = threading.Event()

        def main():
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            loop.call_soon(lambda: (self.start(), ready.set()))
            loop.run_forever()

        self._thread = threading.Thread(target=main, daemon=True, name="hub")
        self._thread.start()
        ready.wait(5)

    def stop_thread(self) -> None:
        loop = self.loop
        if loop is None:
            return
        asyncio.run_coroutine_threadsafe(self.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        if self._thread:
            self._thread.join(5)

    # Waiting, for views after a change and for tests
    def wait_for(self, predicate: Callable[[Topology], bool], timeout: float = 2.0) -> bool:
        """Block (not on the loop) until the store satisfies `predicate`, or time runs out."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate(self.store.current):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(min(left, 0.1))
        return True


class Hub(BaseHub):
    """The watchers of every engine, the Store they keep, and the publisher of its patches.
    With `serve_followers` (the `watch` command), it also answers follower processes."""

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
        self.serve_followers = serve_followers
        self.heartbeat_seconds = heartbeat_seconds
        # Who this watcher is, so that a second `watch` on the same Redis can tell.
        self.instance = (time.time_ns(), uuid.uuid4().hex)
        self.rival = asyncio.Event()  # set when an older watcher is heard: this one must go
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
        """Start on the running event loop (daphne's, or a test's)."""
        if self.loop is not None:
            return
        self.loop = asyncio.get_running_loop()
        self._queue = asyncio.Queue()
        self._tasks = [self.loop.create_task(self._publisher(), name="hub-publisher")]
        self._tasks += [
            self.loop.create_task(w.run(), name=f"watch-{w.name}") for w in self.watchers.values()
        ]
        if self.serve_followers:
            self._tasks.append(self.loop.create_task(self._serve_followers(), name="followers"))

    async def stop(self) -> None:
        await super().stop()
        for w in self.watchers.values():
            w.close()

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

    async def _serve_followers(self) -> None:
        """Answer followers' snapshot requests; and tell them now and then that this process
        lives and which version it is at (a follower that missed a patch asks again)."""
        await asyncio.gather(self._answer_snapshots(), self._heartbeat(), self._hear_rivals())

    async def _hear_rivals(self) -> None:
        """Two watchers would publish two version lines to the same sockets. The younger
        one hears the older one's heartbeat and sets `rival`; `watch` then stops."""
        channel = await self.channel_layer.new_channel()
        joined = float("-inf")
        loop = asyncio.get_running_loop()
        while not self.rival.is_set():
            stop_if_cancelled()
            try:
                if loop.time() - joined > 3600:  # before the layer's group expiry
                    await self.channel_layer.group_add(WATCHERS_GROUP, channel)
                    joined = loop.time()
                beat = await self.channel_layer.receive(channel)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - Redis away for a moment: try again
                stop_if_cancelled()
                await asyncio.sleep(1)
                continue
            other = tuple(beat.get("watcher") or ())
            if other and other < self.instance:
                log.error("another watcher (started %s) publishes here", other[0])
                self.rival.set()

    async def _answer_snapshots(self) -> None:
        while True:
            stop_if_cancelled()
            try:
                request = await self.channel_layer.receive(WATCHER_CHANNEL)
                if request.get("type") == "snapshot.request" and request.get("reply"):
                    # Sent in line with the patches: the follower gets this snapshot before
                    # any patch made after it.
                    await self.channel_layer.send(
                        request["reply"], topology_event(self.store.current)
                    )
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - Redis away for a moment: try again
                stop_if_cancelled()
                log.exception("answering a follower failed")
                await asyncio.sleep(1)

    async def _heartbeat(self) -> None:
        while True:
            stop_if_cancelled()
            try:
                beat = {
                    "type": "watcher.heartbeat",
                    "version": self.store.version,
                    "watcher": list(self.instance),
                }
                await self.channel_layer.group_send(WATCHERS_GROUP, beat)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - followers call the engines lost meanwhile
                stop_if_cancelled()
                log.exception("heartbeat failed")
            await asyncio.sleep(self.heartbeat_seconds)

    def synced(self, timeout: float = 10.0) -> bool:
        return self.wait_for(
            lambda t: all(w.synced.is_set() for w in self.watchers.values()), timeout
        )


_hub: BaseHub | None = None
_lock = threading.Lock()


def get_hub() -> BaseHub:
    """The process's hub, built from settings on first use (not started): the watchers
    themselves, or with DASHBOARD_REDIS_URL a follower of the `watch` process."""
    global _hub
    with _lock:
        if _hub is None:
            from channels.layers import get_channel_layer
            from django.conf import settings

            if settings.DASHBOARD_REDIS_URL:
                from dashboard.live.follower import FollowerHub

                _hub = FollowerHub(
                    settings.DASHBOARD_ENGINES,
                    channel_layer=get_channel_layer(),
                    timeout=settings.DASHBOARD_DOCKER_TIMEOUT,
                    watcher_timeout=settings.DASHBOARD_WATCHER_TIMEOUT,
                )
            else:
                _hub = hub_from_settings()
        return _hub


def hub_from_settings(**extra) -> Hub:
    """A Hub that watches the engines the settings name (this process's, or `watch`'s)."""
    from channels.layers import get_channel_layer
    from django.conf import settings

    return Hub(
        settings.DASHBOARD_ENGINES,
        channel_layer=get_channel_layer(),
        timeout=settings.DASHBOARD_DOCKER_TIMEOUT,
        resync_seconds=settings.DASHBOARD_RESYNC_SECONDS,
        ping_seconds=settings.DASHBOARD_PING_SECONDS,
        stopped_seconds=settings.DASHBOARD_STOPPED_POLL_SECONDS,
        **extra,
    )


def set_hub(hub: BaseHub | None) -> None:
    """Replace the process's hub (tests)."""
    global _hub
    with _lock:
        _hub = hub
