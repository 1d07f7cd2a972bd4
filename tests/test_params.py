"""The one reader of numbers and times from requests: what it takes, and what it refuses
with a message saying what a valid value looks like."""

from datetime import UTC, datetime

import pytest

from dashboard import params
from dashboard.params import BadParameter


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1764325920", datetime(2025, 11, 28, 10, 32, tzinfo=UTC)),
        ("1764325920.5", datetime(2025, 11, 28, 10, 32, 0, 500000, tzinfo=UTC)),
        (" 0 ", datetime(1970, 1, 1, tzinfo=UTC)),
        ("2026-11-28T10:32:00Z", datetime(2026, 11, 28, 10, 32, tzinfo=UTC)),
        ("2026-11-28T10:32:00", datetime(2026, 11, 28, 10, 32, tzinfo=UTC)),  # no offset: UTC
        ("2026-11-28T11:32:00+01:00", datetime(2026, 11, 28, 10, 32, tzinfo=UTC)),
        ("2026-11-28T10:32", datetime(2026, 11, 28, 10, 32, tzinfo=UTC)),  # datetime-local
        ("9999-12-31T23:59:59Z", params.LATEST),
    ],
)
def test_it_reads_a_time_as_iso_8601_or_epoch_seconds_in_utc(text, expected):
    got = params.moment(text, "at")
    assert got == expected and got.utcoffset().total_seconds() == 0


HOSTILE_TIMES = [
    ("1e300", "out of range"),
    ("-1e20", "out of range"),
    ("-1", "out of range"),
    ("99999999999999", "out of range"),
    ("253402300800", "out of range"),  # a second past year 9999
    ("1e400", "out of range"),  # float() makes it inf
    ("inf", "not a time"),
    ("-Infinity", "not a time"),
    ("nan", "not a time"),
    ("١٧٦٤٣٢٥٩٢٠", "not a time"),  # digits float() takes, but not ASCII
    ("1_764_325_920", "not a time"),
    ("0x10", "not a time"),
    ("yesterday", "not a time"),
    ("2026-13-01", "not a time"),
    ("1969-12-31T23:59:59Z", "out of range"),
    ("0001-01-01T00:00:00+01:00", "out of range"),  # past year 1 once in UTC
    ("9999-12-31T23:59:59-01:00", "out of range"),  # past year 9999 once in UTC
    ("9" * 5000, "out of range"),
]


@pytest.mark.parametrize(("text", "words"), HOSTILE_TIMES)
def test_it_refuses_a_time_it_cannot_represent_and_says_what_a_valid_one_is(text, words):
    with pytest.raises(BadParameter) as e:
        params.moment(text, "since")
    message = str(e.value)
    assert message.startswith("since: ") and words in message
    assert "ISO 8601 (2026-11-28T10:32:00Z) or epoch seconds from 0 to 253402300799" in message
    assert len(message) < 200  # a huge value is shown cut short


def test_an_empty_time_is_required_or_absent():
    with pytest.raises(BadParameter, match="from is required: give ISO 8601"):
        params.moment("  ", "from")
    assert params.optional_moment("", "since") is None
    assert params.optional_moment(None, "since") is None
    assert params.optional_moment("0", "since") == datetime(1970, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"), [("1", 1), ("500", 500), (" 42 ", 42), ("+7", 7), ("007", 7)]
)
def test_it_reads_a_whole_number_within_its_range(text, expected):
    assert params.integer(text, "per_page", 50, 1, 500) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("0", "0 is out of range"),
        ("-3", "-3 is out of range"),
        ("501", "501 is out of range"),
        ("99999999999999999999", "is out of range"),
        ("9" * 5000, "is out of range"),
        ("1e3", "is not a whole number"),
        ("2.5", "is not a whole number"),
        ("nan", "is not a whole number"),
        ("inf", "is not a whole number"),
        ("²", "is not a whole number"),  # str.isdigit() says yes; int() raises
        ("١٢", "is not a whole number"),
        ("1_0", "is not a whole number"),
        ("ten", "is not a whole number"),
    ],
)
def test_it_refuses_what_is_not_a_whole_number_in_range(text, words):
    with pytest.raises(BadParameter) as e:
        params.integer(text, "per_page", 50, 1, 500)
    message = str(e.value)
    assert message.startswith("per_page: ") and words in message
    assert message.endswith("give a whole number from 1 to 500.")


def test_an_empty_number_takes_its_default_or_is_required():
    assert params.integer("", "page", 1, minimum=1) == 1
    assert params.integer(None, "page", None, minimum=1) is None
    with pytest.raises(BadParameter, match="port is required: give a whole number from 1 to 9"):
        params.integer(" ", "port", minimum=1, maximum=9)
    with pytest.raises(BadParameter, match="give a whole number of at least 1"):
        params.integer("0", "page", 1, minimum=1)
