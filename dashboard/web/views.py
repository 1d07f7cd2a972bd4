"""Server-rendered pages. Each reads the hub's cache; none calls Docker except the raw
inspect document on a network's page."""

import json
import time

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render

from dashboard import params
from dashboard.accounts.models import AuditEntry
from dashboard.engine.errors import EngineError
from dashboard.history import queries as history
from dashboard.history.queries import Filters
from dashboard.live.base import PAGE_TIMEOUT
from dashboard.live.registry import get_hub
from dashboard.topology import egress, exposure, queries, swarm
from dashboard.topology.naming import shell_note
from dashboard.topology.pool_gateways import pool_gateways
from dashboard.topology.records import CONNECTED
from dashboard.topology.state_text import state_text
from dashboard.web import insights

# The map page's last resort when its loader did not come (map.html): it loads again, this
# many times at most (counted in `reload`, so that without JavaScript it stops).
MAP_RELOADS = 5


@login_required
def home(request):
    try:
        tries = params.integer(request.GET.get("reload"), "reload", default=0, minimum=0)
    except params.BadParameter:
        tries = 0  # a count the page did not write: start it again
    again = ""
    if tries < MAP_RELOADS:
        # The rest of the query is the view (filters, folding, selection, zoom, time;
        # static/js/url-state.js): the page loaded again shows the same.
        query = request.GET.copy()
        query["reload"] = str(tries + 1)
        again = "?" + query.urlencode()
    return render(request, "map.html", {"reload_url": again})


@login_required
def network_list(request):
    t = get_hub().current
    by_network = queries.endpoints_by_network(t)
    rows = [
        (row, pool_gateways(row.network, by_network.get(row.network.id, ())))
        for row in queries.network_rows(t)
    ]
    return render(
        request, "networks/list.html", {"rows": rows, "warnings": insights.current_warnings()}
    )


def _one_or_choice(request, found: list, kind: str, ref: str, view: str):
    """A page addressed as the docker CLI addresses things (id, name or id prefix): the
    object's own page under its id, a page that asks which one when the name is on several
    engines, or 404."""
    if not found:
        raise Http404(f"No {kind} {ref}")
    if len(found) > 1:
        return render(
            request, "choose.html", {"kind": kind, "ref": ref, "found": found, "view": view}
        )
    if found[0].id != ref:
        return redirect(view, found[0].id)
    return None


PORT_SORTS = {
    "host": lambda r: r.sort_key,
    "container": lambda r: (r.container.name, r.sort_key),
    "engine": lambda r: r.sort_key,
    "kind": lambda r: (r.kind, r.sort_key),
}


@login_required
def ports(request):
    """Every published port on every engine, the ports only exposed, the containers in the
    host's network, and the host ports two containers ask for; with a "who holds port N?"."""
    t = get_hub().current
    every_row = exposure.port_rows(t)
    rows = every_row
    q = request.GET.get("q", "").strip().lower()
    if q:
        rows = [r for r in rows if q in _port_row_text(r).lower()]
    sort = request.GET.get("sort", "host")
    rows = sorted(rows, key=PORT_SORTS.get(sort, PORT_SORTS["host"]))
    lookup = request.GET.get("port", "").strip()
    held, error = None, ""
    try:
        port = params.integer(lookup, "port", None, 1, 65535)
    except params.BadParameter as e:
        port, error = None, str(e)
    if port is not None:
        protocol = request.GET.get("protocol", "tcp")
        held = {
            engine: exposure.who_holds(every_row, engine, port, protocol) for engine in t.engines
        }
    names = {n.id: n.name for n in t.networks.values()}
    return render(
        request,
        "ports.html",
        {
            "rows": [
                (r, ", ".join(names.get(n, n[:12]) for n in r.container.networks)) for r in rows
            ],
            "q": q,
            "sort": sort,
            "lookup": lookup,
            "held": held,
            "error": error,
            "conflicts": sum(1 for r in rows if r.conflicts),
        },
        status=400 if error else 200,
    )


def _port_row_text(r) -> str:
    return " ".join([r.container.name, r.container.engine, r.kind, str(r.binding or "")])


@login_required
def network_detail(request, network_id):
    hub = get_hub()
    t = hub.current
    found = t.networks_named(network_id)
    answer = _one_or_choice(request, found, "network", network_id, "network_detail")
    if answer is not None:
        return answer
    network = found[0]
    raw, raw_error, peers = "", "", []
    # A swarm network is asked of a manager: its verbose inspect lists every node's peers.
    asked = swarm.manager_for(t, network) if network.scope == "swarm" else network.engine
    engine = t.engines.get(asked)
    if engine is None or engine.status != CONNECTED:
        raw_error = "The engine is not answering; the raw document needs it."
    else:
        try:
            client = hub.engine_client(asked, timeout=PAGE_TIMEOUT)
            inspect = client.inspect_network(network.id, verbose=engine.manager)
            raw = json.dumps(inspect, indent=2)
            peers = swarm.peers(inspect)
        except EngineError as e:
            raw_error = e.message
    return render(
        request,
        "networks/detail.html",
        {
            "network": network,
            "pools": pool_gateways(network, t.endpoints_of_network(network.id)),
            "attached": queries.attached(t, network.id),
            "configured": queries.configured(t, network.id),
            "raw": raw,
            "raw_error": raw_error,
            "engine": t.engines.get(network.engine),
            "history": _recent(Filters(network=network.id)),
            "peers": peers,
            "members": swarm.members(t, network.id),
            "vips": swarm.vips(t, network.id),
            "way_out": egress.network_way_out(t, network),
            "shell_note": shell_note(network.name),
        },
    )


@login_required
def container_detail(request, container_id):
    t = get_hub().current
    found = t.containers_named(container_id)
    answer = _one_or_choice(request, found, "container", container_id, "container_detail")
    if answer is not None:
        return answer
    container = found[0]
    return render(
        request,
        "containers/detail.html",
        {
            "container": container,
            "state_text": state_text(container, time.time()),
            "networks": queries.container_networks(t, container),
            "outside": egress.to_outside(t, container),
            "history": _recent(Filters(container=container.id)),
        },
    )


def _recent(f: Filters, count: int = 10) -> list[dict]:
    """An object's latest recorded changes, for its page."""
    return history.described(list(history.changes(f)[:count]))


@login_required
def timeline(request):
    """Every recorded change, newest first, filtered and paged; gaps say what a relist
    found across them."""
    t = get_hub().current
    errors = []
    try:
        f = history.filters_from(request.GET)
    except ValueError as e:
        f = Filters()
        errors.append(str(e))
    try:
        number = params.integer(request.GET.get("page"), "page", 1, minimum=1)
    except params.BadParameter as e:
        number = 1
        errors.append(str(e))
    page = Paginator(history.changes(f), 50).get_page(number)
    return render(
        request,
        "history.html",
        {
            "page": page,
            "changes": history.described(list(page.object_list)),
            "filters": f,
            "query": {k: request.GET.get(k, "") for k in ("since", "until")},
            "errors": errors,
            "engines": sorted(t.engines),
            "kinds": (*history.OBJECT_KINDS, *history.CHANGE_KINDS),
            "live_networks": set(t.networks),
            "live_containers": set(t.containers),
        },
        status=400 if errors else 200,
    )


@login_required
def audit_log(request):
    entries = AuditEntry.objects.all()
    filters = {k: request.GET.get(k, "").strip() for k in ("user", "action", "outcome", "q")}
    if filters["user"]:
        entries = entries.filter(username=filters["user"])
    if filters["action"]:
        entries = entries.filter(action=filters["action"])
    if filters["outcome"]:
        entries = entries.filter(outcome=filters["outcome"])
    if filters["q"]:
        entries = entries.filter(
            Q(target__icontains=filters["q"]) | Q(message__icontains=filters["q"])
        )
    error = ""
    try:
        number = params.integer(request.GET.get("page"), "page", 1, minimum=1)
    except params.BadParameter as e:
        number, error = 1, str(e)
    page = Paginator(entries, 50).get_page(number)
    return render(
        request,
        "audit.html",
        {
            "page": page,
            "error": error,
            "filters": filters,
            "actions": AuditEntry.objects.order_by().values_list("action", flat=True).distinct(),
            "users": AuditEntry.objects.order_by().values_list("username", flat=True).distinct(),
        },
        status=400 if error else 200,
    )
