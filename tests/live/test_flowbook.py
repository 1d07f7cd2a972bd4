from dashboard.live import flowbook
from dashboard.live.flowbook import FlowBook
from dashboard.topology.flows import Connection

A, B = "a" * 64, "b" * 64


def conn(port):
    return Connection("tcp", "10.1.0.2", port, "10.1.0.3", 80)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_it_gives_what_was_seen_within_the_window_by_container():
    clock = Clock()
    book = FlowBook(keep=3600, clock=clock)
    book.record("e", {A: [(conn(1), False)]})
    clock.now += 120
    book.record("e", {A: [(conn(2), False)], B: [(conn(2), True)]})
    assert book.within("e", 60) == {A: [(conn(2), False)], B: [(conn(2), True)]}
    assert book.within("e", 900) == {A: [(conn(1), False), (conn(2), False)], B: [(conn(2), True)]}
    assert book.within("other", 900) == {}
    assert book.engines() == ["e"]


def test_a_connection_seen_again_is_fresh_and_old_ones_are_forgotten():
    clock = Clock()
    book = FlowBook(keep=100, clock=clock)
    book.record("e", {A: [(conn(1), False), (conn(2), False)]})
    clock.now += 90
    book.record("e", {A: [(conn(1), False)]})
    clock.now += 20  # conn(2) is 110 s old: past what the book keeps
    book.record("e", {})
    assert book.within("e", 1000) == {A: [(conn(1), False)]}


def test_it_holds_at_most_its_bound_dropping_the_oldest(monkeypatch):
    monkeypatch.setattr(flowbook, "MAX_ENTRIES", 3)
    clock = Clock()
    book = FlowBook(keep=3600, clock=clock)
    for port in range(1, 6):
        clock.now += 1
        book.record("e", {A: [(conn(port), False)]})
    assert book.within("e", 3600) == {A: [(conn(p), False) for p in (3, 4, 5)]}
