"""The JSON API: the same cache as the pages, in the shape of dashboard.topology.serialize."""

from functools import wraps

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpResponse, JsonResponse

from dashboard import params
from dashboard.api.egress import egress_dict
from dashboard.api.whatif import preview
from dashboard.engine.errors import EngineError
from dashboard.history import queries as history
from dashboard.history import replay
from dashboard.live.base import PAGE_TIMEOUT
from dashboard.live.registry import get_hub
from dashboard.topology import exposure, serialize
from dashboard.topology.egress import to_outside
from dashboard.topology.export import diagram, drawio, mermaid, svg
from dashboard.topology.inbound import from_outside
from dashboard.topology.pool_gateways import pool_gateways
from dashboard.topology.reachability import explain, reachable_from
from dashboard.topology.records import CONNECTED
from dashboard.topology.view import Filters
from dashboard.web import insights


def api_login_required(view):
    """401 as JSON, not a redirect to the login page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse({"error": "Log in first."}, status=401)
        return view(request, *args, **kwargs)

    return wrapper


def _not_one(kind: str, ref: str, found: list) -> JsonResponse:
    """404 for nothing; 409 with the candidates when `ref` names several (a name on several
    engines, or a short id prefix)."""
    if not found:
        return JsonResponse({"error": f"No {kind} {ref!r}."}, status=404)
    return JsonResponse(
        {
            "error": f"{ref!r} names {len(found)} {kind}s; use an id.",
            "candidates": [{"id": o.id, "engine": o.engine, "name": o.name} for o in found],
        },
        status=409,
    )


@api_login_required
def topology(request):
    """The map now, or with `at` (ISO 8601 or epoch seconds) as it was then."""
    if not request.GET.get("at", "").strip():
        return JsonResponse(serialize.topology_dict(get_hub().current))
    try:
        state = history.state_at(history.parse_time(request.GET["at"], "at"))
    except ValueError as e:
        return JsonResponse({"error": str(e)}, status=400)
    except history.TooFarBack as e:
        return JsonResponse({"error": str(e)}, status=404)
    return JsonResponse(replay.listed(state))


@api_login_required
def history_list(request):
    """Recorded changes, newest first: engine, network, container, kind (network,
    container, endpoint, engine, node, service, task, gap or begin), since, until; page and
    per_page (1 to 500)."""
    try:
        found = history.changes(history.filters_from(request.GET))
        per_page = params.integer(request.GET.get("per_page"), "per_page", 50, 1, 500)
        number = params.integer(request.GET.get("page"), "page", 1, minimum=1)
    except ValueError as e:
        return JsonResponse({"error": str(e)}, status=400)
    paginator = Paginator(found, per_page)
    try:
        page = paginator.page(number)
    except EmptyPage:
        last = paginator.num_pages
        return JsonResponse(
            {"error": f"page: {number} is past the last page ({last})."}, status=400
        )
    return JsonResponse(
        {
            "changes": history.described(list(page.object_list)),
            "page": page.number,
            "pages": page.paginator.num_pages,
            "total": page.paginator.count,
        }
    )


@api_login_required
def history_compare(request):
    """What appeared, vanished or moved between `from` and `to`."""
    try:
        start, end = (history.parse_time(request.GET.get(k), k) for k in ("from", "to"))
        return JsonResponse(history.compare(start, end))
    except ValueError as e:
        return JsonResponse({"error": str(e)}, status=400)
    except history.TooFarBack as e:
        return JsonResponse({"error": str(e)}, status=404)


EXPORTS = {
    "svg": (svg.write, "image/svg+xml"),
    "mmd": (mermaid.write, "text/vnd.mermaid; charset=utf-8"),
    "drawio": (drawio.write, "application/vnd.jgraph.mxfile; charset=utf-8"),
}


@api_login_required
def topology_export(request, fmt):
    """The map's view as a diagram (`.svg`, `.mmd`, `.drawio`), with the map's filters as
    query parameters: hide_stopped, hide_hostnone, driver, label, only_exposed, project."""
    if fmt not in EXPORTS:
        return JsonResponse({"error": f"No export as {fmt!r}: svg, mmd or drawio."}, status=404)
    write, content_type = EXPORTS[fmt]
    text = write(diagram.build(get_hub().current, Filters.from_query(request.GET)))
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="docker-networks.{fmt}"'
    return response


@api_login_required
def network(request, ref):
    hub = get_hub()
    t = hub.current
    found = t.networks_named(ref)
    if len(found) != 1:
        return _not_one("network", ref, found)
    n = found[0]
    data = serialize.network_dict(n)
    endpoints = t.endpoints_of_network(n.id)
    data["endpoints"] = [serialize.endpoint_dict(e) for e in endpoints]
    # A pool whose IPAM config has no gateway gets the one its endpoints report.
    for pool, shown in zip(data["ipam"], pool_gateways(n, endpoints), strict=True):
        pool["gateway_from_endpoints"] = shown.gateway if shown.from_endpoints else ""
    try:
        data["inspect"] = hub.engine_client(n.engine, timeout=PAGE_TIMEOUT).inspect_network(n.id)
    except EngineError as e:
        data["inspect"], data["inspect_error"] = None, e.message
    return JsonResponse(data)


@api_login_required
def container(request, ref):
    t = get_hub().current
    found = t.containers_named(ref)
    if len(found) != 1:
        return _not_one("container", ref, found)
    c = found[0]
    data = serialize.container_dict(c)
    data["endpoints"] = [serialize.endpoint_dict(e) for e in t.endpoints_of_container(c.id)]
    return JsonResponse(data)


def healthz(request):
    hub = get_hub()
    engines = hub.current.engines
    ok = bool(engines) and all(e.status == CONNECTED for e in engines.values())
    return JsonResponse(
        {
            "status": "ok" if ok else "degraded",
            "engines": {k: e.status for k, e in engines.items()},
            "role": hub.role,
            "history": history.recent_footprint(),
        }
    )


@api_login_required
def ports(request):
    """What the Ports page lists, as JSON: one row per binding, exposed port and
    host-network container, with the containers each published one collides with."""
    rows = exposure.port_rows(get_hub().current)
    return JsonResponse(
        {
            "ports": [
                {
                    "engine": r.container.engine,
                    "container": r.container.id,
                    "name": r.container.name,
                    "kind": r.kind,
                    "binding": serialize.port_dict(r.binding) if r.binding else None,
                    "conflicts": list(r.conflicts),
                }
                for r in rows
            ]
        }
    )


@api_login_required
def warnings(request):
    """Warnings before things break: what is wrong, why it matters, what to do."""
    found = insights.current_warnings()
    return JsonResponse({"warnings": [serialize.warning_dict(w) for w in found]})


@api_login_required
def reach(request):
    """`?a=X&b=Y`: whether X and Y can talk, and why; `?a=X`: what X can reach, and
    whether it reaches out; `?a=X&from=outside`: whether the outside reaches X, and how;
    `?a=X&to=outside`: whether X reaches out, through which gateway; `?change=...`: what
    a change would do (see dashboard.api.whatif)."""
    t = get_hub().current
    if "change" in request.GET:
        return preview(request, t)
    a = t.find_container(request.GET.get("a", ""))
    if a is None:
        return JsonResponse({"error": "No such container (a)."}, status=404)
    if request.GET.get("from") == "outside":
        v = from_outside(t, a)
        return JsonResponse(
            {
                "container": a.id,
                "outside": True,
                "reachable": v.reachable,
                "ways": v.ways,
                "reasons": v.reasons,
            }
        )
    if request.GET.get("to") == "outside":
        return JsonResponse(egress_dict(to_outside(t, a)))
    if not request.GET.get("b"):
        return JsonResponse(
            {
                "container": a.id,
                "reachable": sorted(reachable_from(t, a)),
                "outside": egress_dict(to_outside(t, a)),
            }
        )
    b = t.find_container(request.GET["b"])
    if b is None:
        return JsonResponse({"error": "No such container (b)."}, status=404)
    v = explain(t, a, b)
    return JsonResponse(
        {
            "a": a.id,
            "b": b.id,
            "reachable": v.reachable,
            "by_name": v.by_name,
            "names": v.names,
            "shared": [
                {
                    "network": s.network.id,
                    "name": s.network.name,
                    "a_address": s.a_address,
                    "b_address": s.b_address,
                    "traffic": s.traffic,
                    "dns": s.dns,
                    "names": s.names,
                    "plugin": s.plugin,
                }
                for s in v.shared
            ],
            "reasons": v.reasons,
        }
    )
