"""What pages, the API and the sockets need of a hub, whichever kind runs in this process:
the cache (`current`), Docker clients for their own calls, and waiting for a change to show.

Two kinds: `hub.Hub` watches the engines itself; `follower.FollowerHub` keeps a copy of a
separate watcher process's cache. `registry.get_hub()` gives the process's one.
"""

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable

from dashboard.engine.client import EngineClient
from dashboard.engine.errors import NotFound
from dashboard.live.messages import snapshot_text
from dashboard.topology.store import Store, Topology

PAGE_TIMEOUT = 2  # seconds a request waits for Docker; everything else comes from the cache


class BaseHub:
    role = "watcher"  # what this process does: watcher (alone), or leader or follower

    def __init__(self, engines: dict[str, str], *, channel_layer=None, timeout: int = 10):
        self.store = Store()
        self.channel_layer = channel_layer
        self.loop: asyncio.AbstractEventLoop | None = None
        self._tasks: list[asyncio.Task] = []
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._engines = dict(engines)
        self._timeout = timeout
        self._local = threading.local()
        # This process's sockets, to send a fresh snapshot when the cache changed outside
        # the patch stream: called on the loop, never through the channel layer, which
        # may be what failed.
        self.resnapshot_listeners: set[Callable[[], Awaitable[None]]] = set()
        self._snapshot: tuple[Topology, str] | None = None
        self.snapshots_encoded = 0  # how many times `snapshot()` encoded one

    def url_of(self, engine: str) -> str:
        return self._engines.get(engine, "")

    def engine_client(self, engine: str, timeout: int | None = None) -> EngineClient:
        """A Docker client for calls made from request threads (inspect, create, connect...):
        one per thread, engine and timeout, never shared with the watchers. Pages pass a
        short timeout so that a hung daemon cannot hold them."""
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

    def snapshot(self) -> tuple[int, str]:
        """The cache's snapshot message as sent on the socket, with its version: encoded
        once for each state of the cache, however many sockets ask for it. Keyed by the
        topology itself, not its version: a follower that loses its watcher marks its
        engines lost under the same version."""
        topology = self.store.current
        cached = self._snapshot
        if cached is None or cached[0] is not topology:
            cached = self._snapshot = (topology, snapshot_text(topology))
            self.snapshots_encoded += 1
        return topology.version, cached[1]

    def _notify(self) -> None:
        with self._changed:
            self._changed.notify_all()

    # What each kind of hub does its own way
    def start(self) -> None:
        """Start on the running event loop (daphne's, a test's, or the hub's own thread)."""
        raise NotImplementedError

    async def caught_up(self, version: int, timeout: float = 2.0) -> None:
        """Return once the cache holds `version` (or `timeout` has passed): a socket that
        saw a gap sends its snapshot from the cache after this."""
        raise NotImplementedError

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        self.loop = None

    # Running on a thread of its own (tests, and pages that need no daphne)
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
