"""The flow book, in this process's memory and in Redis (several dashboard processes),
held to the same sentences."""

import uuid

import pytest

from dashboard.live import flow_limits
from dashboard.live.flowbook import FlowBook
from dashboard.live.flowbook_redis import FlowBookUnavailable, RedisFlowBook
from dashboard.topology.flows import Connection

A, B = "a" * 64, "b" * 64


def conn(port):
    return Connection("tcp", "10.1.0.2", port, "10.1.0.3", 80)


@pytest.fixture(params=["memory", "redis"])
def make_book(request):
    """A book of either kind; the Redis ones of a test under a prefix of their own."""
    if request.param == "memory":
        yield FlowBook
        return
    url = request.getfixturevalue("redis_url")
    prefix = f"test:{uuid.uuid4().hex}:"
    made = []

    def make(**kw):
        made.append(RedisFlowBook(url, prefix=prefix, **kw))
        return made[-1]

    yield make
    for book in made:
        book.clear()


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_it_gives_what_was_seen_within_the_window_by_container(make_book):
    clock = Clock()
    book = make_book(keep=3600, clock=clock)
    book.record("e", {A: [(conn(1), False)]})
    clock.now += 120
    book.record("e", {A: [(conn(2), False)], B: [(conn(2), True)]})
    assert book.within("e", 60) == {A: [(conn(2), False)], B: [(conn(2), True)]}
    assert book.within("e", 900) == {A: [(conn(1), False), (conn(2), False)], B: [(conn(2), True)]}
    assert book.within("other", 900) == {}
    assert book.engines() == ["e"]


def test_a_connection_seen_again_is_fresh_and_old_ones_are_forgotten(make_book):
    clock = Clock()
    book = make_book(keep=100, clock=clock)
    book.record("e", {A: [(conn(1), False), (conn(2), False)]})
    clock.now += 90
    book.record("e", {A: [(conn(1), False)]})
    clock.now += 20  # conn(2) is 110 s old: past what the book keeps
    book.record("e", {})
    assert book.within("e", 1000) == {A: [(conn(1), False)]}


def test_it_holds_at_most_its_bound_dropping_the_oldest(make_book, monkeypatch):
    monkeypatch.setattr(flow_limits, "MAX_ENTRIES", 3)
    clock = Clock()
    book = make_book(keep=3600, clock=clock)
    for port in range(1, 6):
        clock.now += 1
        book.record("e", {A: [(conn(port), False)]})
    assert book.within("e", 3600) == {A: [(conn(p), False) for p in (3, 4, 5)]}


def test_books_in_one_redis_share_what_either_was_told(redis_url):
    prefix = f"test:{uuid.uuid4().hex}:"
    one, other = RedisFlowBook(redis_url, prefix=prefix), RedisFlowBook(redis_url, prefix=prefix)
    try:
        one.record("e", {A: [(conn(1), False)]})
        other.record("f", {B: [(conn(2), True)]})
        assert other.within("e", 60) == {A: [(conn(1), False)]}
        assert one.within("f", 60) == {B: [(conn(2), True)]}
        assert one.engines() == other.engines() == ["e", "f"]
    finally:
        one.clear()


def test_a_redis_that_does_not_answer_is_said_so():
    book = RedisFlowBook("redis://127.0.0.1:1/0")  # nothing listens on port 1
    with pytest.raises(FlowBookUnavailable):
        book.record("e", {A: [(conn(1), False)]})
    with pytest.raises(FlowBookUnavailable):
        book.engines()


def test_it_keeps_each_engines_host_addresses_as_its_last_report_said(make_book):
    book = make_book()
    assert book.host_addresses("e") == ()
    book.record("e", {A: [(conn(1), False)]}, ("192.0.2.2", "2001:db8::2"))
    book.record("f", {}, ("198.51.100.7",))
    assert book.host_addresses("e") == ("192.0.2.2", "2001:db8::2")
    book.record("e", {}, ("192.0.2.3",))
    assert book.host_addresses("e") == ("192.0.2.3",)
    assert book.host_addresses("f") == ("198.51.100.7",)
    book.record("f", {})  # a probe from before host addresses
    assert book.host_addresses("f") == ()


def test_it_keeps_when_each_engines_probe_last_reported_for_as_long_as_the_rest(make_book):
    clock = Clock()
    book = make_book(keep=100, clock=clock)
    assert book.last_reports() == {}
    book.record("e", {A: [(conn(1), False)]})
    clock.now += 30
    book.record("f", {})  # a report with nothing seen is a report still
    assert book.last_reports() == {"e": 1000.0, "f": 1030.0}
    clock.now += 5
    book.record("e", {})
    assert book.last_reports() == {"e": 1035.0, "f": 1030.0}
    if isinstance(book, FlowBook):  # Redis forgets by its own clock: in memory, by the book's
        clock.now += 71
        book.record("e", {})
        clock.now += 30  # f's report is 106 s old: past what the book keeps
        assert book.last_reports() == {"e": 1106.0}
