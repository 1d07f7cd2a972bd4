"""Whether an engine's containers or networks changed since the probe last listed them:
Docker's event stream, read by a thread of its own with a connection of its own. Listing
a thousand containers each second would cost the probe more than all the rest of its
work; an event costs nothing until it comes."""

import logging
import threading
import time

from dashboard.engine.client import EngineClient
from dashboard.engine.errors import EngineError

log = logging.getLogger("dashboard.probe")

# Events are asked for from a little before the stream opens: a daemon whose clock is
# behind the probe's still sends what happened as it opened (a repeat costs one relist).
SKEW_NANOS = 5_000_000_000


class Changes:
    def __init__(self, client: EngineClient, retry: float = 1.0) -> None:
        self._client = EngineClient(client.name, client.url, client.timeout)
        self._changed = threading.Event()
        self._changed.set()  # nothing listed yet
        self._stop = threading.Event()
        self._retry = retry
        self._thread = threading.Thread(target=self._main, name="docker-events", daemon=True)
        self._thread.start()

    def take(self) -> bool:
        """True once after each change (and while the stream is down: then every call)."""
        changed = self._changed.is_set()
        self._changed.clear()
        return changed

    def close(self) -> None:
        self._stop.set()
        self._client.close_events()
        self._thread.join(timeout=5)
        self._client.close()

    def _main(self) -> None:
        while not self._stop.is_set():
            try:
                for _ in self._client.events(time.time_ns() - SKEW_NANOS):
                    self._changed.set()
                    if self._stop.is_set():
                        return
            except EngineError as e:
                log.debug("probe: Docker's events broke off: %s", e)
            self._changed.set()  # what happened while the stream was down is unknown
            self._stop.wait(self._retry)
