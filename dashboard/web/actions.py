"""Changing networks: create, delete, connect, disconnect, prune. Every action is a POST
with CSRF, needs the operator role, is recorded in the audit log, and ends in a redirect."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dashboard import params
from dashboard.accounts import audit
from dashboard.accounts.roles import operator_required
from dashboard.engine.errors import Conflict, EngineError
from dashboard.live.registry import get_hub
from dashboard.topology import queries, swarm
from dashboard.topology import validation as v
from dashboard.topology.records import CONNECTED
from dashboard.topology.whatif import Change, WhatIf, describe, what_if
from dashboard.web.changes import change_of_connect, change_of_create
from dashboard.web.forms import ConnectForm, DisconnectForm, NetworkCreateForm, PruneForm


def _preview(w: WhatIf, changed_since: str = "") -> dict:
    """The template context of a what-if preview (templates/networks/_whatif.html)."""
    return {"whatif": w, "whatif_lines": describe(w), "changed_since": changed_since}


def _changed_since(request, w: WhatIf) -> str:
    """ "" when the preview the user confirmed is still what the change does; else why it
    must be looked at again. A POST that saw no preview (a script) is not held back."""
    seen = request.POST.get("preview_digest", "")
    if not seen:
        return ""
    then = request.POST.get("preview_version", "?")
    if seen == w.digest:
        if then != str(w.version):
            messages.info(
                request,
                f"The map changed since the preview (version {then} → {w.version}), but not "
                "what this change does.",
            )
        return ""
    return (
        f"The map changed since the preview (version {then} → {w.version}), and so did what "
        "this change does: here it is again, on the map as it is now. Confirm again to go on."
    )


def delete_problem(t, n) -> str:
    """Why a network cannot be deleted, or "" (the page and /api/reach?change=delete)."""
    if n.predefined:
        return f"{n.name} is one of Docker's predefined networks and cannot be deleted."
    attached = queries.attached(t, n.id)
    if attached:
        names = ", ".join(c.name if c else e.container[:12] for e, c in attached)
        return f"Containers are still attached to {n.name}: {names}. Disconnect them first."
    return ""


def _context(engine: str) -> v.Context:
    hub = get_hub()
    t = hub.current
    state = t.engines.get(engine)
    local = not hub.url_of(engine) or hub.url_of(engine).startswith("unix://")
    return v.Context(
        networks=[n for n in t.networks.values() if n.on(engine)],
        drivers=state.drivers if state and state.drivers else ("bridge",),
        swarm_active=bool(state and state.swarm == "active"),
        host_routes=v.host_routes() if local else [],
    )


def _change(request, action: str, call, *, engine: str, target: str, parameters=None):
    """Make one change in Docker and record it in the audit log, whichever way it goes.
    Returns (Docker's answer, None), or (None, the EngineError) when Docker refused."""
    try:
        answer = call()
    except EngineError as e:
        audit.record(
            request,
            action,
            engine=engine,
            target=target,
            parameters=parameters,
            outcome="failed",
            message=e.docker_message or e.message,
        )
        return None, e
    audit.record(request, action, engine=engine, target=target, parameters=parameters)
    return answer, None


def _network_or_404(network_id):
    n = get_hub().current.networks.get(network_id)
    if n is None:
        raise Http404("No such network")
    return n


@operator_required
@require_POST
def network_create_check(request):
    """The create form's own rules, run as the user types (static/js/network-form.js).
    Nothing reaches Docker and nothing is recorded; the real POST validates again."""
    form = NetworkCreateForm(request.POST, **create_form_kwargs(get_hub().current))
    valid = form.is_valid()
    errors = {name: [str(m) for m in messages_] for name, messages_ in form.errors.items()}
    notes = v.notes(form.spec) if form.spec else []
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
        suggestion = v.suggest_subnet(_context(engine), settings.DASHBOARD_SUBNET_POOL, prefix)
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
            request, "networks/create.html", {"form": form, **_preview(_create_preview(form))}
        )
    if form.is_valid():
        engine = form.cleaned_data["engine"]
        spec = form.spec.as_engine_spec()
        client = hub.engine_client(engine)
        network_id, error = _change(
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
                suggestion = v.suggest_subnet(_context(engine), settings.DASHBOARD_SUBNET_POOL)
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
        for note in v.notes(form.spec):
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


@operator_required
@require_http_methods(["GET", "POST"])
def network_delete(request, network_id):
    n = _network_or_404(network_id)
    t = get_hub().current
    problem = delete_problem(t, n)
    preview = {} if problem else _preview(what_if(t, Change("delete", network=n.id)))
    if request.method == "GET":
        return render(
            request,
            "networks/delete.html",
            {
                "network": n,
                "problem": problem,
                "configured": queries.configured(t, n.id),
                **preview,
            },
        )
    if problem:
        audit.record(
            request,
            "network.delete",
            engine=n.engine,
            target=n.name,
            outcome="refused",
            message=problem,
        )
        messages.error(request, problem)
        return redirect("network_detail", n.id)
    again = _changed_since(request, preview["whatif"])
    if again:
        preview["changed_since"] = again
        context = {"network": n, "configured": queries.configured(t, n.id), **preview}
        return render(request, "networks/delete.html", context, status=409)
    engine = _owner(n)
    _, error = _change(
        request,
        "network.delete",
        lambda: get_hub().engine_client(engine).remove_network(n.id),
        engine=engine,
        target=f"{n.name} ({n.id[:12]})",
    )
    if error:
        messages.error(request, f"Could not delete {n.name}: {error.explained}")
        return redirect("network_detail", n.id)
    get_hub().wait_for(lambda t: n.id not in t.networks, 2)
    messages.success(request, f"Deleted network {n.name}.")
    return redirect("network_list")


def _owner(n) -> str:
    """The engine that removes a network: a swarm's only through a manager."""
    return swarm.manager_for(get_hub().current, n) if n.scope == "swarm" else n.engine


@operator_required
@require_http_methods(["GET", "POST"])
def network_connect(request, network_id):
    n = _network_or_404(network_id)
    if not n.connectable:
        messages.error(
            request,
            f"Containers join {n.name} only when they are created, never by connecting later.",
        )
        return redirect("network_detail", n.id)
    t = get_hub().current
    form = ConnectForm(
        request.POST or None,
        network=n,
        containers=queries.connect_candidates(t, n),
        used=queries.used_addresses(t, n),
    )
    if request.method == "POST" and form.is_valid():
        preview = _preview(what_if(t, change_of_connect(n.id, form.cleaned_data)))
        if request.POST.get("step") == "preview":
            return render(request, "networks/connect.html", {"network": n, "form": form, **preview})
        again = _changed_since(request, preview["whatif"])
        if again:
            preview["changed_since"] = again
            context = {"network": n, "form": form, **preview}
            return render(request, "networks/connect.html", context, status=409)
        cid = form.cleaned_data["container"]
        params = {k: form.cleaned_data[k] for k in ("ipv4", "ipv6", "aliases")}
        name = t.containers[cid].name if cid in t.containers else cid[:12]
        # The container's own engine: a swarm network is on several.
        engine = t.containers[cid].engine if cid in t.containers else n.engine
        _, error = _change(
            request,
            "network.connect",
            lambda: get_hub().engine_client(engine).connect(n.id, cid, **params),
            engine=engine,
            target=f"{name} → {n.name}",
            parameters=params,
        )
        if error:
            form.add_error(None, error.explained)
            return render(
                request, "networks/connect.html", {"network": n, "form": form}, status=400
            )
        get_hub().wait_for(lambda t: n.id in getattr(t.containers.get(cid), "networks", ()), 2)
        messages.success(request, f"Connected {name} to {n.name}.")
        return redirect("network_detail", n.id)
    status = 400 if request.method == "POST" else 200
    return render(request, "networks/connect.html", {"network": n, "form": form}, status=status)


@operator_required
@require_http_methods(["GET", "POST"])
def network_disconnect(request, network_id):
    n = _network_or_404(network_id)
    form = DisconnectForm(request.POST if request.method == "POST" else request.GET)
    t = get_hub().current
    if not form.is_valid():
        messages.error(request, "Choose a container to disconnect.")
        return redirect("network_detail", n.id)
    cid, force = form.cleaned_data["container"], form.cleaned_data["force"]
    c = t.containers.get(cid)
    name = c.name if c else cid[:12]
    preview = {}
    if c is not None and (n.id in c.networks or (n.id, cid) in t.endpoints):
        preview = _preview(what_if(t, Change("disconnect", network=n.id, container=cid)))
    if request.method == "GET":
        context = {"network": n, "container": c, "cid": cid, "force": force, **preview}
        return render(request, "networks/disconnect.html", context)
    again = _changed_since(request, preview["whatif"]) if preview else ""
    if again:
        preview["changed_since"] = again
        context = {"network": n, "container": c, "cid": cid, "force": force, **preview}
        return render(request, "networks/disconnect.html", context, status=409)
    engine = c.engine if c else n.engine  # the container's own: a swarm network is on several
    _, error = _change(
        request,
        "network.disconnect",
        lambda: get_hub().engine_client(engine).disconnect(n.id, cid, force=force),
        engine=engine,
        target=f"{name} ← {n.name}",
        parameters={"force": force},
    )
    if error:
        messages.error(request, f"Could not disconnect {name}: {error.explained}")
        return redirect("network_detail", n.id)
    get_hub().wait_for(lambda t: (n.id, cid) not in t.endpoints, 2)
    messages.success(request, f"Disconnected {name} from {n.name}.")
    return redirect("network_detail", n.id)


@operator_required
@require_http_methods(["GET", "POST"])
def network_prune(request):
    t = get_hub().current
    candidates = queries.prune_candidates(t)
    preview = _preview(what_if(t, Change("prune", networks=tuple(n.id for n in candidates))))
    if request.method == "GET":
        return render(request, "networks/prune.html", {"candidates": candidates, **preview})
    # Only the networks that were shown and confirmed; each checked again just before.
    form = PruneForm(request.POST, candidates=[n for n in t.networks.values()])
    if not form.is_valid():
        messages.error(request, "Nothing was chosen to prune.")
        return redirect("network_prune")
    still_unused = {n.id for n in candidates}
    chosen = tuple(nid for nid in form.cleaned_data["networks"] if nid in still_unused)
    preview = _preview(what_if(t, Change("prune", networks=chosen)))
    again = _changed_since(request, preview["whatif"])
    if again:
        preview["changed_since"] = again
        return render(
            request, "networks/prune.html", {"candidates": candidates, **preview}, status=409
        )
    removed, kept = [], []
    for nid in form.cleaned_data["networks"]:
        n = t.networks[nid]
        if nid not in still_unused:
            kept.append(f"{n.name} (in use now)")
            continue
        try:
            get_hub().engine_client(_owner(n)).remove_network(nid)
            removed.append(n.name)
        except EngineError as e:
            kept.append(f"{n.name} ({e.explained})")
    audit.record(
        request,
        "network.prune",
        target=", ".join(removed)[:300],
        parameters={"networks": form.cleaned_data["networks"]},
        outcome="ok" if not kept else "failed",
        message="; ".join(kept),
    )
    if removed:
        messages.success(request, f"Removed {len(removed)} network(s): {', '.join(removed)}.")
    if kept:
        messages.error(request, f"Kept: {'; '.join(kept)}.")
    return redirect("network_list")
