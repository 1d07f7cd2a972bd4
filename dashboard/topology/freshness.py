"""Which read may still write which container: the store's freshness rule.

A watcher reads an engine on several connections at once (the event's list call, the
stopped-container poll, a relist), and their answers come back in any order. Each read
takes a ticket, a number from one sequence, when it begins; each write of what the events
said takes one when it is made. A write records its ticket on what it wrote (a relist on
its whole engine); a read's answer about an object written since the read began is older
than what the map shows, and is dropped.
"""


class Freshness:
    def __init__(self) -> None:
        self._seq = 0
        self._out: dict[int, int] = {}  # tickets of the reads still out (a count each)
        self._written: dict[str, int] = {}  # container id: the ticket of its last write
        self._relisted: dict[str, int] = {}  # engine: the ticket of its last relist

    def begin(self) -> int:
        """A ticket for a read about to begin; `end` it when its answer is written or lost."""
        self._seq += 1
        self._out[self._seq] = self._out.get(self._seq, 0) + 1
        return self._seq

    def end(self, ticket: int) -> None:
        left = self._out.pop(ticket, 0) - 1
        if left > 0:
            self._out[ticket] = left
        # A mark no older than every read still out can drop nothing any more (a read
        # begun later has a higher ticket than every mark): forgotten.
        if not self._out:
            self._written.clear()
        else:
            oldest = min(self._out)
            self._written = {k: t for k, t in self._written.items() if t > oldest}

    def now(self) -> int:
        """A ticket for a write no read is behind (what an event said): newer than every
        read begun so far."""
        self._seq += 1
        return self._seq

    def stale(self, engine: str, ids, ticket: int) -> set[str]:
        """The ids among `ids` written since the read with `ticket` began: all of them when
        the engine was relisted since."""
        if self._relisted.get(engine, 0) > ticket:
            return set(ids)
        written = self._written
        return {i for i in ids if written.get(i, 0) > ticket}

    def wrote(self, ids, ticket: int) -> None:
        if self._out:  # with no read out, no read can be older than this write
            for i in ids:
                self._written[i] = max(self._written.get(i, 0), ticket)

    def relisted(self, engine: str, ticket: int) -> None:
        self._relisted[engine] = max(self._relisted.get(engine, 0), ticket)
