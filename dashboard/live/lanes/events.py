"""The event lane: Docker's event stream, read by a thread of its own (the stream blocks
and has no read timeout), each event handed to the watcher's loop as it comes."""

import threading

from dashboard.engine.client import EngineClient
from dashboard.engine.errors import EngineError

END = object()  # the stream's last word, sent with its reason
RELIST = object()  # the engine's place in a swarm changed: list everything again


class StreamEnded(Exception):
    pass


class EventLane:
    def __init__(self, engine: str, url: str, timeout: int) -> None:
        self.engine = engine
        self.client = EngineClient(engine, url, timeout)

    def start(self, loop, queue, since: int, arrive) -> None:
        """Follow the stream from `since`: `arrive(queue, event)` on `loop` for each event,
        then (END, reason) into `queue` when it ends."""
        thread = threading.Thread(
            target=self._pump,
            args=(loop, queue, since, arrive),
            daemon=True,
            name=f"events-{self.engine}",
        )
        thread.start()

    def _pump(self, loop, queue, since: int, arrive) -> None:
        reason = "the daemon closed the event stream"
        try:
            for ev in self.client.events(since):
                loop.call_soon_threadsafe(arrive, queue, ev)
        except EngineError as e:
            reason = e.message
        except Exception as e:  # noqa: BLE001 - any failure ends the stream the same way: relist and resume
            reason = f"event stream failed: {e}"
        try:
            loop.call_soon_threadsafe(queue.put_nowait, (END, reason))
        except RuntimeError:
            pass  # the loop is closed: nobody is listening any more

    def stop(self) -> None:
        """Ends the stream at once (its thread then says END)."""
        self.client.close_events()

    def close(self) -> None:
        self.stop()
        try:
            self.client.close()
        except Exception:  # noqa: BLE001, S110 - best effort on shutdown
            pass
