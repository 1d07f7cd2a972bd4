"""Recording every change made through the dashboard."""

import logging

from dashboard.accounts.models import AuditEntry
from dashboard.accounts.request_address import client_address

log = logging.getLogger(__name__)


def record(
    request, action: str, *, engine="", target="", parameters=None, outcome="ok", message=""
):
    user = (
        request.user if getattr(request, "user", None) and request.user.is_authenticated else None
    )
    entry = AuditEntry.objects.create(
        user=user,
        username=user.get_username() if user else "(anonymous)",
        action=action,
        engine=engine,
        target=str(target)[:300],
        parameters=parameters or {},
        outcome=outcome,
        message=message,
        address=client_address(request) or None,
    )
    log.info("audit: %s %s %s %s %s", entry.username, action, engine, target, outcome)
    return entry
