"""Every time and number the API reads: a value it cannot use (out of range, not finite,
negative, huge, not a number) is refused with 400 and a message saying what a valid one
looks like; never a 500. Valid and empty values still answer."""

import json
import zlib
from datetime import UTC, datetime

import pytest

from dashboard.history.models import Snapshot
from dashboard.topology.serialize import topology_dict
from tests.harness.bad_values import BAD_NUMBERS, BAD_TIMES, TIME_HINT

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(hub):
    """History that begins in 2026: one snapshot of the map now."""
    data = json.dumps(topology_dict(hub.current)).encode()
    Snapshot.objects.create(at=datetime(2026, 1, 1, tzinfo=UTC), change=0, data=zlib.compress(data))


def refused(response, name: str, words: str) -> str:
    assert response.status_code == 400, response.content[:300]
    error = response.json()["error"]
    assert error.startswith(f"{name}: ") and words in error, error
    return error


@pytest.mark.parametrize(("value", "words"), BAD_TIMES)
def test_topology_at_a_time_it_cannot_represent_is_refused(op_client, recorded, value, words):
    error = refused(op_client.get("/api/topology", {"at": value}), "at", words)
    assert TIME_HINT in error


@pytest.mark.parametrize("name", ["since", "until"])
@pytest.mark.parametrize(("value", "words"), BAD_TIMES)
def test_history_since_and_until_it_cannot_represent_are_refused(
    op_client, recorded, name, value, words
):
    error = refused(op_client.get("/api/history", {name: value}), name, words)
    assert TIME_HINT in error


@pytest.mark.parametrize("name", ["from", "to"])
@pytest.mark.parametrize(("value", "words"), [*BAD_TIMES, ("", "is required")])
def test_compare_from_and_to_it_cannot_represent_are_refused(
    op_client, recorded, name, value, words
):
    query = {"from": "2026-06-01T00:00:00Z", "to": "2026-06-02T00:00:00Z", name: value}
    response = op_client.get("/api/history/compare", query)
    if words == "is required":
        assert response.status_code == 400
        assert response.json()["error"] == f"{name} is required: {TIME_HINT}."
    else:
        assert TIME_HINT in refused(response, name, words)


@pytest.mark.parametrize(("value", "words"), [*BAD_NUMBERS, ("501", "out of range")])
def test_history_per_page_outside_1_to_500_is_refused(op_client, recorded, value, words):
    error = refused(op_client.get("/api/history", {"per_page": value}), "per_page", words)
    assert error.endswith("give a whole number from 1 to 500.")


@pytest.mark.parametrize(("value", "words"), BAD_NUMBERS)
def test_history_page_that_is_not_a_page_number_is_refused(op_client, recorded, value, words):
    error = refused(op_client.get("/api/history", {"page": value}), "page", words)
    assert error.endswith("give a whole number of at least 1.")


def test_a_page_past_the_last_says_which_is_the_last(op_client, recorded):
    response = op_client.get("/api/history", {"page": "7"})
    assert response.status_code == 400
    assert response.json()["error"] == "page: 7 is past the last page (1)."


def test_valid_and_empty_values_still_answer(op_client, recorded, hub):
    now = op_client.get("/api/topology", {"at": ""})
    assert now.status_code == 200 and now.json()["version"] == hub.current.version
    for at in ("2026-06-01T00:00:00Z", "1780000000", "1780000000.25", "2026-06-01T02:00+02:00"):
        then = op_client.get("/api/topology", {"at": at})
        assert then.status_code == 200, then.content[:300]
        assert {n["id"] for n in then.json()["networks"]} == set(hub.current.networks)
    before = op_client.get("/api/topology", {"at": "0"})
    assert before.status_code == 404 and "History begins at 2026-01-01" in before.json()["error"]
    listed = op_client.get(
        "/api/history",
        {"since": "0", "until": "9999-12-31T23:59:59Z", "page": "1", "per_page": "500"},
    )
    assert listed.status_code == 200 and listed.json()["page"] == 1
    blank = op_client.get("/api/history", {"since": "", "until": "", "page": "", "per_page": ""})
    assert blank.status_code == 200 and blank.json()["page"] == 1
    compared = op_client.get(
        "/api/history/compare", {"from": "2026-06-01T00:00:00", "to": "1780000000"}
    )
    assert compared.status_code == 200
    assert compared.json()["networks"] == {"appeared": [], "vanished": []}
