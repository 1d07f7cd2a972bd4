"""What browsers report back: Content-Security-Policy violations, logged so that a page
that breaks the policy is noticed rather than silently blocked."""

import json
import logging

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

log = logging.getLogger(__name__)

MAX_REPORT = 16 * 1024
FIELDS = (
    "document-uri",
    "violated-directive",
    "effective-directive",
    "blocked-uri",
    "source-file",
    "line-number",
    "script-sample",
)


@csrf_exempt  # the browser sends these on its own, with no token (and maybe no session)
@require_POST
def csp_report(request):
    """A report in the `report-uri` form: {"csp-report": {...}}. Logged field by field as
    Python literals (page text and URLs are hostile), never stored; always 204."""
    body = request.body[:MAX_REPORT]
    try:
        report = json.loads(body).get("csp-report")
    except (ValueError, AttributeError):
        report = None
    if not isinstance(report, dict):
        log.warning("unreadable CSP report (%d bytes)", len(request.body))
        return HttpResponse(status=204)
    parts = ", ".join(f"{k}={str(report.get(k, ''))[:300]!r}" for k in FIELDS if k in report)
    log.warning("CSP violation: %s", parts)
    return HttpResponse(status=204)
