"""A request that waited longer than the database pool allows for a connection (a crowd at
the login form, with every connection busy hashing passwords) is told the truth: busy, try
again shortly (503 with Retry-After), never an internal error."""

from django.db import OperationalError
from django.http import HttpResponse
from django.utils.deprecation import MiddlewareMixin

try:
    from psycopg_pool import PoolTimeout
except ImportError:  # SQLite only: no pool, nothing to wait for
    PoolTimeout = None

RETRY_AFTER_SECONDS = 5
MESSAGE = (
    "The dashboard is busy: every one of its database connections is in use. "
    f"Try again in {RETRY_AFTER_SECONDS} seconds.\n"
)


def pool_ran_out(exception: BaseException) -> bool:
    """Django's OperationalError raised for psycopg_pool's PoolTimeout."""
    return (
        PoolTimeout is not None
        and isinstance(exception, OperationalError)
        and isinstance(exception.__cause__, PoolTimeout)
    )


class BusyMiddleware(MiddlewareMixin):
    # Plain text, made without the database (a page would read the session again).
    def process_exception(self, request, exception):
        if not pool_ran_out(exception):
            return None
        response = HttpResponse(MESSAGE, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
