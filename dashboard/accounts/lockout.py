"""Password guessing stopped at every door: django-axes counts failures at `authenticate`
itself (the login page, the admin's, any later one), in the database (shared by every
process), per user name and per client address. These are the dashboard's few hooks into it:
the two limits, the lockout page, and the audit entries (the client's address is
`request_address.client_address`)."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

from dashboard.accounts import audit


class LoginLimits(AxesDatabaseHandler):
    """Axes compares one count with one limit (AXES_FAILURE_LIMIT, the per-user one). An
    address may fail more often than a user name (several people behind one NAT), so its
    count is scaled down to the per-user limit before the two are compared."""

    def get_failures(self, request, credentials=None) -> int:
        by_user, by_address = (_sum(a) for a in self.get_user_attempts(request, credentials))
        per_user = settings.AXES_FAILURE_LIMIT
        per_address = settings.DASHBOARD_LOGIN_FAILURES_PER_ADDRESS
        return max(by_user, by_address * per_user // per_address)


def _sum(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def locked_out(request, original_response=None, credentials=None):
    """What a locked-out login attempt gets, at whichever door: the login page, saying so."""
    return render(
        request,
        "registration/login.html",
        {"blocked": True, "minutes": settings.DASHBOARD_LOCKOUT_MINUTES, "next": ""},
        status=429,
    )


def record_failed_login(sender, credentials, request=None, **kwargs):
    """Failed and locked-out logins go into the audit log beside the changes. Connected
    after axes's own receiver, which has marked a request it locks out by then."""
    if request is None:
        return
    username = str((credentials or {}).get("username", ""))[:150]
    locked = bool(getattr(request, "axes_locked_out", False))
    audit.record(
        request,
        "login.locked_out" if locked else "login.failed",
        target=username,
        outcome="refused",
        message=(
            "Too many failed logins: locked out for now."
            if locked
            else "Wrong user name or password."
        )
        + f" Door: {request.path[:100]}",
    )
