"""A database pool that ran out answers 503 with Retry-After; other errors are left alone."""

import pytest
from django.db import OperationalError
from django.test import RequestFactory
from psycopg_pool import PoolTimeout

from dashboard.web.busy import BusyMiddleware


def middleware():
    return BusyMiddleware(lambda request: None)


def test_it_answers_a_pool_timeout_with_503_and_when_to_retry():
    try:
        try:
            raise PoolTimeout("couldn't get a connection after 10.00 sec")
        except PoolTimeout as e:
            raise OperationalError(*e.args) from e  # as Django wraps it
    except OperationalError as e:
        response = middleware().process_exception(RequestFactory().post("/login/"), e)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "busy" in response.content.decode()


@pytest.mark.parametrize(
    "error", [OperationalError("server closed the connection"), RuntimeError("bug")]
)
def test_it_leaves_other_errors_alone(error):
    assert middleware().process_exception(RequestFactory().get("/"), error) is None
