"""With Redis, every dashboard process is a candidate to watch Docker, and exactly one does:
the holder of the lease (dashboard.live.lease). Every process, the holder too, keeps its
copy of the cache as a follower of what the holder publishes, so pages and sockets work
the same whichever process leads; when the holder dies, another takes the lease when it
runs out and goes on from its own copy.

A new holder starts its versions above anything published before (the version recorded at
the fence, its own copy's, and the clock's milliseconds, for a Redis that lost its keys):
followers and browsers see a gap, take one snapshot, and go on in order.
"""

import asyncio
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable

from dashboard.live.follower import FollowerHub
from dashboard.live.hub import Hub
from dashboard.live.interprocess import stop_if_cancelled
from dashboard.live.lease import Lease

log = logging.getLogger(__name__)

STOP_SECONDS = 3  # a leader's tasks get this long to end when it steps down


class ElectedHub(FollowerHub):
    def __init__(
        self,
        engines: dict[str, str],
        *,
        redis,
        make_leader: Callable[..., Hub],
        lease_seconds: float = 3,
        **follower,
    ):
        """`redis`: a redis.asyncio client; `make_leader(first_version=, seed=, fence=)`
        builds the Hub this process runs while it holds the lease."""
        super().__init__(engines, **follower)
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.lease = Lease(redis, self.holder, lease_seconds)
        self.make_leader = make_leader
        self.leader: Hub | None = None
        self.terms = 0  # how many times this process took the lease

    @property
    def role(self) -> str:
        return "leader" if self.leader is not None else "follower"

    def start(self) -> None:
        if self.loop is not None:
            return
        super().start()
        self._tasks.append(self.loop.create_task(self._campaign(), name="campaign"))

    async def stop(self) -> None:
        """Hand the lease on at once rather than let it run out."""
        if self.leader is not None:
            await self._step_down("this process is stopping")
        await super().stop()

    async def _campaign(self) -> None:
        ttl = self.lease.ttl_ms / 1000
        while True:
            stop_if_cancelled()
            try:
                if self.leader is None:
                    if await self.lease.acquire():
                        await self._lead()
                elif not await self.lease.renew():
                    await self._step_down("another process holds the lease")
            except asyncio.CancelledError:
                raise
            except Exception as e:  # noqa: BLE001 - Redis away: the lease runs out meanwhile
                stop_if_cancelled()
                doing = "renewed" if self.leader else "taken"
                log.warning("the lease could not be %s: %r", doing, e)
            if self.leader is not None and not self.lease.held():
                await self._step_down("the lease ran out before it could be renewed")
            # A holder renews three times a lease; a candidate asks six times, so that it
            # takes over within a sixth of it once the lease is free.
            await asyncio.sleep(ttl / 3 if self.leader is not None else ttl / 6)

    async def _lead(self) -> None:
        seed = self.store.current
        first = 1 + max(await self.lease.last_version(), seed.version, time.time_ns() // 1_000_000)
        hub = self.make_leader(first_version=first, seed=seed, fence=self.lease.fence)
        hub.start()
        self.leader = hub
        self.terms += 1
        log.warning("this process took the lease: it watches the engines and publishes")

    async def _step_down(self, why: str) -> None:
        hub, self.leader = self.leader, None
        log.warning("this process stopped watching: %s", why)
        try:
            async with asyncio.timeout(STOP_SECONDS):
                await hub.stop()
        except TimeoutError:
            log.error("the watchers did not stop within %d s; left behind", STOP_SECONDS)
        try:
            await self.lease.release()
        except Exception as e:  # noqa: BLE001 - it runs out by itself
            log.warning("the lease could not be released: %r", e)
