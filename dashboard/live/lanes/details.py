"""The inspect lane: aliases, exact times and configured ports, which only container
inspect tells, filled in after the list's answer is out."""

import asyncio

from dashboard.engine.errors import EngineError
from dashboard.live.lanes.lane import Lane
from dashboard.topology.records import ContainerView
from dashboard.topology.store import Store


class InspectLane:
    def __init__(self, engine: str, url: str, timeout: int, store: Store, emit) -> None:
        self.lane = Lane(engine, url, timeout, "inspect")
        self.store = store
        self.emit = emit
        self._tasks: set[asyncio.Task] = set()

    def later(self, ids: list[str]) -> None:
        """Inspect `ids` in the background, one after another."""
        if ids:
            task = asyncio.create_task(self._fill(ids))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _fill(self, ids: list[str]) -> None:
        """On a thread of its own so that list calls never queue behind an inspect waiting
        on Docker's container lock; set on the store's *current* records, so a late answer
        cannot undo newer changes (times only move forward)."""
        for cid in ids:
            try:
                fresh = await self.lane.call(self.lane.client.details, cid)
            except EngineError:
                continue  # gone, or the engine is failing: the watch loop will say so
            c = self.store.current.containers.get(cid)
            if c is None:
                continue
            view = ContainerView(c, tuple(self.store.endpoints_of_container(cid)))
            patch = self.store.update_containers({cid}, [view.with_details(fresh)])
            if patch:
                self.emit(patch)

    def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        self.lane.close()
