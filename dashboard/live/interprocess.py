"""The protocol between the process that watches (the lease holder, dashboard.live.election)
and the dashboard processes that follow it through Redis: snapshots on request and a
heartbeat with the current version, each sent only while the lease is held. The
follower's side is dashboard.live.follower."""

import asyncio
import logging
from collections.abc import Awaitable, Callable

from dashboard.live.messages import WATCHER_CHANNEL, WATCHERS_GROUP, topology_event
from dashboard.topology.store import Store

log = logging.getLogger(__name__)

# Whether this process may still publish, recording `version` as published when it may.
Fence = Callable[[int], Awaitable[bool]]

REJOIN_SECONDS = 3600  # channel layers forget group members after a day: join again well before


def stop_if_cancelled() -> None:
    """redis-py may swallow a cancellation, or turn it into its own TimeoutError. Loops that
    talk to Redis call this on every round, so a cancelled task ends all the same."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


class FollowerService:
    """The watcher's side: answers followers' snapshot requests and tells them now and
    then that it lives and which version it is at. `fence(version)` says whether this
    process may still send as the watcher."""

    def __init__(self, store: Store, layer, fence: Fence, heartbeat_seconds: float):
        self.store = store
        self.layer = layer
        self.fence = fence
        self.heartbeat_seconds = heartbeat_seconds

    async def run(self) -> None:
        await asyncio.gather(self._answer_snapshots(), self._heartbeat())

    async def _answer_snapshots(self) -> None:
        while True:
            stop_if_cancelled()
            try:
                request = await self.layer.receive(WATCHER_CHANNEL)
                wanted = request.get("type") == "snapshot.request" and request.get("reply")
                if wanted and await self.fence(self.store.version):
                    # Sent in line with the patches: the follower gets this snapshot before
                    # any patch made after it.
                    await self.layer.send(request["reply"], topology_event(self.store.current))
            except asyncio.CancelledError:
                raise
            except Exception:  # Redis away for a moment: try again
                stop_if_cancelled()
                log.exception("answering a follower failed")
                await asyncio.sleep(1)

    async def _heartbeat(self) -> None:
        while True:
            stop_if_cancelled()
            try:
                beat = {"type": "watcher.heartbeat", "version": self.store.version}
                if await self.fence(beat["version"]):
                    await self.layer.group_send(WATCHERS_GROUP, beat)
            except asyncio.CancelledError:
                raise
            except Exception:  # followers call the engines lost meanwhile
                stop_if_cancelled()
                log.exception("heartbeat failed")
            await asyncio.sleep(self.heartbeat_seconds)
