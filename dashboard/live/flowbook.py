"""The connections probes reported, each with when it was last seen, kept as long as the
longest window a user may ask for; each engine's host's own addresses as its probe last
said them; and when each engine's probe last reported. In this process's memory by
default; with DASHBOARD_REDIS_URL in Redis (flowbook_redis.py), which every dashboard
process shares, since a probe reports to one of them."""

import threading
import time

from dashboard.live import flow_limits
from dashboard.live.flow_limits import WINDOWS
from dashboard.topology.flows import Connection


class FlowBook:
    def __init__(self, keep: float = max(WINDOWS.values()), clock=time.time) -> None:
        self.keep, self.clock = keep, clock
        self._lock = threading.Lock()
        self._last: dict[str, dict[tuple[str, Connection, bool], float]] = {}
        self._hosts: dict[str, tuple[str, ...]] = {}
        self._reported: dict[str, float] = {}

    def record(
        self,
        engine: str,
        seen: dict[str, list[tuple[Connection, bool]]],
        host_addresses: tuple[str, ...] = (),
    ) -> None:
        now = self.clock()
        with self._lock:
            self._hosts[engine] = tuple(host_addresses)
            self._reported[engine] = now
            book = self._last.setdefault(engine, {})
            for cid, found in seen.items():
                for conn, serving in found:
                    book.pop((cid, conn, serving), None)  # re-inserted last: oldest first
                    book[(cid, conn, serving)] = now
            # Oldest first, as each sighting moves its entry to the end.
            while book:
                oldest = next(iter(book))
                if now - book[oldest] <= self.keep and len(book) <= flow_limits.MAX_ENTRIES:
                    break
                del book[oldest]

    def within(self, engine: str, seconds: float) -> dict[str, list[tuple[Connection, bool]]]:
        """What `engine`'s probe saw in the last `seconds`, by container."""
        since = self.clock() - seconds
        out: dict[str, list[tuple[Connection, bool]]] = {}
        with self._lock:
            for (cid, conn, serving), at in self._last.get(engine, {}).items():
                if at >= since:
                    out.setdefault(cid, []).append((conn, serving))
        return out

    def host_addresses(self, engine: str) -> tuple[str, ...]:
        """`engine`'s host's own addresses, as its probe's last report said them."""
        with self._lock:
            return self._hosts.get(engine, ())

    def last_reports(self) -> dict[str, float]:
        """When each engine's probe last reported (epoch seconds), for those that did
        within what the book keeps (as Redis forgets them then)."""
        since = self.clock() - self.keep
        with self._lock:
            return {e: at for e, at in sorted(self._reported.items()) if at >= since}

    def clear(self) -> None:
        with self._lock:
            self._last.clear()
            self._hosts.clear()
            self._reported.clear()

    def engines(self) -> list[str]:
        with self._lock:
            return sorted(self._last)


_book = None


def get_flowbook():
    """This process's book: a FlowBook, or the RedisFlowBook every process shares."""
    global _book
    if _book is None:
        from django.conf import settings

        if settings.DASHBOARD_REDIS_URL:
            from dashboard.live.flowbook_redis import RedisFlowBook

            _book = RedisFlowBook(settings.DASHBOARD_REDIS_URL)
        else:
            _book = FlowBook()
    return _book
