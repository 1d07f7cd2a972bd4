"""Who talks to whom: the probes' reports in, the flows out.

A probe is no user: it proves itself with the shared token (no session, so no CSRF), and
anything else is refused with a log line and nothing kept."""

import hmac
import json
import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from dashboard.accounts.request_address import client_address
from dashboard.api.views import api_login_required
from dashboard.live.flow_limits import SILENT_AFTER, WINDOWS
from dashboard.live.flowbook import get_flowbook
from dashboard.live.flowbook_redis import FlowBookUnavailable
from dashboard.live.registry import get_hub
from dashboard.topology.flow_report import ReportError, decode
from dashboard.topology.flows import flows as flows_of

log = logging.getLogger(__name__)


def _refused(request, status: int, message: str) -> JsonResponse:
    log.warning("probe report from %s refused: %s", client_address(request), message)
    return JsonResponse({"error": message}, status=status)


@csrf_exempt  # the token, sent by a program and never by a browser, is the proof
@require_POST
def probe_report(request):
    token = settings.DASHBOARD_PROBE_TOKEN
    if not token:
        return _refused(request, 403, "Probes are off here: set DASHBOARD_PROBE_TOKEN.")
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return _refused(request, 401, "The probe's token is missing or wrong.")
    try:
        doc = json.loads(request.body)
        engine, seen, host_addresses = decode(doc, settings.DASHBOARD_ENGINES)
    except RequestDataTooBig:
        return _refused(request, 413, "The report is larger than DATA_UPLOAD_MAX_MEMORY_SIZE.")
    except (ValueError, RecursionError) as e:  # ReportError, and JSON that does not parse
        said = str(e) if isinstance(e, ReportError) else "The report is not JSON."
        return _refused(request, 400, said)
    try:
        get_flowbook().record(engine, seen, host_addresses)
    except FlowBookUnavailable as e:
        log.warning("a probe's report could not be kept: Redis did not answer (%s)", e)
        return _unavailable()
    return HttpResponse(status=204)


def _unavailable() -> JsonResponse:
    said = "Flows are kept in Redis, which did not answer; try again in a moment."
    return JsonResponse({"error": said}, status=503, headers={"Retry-After": "5"})


def _peer(peer, t) -> dict:
    c = t.containers.get(peer.id) if peer.kind == "container" else None
    return {"kind": peer.kind, "id": peer.id, "name": c.name if c else ""}


@api_login_required
@require_GET
def flows(request):
    """The flows seen in the last `window` (1m, 15m or 1h; 1m when not given), and when
    each engine's probe last reported: one silent for longer than SILENT_AFTER has stopped,
    and its flows only age out."""
    window = request.GET.get("window", "").strip() or "1m"
    if window not in WINDOWS:
        return JsonResponse({"error": f"window: one of {', '.join(WINDOWS)}."}, status=400)
    t, book = get_hub().current, get_flowbook()
    try:
        seen = {
            e: (book.within(e, WINDOWS[window]), book.host_addresses(e)) for e in book.engines()
        }
        reported = book.last_reports()
    except FlowBookUnavailable as e:
        log.warning("flows could not be read: Redis did not answer (%s)", e)
        return _unavailable()
    out = []
    for engine, (sightings, host_addresses) in seen.items():
        for f in flows_of(sightings, t, engine, host_addresses):
            out.append(
                {
                    "engine": engine,
                    "client": _peer(f.client, t),
                    "server": _peer(f.server, t),
                    "proto": f.proto,
                    "port": f.port,
                    "connections": f.connections,
                }
            )
    return JsonResponse({"window": window, "flows": out, "probes": _probes(reported, book.clock())})


def _probes(reported: dict[str, float], now: float) -> list[dict]:
    """Each probe's last report, and how long ago by this clock (the browser's may differ)."""
    return [
        {
            "engine": engine,
            "last_report": at,
            "age": max(0, round(now - at)),
            "silent": now - at > SILENT_AFTER,
        }
        for engine, at in sorted(reported.items())
    ]
