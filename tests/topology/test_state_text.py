import pytest

from dashboard.topology.records import Container
from dashboard.topology.state_text import duration, state_text

NOW = 1_800_000_000


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"),
        (59, "59 s"),
        (60, "1 min"),
        (3599, "59 min"),
        (3600, "1 h"),
        (47 * 3600, "47 h"),
        (2 * 86400, "2 d"),
        (-5, "0 s"),
    ],
)
def test_it_rounds_a_span_down_to_its_largest_unit(seconds, text):
    assert duration(seconds) == text


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"state": "running", "started_at": NOW - 90}, "running, up 1 min"),
        (
            {"state": "running", "started_at": NOW - 30, "health": "starting"},
            "running, up 30 s (starting)",
        ),
        ({"state": "running"}, "running"),
        ({"state": "paused", "started_at": NOW - 7200}, "paused, up 2 h"),
        ({"state": "exited", "exit_code": 137, "finished_at": NOW - 300}, "exited (137) 5 min ago"),
        ({"state": "exited", "exit_code": 0}, "exited (0)"),
        ({"state": "restarting", "exit_code": 1, "finished_at": NOW - 2}, "restarting (1) 2 s ago"),
        ({"state": "created"}, "created"),
        ({"state": ""}, "unknown"),
    ],
)
def test_it_words_the_state_from_the_facts_at_the_time_asked(fields, text):
    c = Container(id="c", engine="e", name="c", **fields)
    assert state_text(c, NOW) == text


def test_the_same_record_reads_later_as_longer_up():
    c = Container(id="c", engine="e", name="c", state="running", started_at=NOW)
    assert state_text(c, NOW + 5) != state_text(c, NOW + 125)
