"""The stopped poll's lane: `docker network connect` and `disconnect` on a stopped
container emit no event until it starts, so the containers that are not running are listed
again every second (one list call, growing with the engine: on a connection of its own,
so that no event waits behind it)."""

import asyncio

from dashboard.engine.errors import EngineError
from dashboard.live.lanes.lane import Lane, WithTask
from dashboard.topology.store import Store

STOPPED_STATES = ("created", "exited", "dead")


class StoppedPoll(WithTask):
    def __init__(self, engine: str, url: str, timeout: int, store: Store, emit, network_ids):
        self.engine = engine
        self.lane = Lane(engine, url, timeout, "poll")
        self.store = store
        self.emit = emit
        self.network_ids = network_ids  # () -> {name: id} of the engine's networks
        self._task: asyncio.Task | None = None

    def due(self) -> None:
        """Poll now in the background, unless the last poll is still out."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._poll())

    async def _poll(self) -> None:
        """Only the containers it returns are written: one that started meanwhile has its
        own event queued behind this, and the store drops this answer where any event's
        read, or a relist, begun after it has written."""
        mine = self.store.current.containers.values()
        if not any(c.engine == self.engine and not c.live for c in mine):
            return
        ticket = self.store.begin_read()
        try:
            client = self.lane.client
            views = await self.lane.call(
                client.containers, self.network_ids(), None, STOPPED_STATES
            )
            ids = {v.container.id for v in views}
            patch = self.store.listed(self.engine, ids, views, read=ticket, mark=False)
        except EngineError:
            return  # the watch loop hears of a failing engine from the stream and the ping
        finally:
            self.store.end_read(ticket)
        if patch:
            self.emit(patch)
