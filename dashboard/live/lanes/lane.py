import asyncio
from concurrent.futures import ThreadPoolExecutor

from dashboard.engine.client import EngineClient


class Lane:
    """One engine connection and the one thread its blocking calls run on: calls of a lane
    never overlap, and none of them waits behind another lane's."""

    def __init__(self, engine: str, url: str, timeout: int, kind: str) -> None:
        self.client = EngineClient(engine, url, timeout)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix=f"{kind}-{engine}")

    async def call(self, fn, *args):
        """`fn(*args)` on this lane's thread; `fn` is usually a method of `self.client`,
        looked up by the caller at the time of the call."""
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn, *args)

    def close(self) -> None:
        try:
            self.client.close()
        except Exception:  # noqa: BLE001, S110 - best effort on shutdown
            pass
        self._pool.shutdown(wait=False, cancel_futures=True)


class WithTask:
    """A reader with a lane and at most one background task of its own: stopping cancels
    the task, closing also closes the lane."""

    lane: Lane
    _task: asyncio.Task | None = None

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._task = None

    def close(self) -> None:
        self.stop()
        self.lane.close()
