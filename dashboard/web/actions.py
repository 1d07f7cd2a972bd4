"""Changing networks: delete, connect, disconnect, prune (create: create.py). Every action is
a POST with CSRF, needs the operator role, is recorded in the audit log, and ends in a
redirect."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dashboard.accounts import audit
from dashboard.accounts.roles import operator_required
from dashboard.engine.errors import EngineError
from dashboard.live.registry import get_hub
from dashboard.topology import queries, swarm
from dashboard.topology.whatif import Change, what_if
from dashboard.web.action_steps import (
    changed_since_preview,
    network_or_404,
    preview_context,
    recorded_change,
)
from dashboard.web.changes import change_of_connect
from dashboard.web.forms import ConnectForm, DisconnectForm, PruneForm


def delete_problem(t, n) -> str:
    """Why a network cannot be deleted, or "" (the page and /api/reach?change=delete)."""
    if n.predefined:
        return f"{n.name} is one of Docker's predefined networks and cannot be deleted."
    attached = queries.attached(t, n.id)
    if attached:
        names = ", ".join(c.name if c else e.container[:12] for e, c in attached)
        return f"Containers are still attached to {n.name}: {names}. Disconnect them first."
    return ""


@operator_required
@require_http_methods(["GET", "POST"])
def network_delete(request, network_id):
    n = network_or_404(network_id)
    t = get_hub().current
    problem = delete_problem(t, n)
    preview = {} if problem else preview_context(what_if(t, Change("delete", network=n.id)))
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
    again = changed_since_preview(request, preview["whatif"])
    if again:
        preview["changed_since"] = again
        context = {"network": n, "configured": queries.configured(t, n.id), **preview}
        return render(request, "networks/delete.html", context, status=409)
    engine = _owner(n)
    _, error = recorded_change(
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
    n = network_or_404(network_id)
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
        preview = preview_context(what_if(t, change_of_connect(n.id, form.cleaned_data)))
        if request.POST.get("step") == "preview":
            return render(request, "networks/connect.html", {"network": n, "form": form, **preview})
        again = changed_since_preview(request, preview["whatif"])
        if again:
            preview["changed_since"] = again
            context = {"network": n, "form": form, **preview}
            return render(request, "networks/connect.html", context, status=409)
        cid = form.cleaned_data["container"]
        params = {k: form.cleaned_data[k] for k in ("ipv4", "ipv6", "aliases")}
        name = t.containers[cid].name if cid in t.containers else cid[:12]
        # The container's own engine: a swarm network is on several.
        engine = t.containers[cid].engine if cid in t.containers else n.engine
        _, error = recorded_change(
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
    n = network_or_404(network_id)
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
        preview = preview_context(what_if(t, Change("disconnect", network=n.id, container=cid)))
    if request.method == "GET":
        context = {"network": n, "container": c, "cid": cid, "force": force, **preview}
        return render(request, "networks/disconnect.html", context)
    again = changed_since_preview(request, preview["whatif"]) if preview else ""
    if again:
        preview["changed_since"] = again
        context = {"network": n, "container": c, "cid": cid, "force": force, **preview}
        return render(request, "networks/disconnect.html", context, status=409)
    engine = c.engine if c else n.engine  # the container's own: a swarm network is on several
    _, error = recorded_change(
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
    preview = preview_context(what_if(t, Change("prune", networks=tuple(n.id for n in candidates))))
    if request.method == "GET":
        return render(request, "networks/prune.html", {"candidates": candidates, **preview})
    # Only the networks that were shown and confirmed; each checked again just before.
    form = PruneForm(request.POST, candidates=[n for n in t.networks.values()])
    if not form.is_valid():
        messages.error(request, "Nothing was chosen to prune.")
        return redirect("network_prune")
    still_unused = {n.id for n in candidates}
    chosen = tuple(nid for nid in form.cleaned_data["networks"] if nid in still_unused)
    preview = preview_context(what_if(t, Change("prune", networks=chosen)))
    again = changed_since_preview(request, preview["whatif"])
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
