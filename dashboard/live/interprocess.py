"""The protocol between a watcher process (`manage.py watch`) and the dashboard processes
that follow it through Redis: snapshots on request, a heartbeat with the current version,
and one watcher at a time. The follower's side is dashboard.live.follower."""

import asyncio
import logging

from dashboard.live.messages import WATCHER_CHANNEL, WATCHERS_GROUP, topology_event
from dashboard.topology.store import Store

log = logging.getLogger(__name__)

REJOIN_SECONDS = 3600  # channel layers forget group members after a day: join again well before


def stop_if_cancelled() -> None:
    """redis-py may swallow a cancellation, or turn it into its own TimeoutError. Loops that
    talk to Redis call this on every round, so a cancelled task ends all the same."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


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


class FollowerService:
    """The watcher's side: answers followers' snapshot requests, tells them now and then
    that it lives and which version it is at, and listens for a rival watcher."""

    def __init__(self, store: Store, layer, instance: tuple, heartbeat_seconds: float):
        self.store = store
        self.layer = layer
        self.instance = instance  # (start time in ns, random id): the older one wins
        self.heartbeat_seconds = heartbeat_seconds
        self.rival = asyncio.Event()  # set when an older watcher is heard: this one must go

    async def run(self) -> None:
        await asyncio.gather(self._answer_snapshots(), self._heartbeat(), self._hear_rivals())

    async def _hear_rivals(self) -> None:
        """Two watchers would publish two version lines to the same sockets. The younger
        one hears the older one's heartbeat and sets `rival`; `watch` then stops."""
        channel = await self.layer.new_channel()
        joined = float("-inf")
        loop = asyncio.get_running_loop()
        while not self.rival.is_set():
            stop_if_cancelled()
            try:
                if loop.time() - joined > REJOIN_SECONDS:
                    await self.layer.group_add(WATCHERS_GROUP, channel)
                    joined = loop.time()
                beat = await self.layer.receive(channel)
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
                request = await self.layer.receive(WATCHER_CHANNEL)
                if request.get("type") == "snapshot.request" and request.get("reply"):
                    # Sent in line with the patches: the follower gets this snapshot before
                    # any patch made after it.
                    await self.layer.send(request["reply"], topology_event(self.store.current))
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
                await self.layer.group_send(WATCHERS_GROUP, beat)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - followers call the engines lost meanwhile
                stop_if_cancelled()
                log.exception("heartbeat failed")
            await asyncio.sleep(self.heartbeat_seconds)
