"""The pages' times and numbers: a value they cannot use is answered 400 with the page
itself and a message (a form error) saying what a valid one looks like; never a 500."""

import html

import pytest

from tests.harness.bad_values import BAD_NUMBERS, BAD_TIMES, TIME_HINT

pytestmark = pytest.mark.django_db


def form_error(response, name: str, words: str) -> str:
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    errors = [e for e in page.split('<p class="error" role="alert">')[1:]]
    assert errors, "the page shows the error"
    error = errors[0].split("</p>")[0]
    assert error.startswith(f"{name}: ") and words in error, error
    return error


@pytest.mark.parametrize("name", ["since", "until"])
@pytest.mark.parametrize(("value", "words"), BAD_TIMES)
def test_the_history_page_shows_a_time_it_cannot_represent_as_a_form_error(
    viewer_client, hub, name, value, words
):
    response = viewer_client.get("/history/", {name: value})
    assert TIME_HINT in form_error(response, name, words)
    assert 'id="timeline"' in response.content.decode()  # the page itself, not an error page


@pytest.mark.parametrize(("value", "words"), BAD_NUMBERS)
def test_the_history_page_refuses_a_page_that_is_not_a_page_number(
    viewer_client, hub, value, words
):
    form_error(viewer_client.get("/history/", {"page": value}), "page", words)


def test_the_history_page_takes_valid_and_empty_times(viewer_client, hub):
    for query in (
        {"since": "", "until": ""},
        {"since": "2026-11-28T10:32", "until": "2026-11-28T10:33:05"},  # as the form sends
        {"since": "0", "until": "253402300799"},
        {"page": "3"},  # past the last: the last
    ):
        response = viewer_client.get("/history/", query)
        assert response.status_code == 200, query
        assert 'class="error"' not in response.content.decode()


@pytest.mark.parametrize(("value", "words"), [*BAD_NUMBERS, ("65536", "out of range")])
def test_the_ports_page_refuses_a_port_that_is_no_port(viewer_client, hub, value, words):
    error = form_error(viewer_client.get("/ports/", {"port": value}), "port", words)
    assert error.endswith("give a whole number from 1 to 65535.")


def test_the_ports_page_answers_a_valid_port(viewer_client, hub):
    response = viewer_client.get("/ports/", {"port": "65535"})
    assert response.status_code == 200 and 'id="lookup-answer"' in response.content.decode()
    assert viewer_client.get("/ports/", {"port": ""}).status_code == 200


@pytest.mark.parametrize(("value", "words"), BAD_NUMBERS)
def test_the_audit_log_refuses_a_page_that_is_not_a_page_number(op_client, value, words):
    form_error(op_client.get("/audit/", {"page": value}), "page", words)
    assert op_client.get("/audit/", {"page": "1"}).status_code == 200


@pytest.mark.parametrize(("value", "words"), [*BAD_NUMBERS, ("31", "out of range")])
def test_the_create_form_refuses_a_prefix_it_cannot_plan(op_client, hub, value, words):
    response = op_client.get("/networks/new/", {"prefix": value})
    error = form_error(response, "prefix", words)
    assert error.endswith("give a whole number from 8 to 30.")
    assert response.context["suggestion"].endswith("/24")  # the form still offers one
