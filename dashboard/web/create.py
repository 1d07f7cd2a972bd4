"""Creating a network: the form's context (the engine's networks, drivers and the host's
routes), its rules run as the user types, the what-if preview, and the create itself, which
leaves nothing behind when Docker refuses it."""

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dashboard import params
from dashboard.accounts import audit
from dashboard.accounts.roles import operator_required
from dashboard.engine.errors import Conflict, EngineError
from dashboard.live.registry import get_hub
from dashboard.topology import validation
from dashboard.topology.host_routes import host_routes
from dashboard.topology.network_spec import Context
from dashboard.topology.records import CONNECTED
from dashboard.topology.subnet_checks import suggest_subnet
from dashboard.topology.whatif import WhatIf, what_if
from dashboard.web.action_steps import preview_context, recorded_change
from dashboard.web.changes import change_of_create
from dashboard.web.forms import NetworkCreateForm


def _context(engine: str) -> Context:
    hub = get_hub()
    t = hub.current
    state = t.engines.get(engine)
    local = not hub.url_of(engine) or hub.url_of(engine).startswith("unix://")
    return Context(
        networks=[n for n in t.networks.values() if n.on(engine)],
        drivers=state.drivers if state and state.drivers else ("bridge",),
        swarm_active=bool(state and state.swarm == "active"),
        host_routes=host_routes() if local else [],
    )


@operator_required
@require_POST
def network_create_check(request):
    """The create form's own rules, run as the user types (static/js/network-form.js).
    Nothing reaches Docker and nothing is recorded; the real POST validates again."""
    form = NetworkCreateForm(request.POST, **create_form_kwargs(get_hub().current))
    valid = form.is_valid()
    errors = {name: [str(m) for m in messages_] for name, messages_ in form.errors.items()}
    notes = validation.notes(form.spec) if form.spec else []
    if valid:
        notes += _create_preview(form).notes
    return JsonResponse({"errors": errors, "notes": notes})


def _create_preview(form) -> WhatIf:
    return what_if(get_hub().current, change_of_create(form))


def create_form_kwargs(t) -> dict:
    engines = [e for e, s in t.engines.items() if s.status == CONNECTED] or list(t.engines)
    drivers = sorted(
        {d for e in engines for d in (t.engines[e].drivers or ("bridge",))} - {"host", "null"}
    )
    return {"engines": engines, "drivers": drivers, "context_for": _context}


@operator_required
@require_http_methods(["GET", "POST"])
def network_create(request):
    hub = get_hub()
    kwargs = create_form_kwargs(hub.current)
    engines = kwargs["engines"]
    if request.method == "GET":
        try:
            prefix, error = params.integer(request.GET.get("prefix"), "prefix", 24, 8, 30), ""
        except params.BadParameter as e:
            prefix, error = 24, str(e)
        engine = request.GET.get("engine") if request.GET.get("engine") in engines else engines[0]
        suggestion = suggest_subnet(_context(engine), settings.DASHBOARD_SUBNET_POOL, prefix)
        form = NetworkCreateForm(
            initial={"driver": "bridge", "pool1_subnet": suggestion, "engine": engine}, **kwargs
        )
        return render(
            request,
            "networks/create.html",
            {
                "form": form,
                "suggestion": suggestion,
                "prefixes": (16, 20, 22, 24, 26, 28),
                "error": error,
            },
            status=400 if error else 200,
        )
    form = NetworkCreateForm(request.POST, **kwargs)
    if form.is_valid() and request.POST.get("step") == "preview":
        return render(
            request,
            "networks/create.html",
            {"form": form, **preview_context(_create_preview(form))},
        )
    if form.is_valid():
        engine = form.cleaned_data["engine"]
        spec = form.spec.as_engine_spec()
        client = hub.engine_client(engine)
        network_id, error = recorded_change(
            request,
            "network.create",
            lambda: client.create_network(spec),
            engine=engine,
            target=spec["name"],
            parameters=spec,
        )
        if error:
            _remove_half_made(client, spec["name"], get_hub().current)
            suggestion = ""
            if isinstance(error, Conflict) and not error.field:  # a subnet clash
                suggestion = suggest_subnet(_context(engine), settings.DASHBOARD_SUBNET_POOL)
            form.add_error(
                error.field if error.field in form.fields else None,
                error.explained + (f" A free subnet: {suggestion}." if suggestion else ""),
            )
            return render(
                request,
                "networks/create.html",
                {"form": form, "suggestion": suggestion},
                status=400,
            )
        hub.wait_for(lambda t: network_id in t.networks, 2)
        messages.success(request, f"Created network {spec['name']}.")
        for note in validation.notes(form.spec):
            messages.info(request, note)
        return redirect("network_detail", network_id)
    audit.record(
        request,
        "network.create",
        target=request.POST.get("name", "")[:300],
        parameters={k: request.POST.get(k, "")[:300] for k in form.fields},
        outcome="refused",
        message="; ".join(f"{k}: {' '.join(e)}" for k, e in form.errors.items())[:2000],
    )
    return render(request, "networks/create.html", {"form": form}, status=400)


def _remove_half_made(client, name: str, before) -> None:
    """A refused create must leave nothing behind: remove a network of that name that did
    not exist before the attempt (Docker leaves one behind for some refusals, such as an
    IPv4-mapped IPv6 subnet)."""
    try:
        known = set(before.networks)
        for n in client.networks():
            if n.name == name and n.id not in known:
                client.remove_network(n.id)
    except EngineError:
        pass
