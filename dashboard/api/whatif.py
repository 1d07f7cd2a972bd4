"""`/api/reach?change=…`: what a change would do, asked with the change forms' own fields
and checked by the same forms, so the API refuses what the pages refuse, in their words."""

from django.http import JsonResponse

from dashboard.api.egress import egress_dict
from dashboard.topology import queries
from dashboard.topology.store import Topology
from dashboard.topology.whatif import KINDS, Change, WhatIf, describe, what_if
from dashboard.web.changes import change_of_connect, change_of_create


class BadChange(ValueError):
    """A change the forms would refuse; `errors` by field where a form said so."""

    def __init__(self, message: str, errors: dict | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {}


def _form_errors(form) -> BadChange:
    errors = {name: [str(m) for m in msgs] for name, msgs in form.errors.items()}
    text = "; ".join(
        f"{'' if k == '__all__' else k + ': '}{' '.join(v)}" for k, v in errors.items()
    )
    return BadChange(text or "The change is not valid.", errors)


def _one(found: list, kind: str, ref: str):
    if not ref:
        raise BadChange(f"{kind}: give a {kind} (id or name).")
    if not found:
        raise BadChange(f"{kind}: no {kind} {ref!r}.")
    if len(found) > 1:
        raise BadChange(f"{kind}: {ref!r} names {len(found)} {kind}s; use an id.")
    return found[0]


def change_from(query, t: Topology) -> Change:
    """The change a query describes, with the forms' fields; BadChange when the forms
    would refuse it."""
    from dashboard.web.actions import delete_problem
    from dashboard.web.create import create_form_kwargs
    from dashboard.web.forms import ConnectForm, NetworkCreateForm, PruneForm

    kind = query.get("change", "")
    if kind not in KINDS:
        raise BadChange(f"change: {kind!r} is not one of {', '.join(KINDS)}.")
    if kind == "create":
        form = NetworkCreateForm(query, **create_form_kwargs(t))
        if not form.is_valid():
            raise _form_errors(form)
        return change_of_create(form)
    if kind == "prune":
        candidates = queries.prune_candidates(t)
        chosen = query.getlist("networks") if hasattr(query, "getlist") else []
        if not chosen:
            return Change("prune", networks=tuple(n.id for n in candidates))
        form = PruneForm({"networks": chosen}, candidates=candidates)
        if not form.is_valid():
            raise BadChange(
                "networks: only unused networks are pruned; "
                + " ".join(m for msgs in form.errors.values() for m in msgs)
            )
        return Change("prune", networks=tuple(form.cleaned_data["networks"]))
    ref = query.get("network", "")
    n = _one(t.networks_named(ref), "network", ref)
    if kind == "delete":
        problem = delete_problem(t, n)
        if problem:
            raise BadChange(problem)
        return Change("delete", network=n.id)
    ref = query.get("container", "")
    c = _one(t.containers_named(ref), "container", ref)
    if kind == "disconnect":
        if n.id not in c.networks and (n.id, c.id) not in t.endpoints:
            raise BadChange(f"container: {c.name} is not on {n.name}.")
        return Change("disconnect", network=n.id, container=c.id)
    if not n.connectable:
        raise BadChange(f"network: containers join {n.name} only when they are created.")
    form = ConnectForm(
        {**{k: query.get(k, "") for k in ("ipv4", "ipv6", "aliases")}, "container": c.id},
        network=n,
        containers=queries.connect_candidates(t, n),
        used=queries.used_addresses(t, n),
    )
    if not form.is_valid():
        raise _form_errors(form)
    return change_of_connect(n.id, form.cleaned_data)


def _ref(c) -> dict:
    return {"id": c.id, "name": c.name, "engine": c.engine}


def whatif_dict(w: WhatIf) -> dict:

    return {
        "change": w.change.kind,
        "version": w.version,
        "digest": w.digest,
        "nothing": w.nothing,
        "summary": describe(w),
        "notes": w.notes,
        "paths": [
            {
                "a": _ref(p.a),
                "b": _ref(p.b),
                "gained": p.gained,
                "through": [
                    {"network": n, "a_address": a, "b_address": b} for n, a, b in p.through
                ],
            }
            for p in w.paths
        ],
        "names": [
            {
                "from": _ref(n.asker),
                "to": _ref(n.target),
                "gained": list(n.gained),
                "lost": list(n.lost),
            }
            for n in w.names
        ],
        "ports": [
            {"container": _ref(p.container), "way": p.way, "opened": p.opened} for p in w.ports
        ],
        "outside": [
            {
                "container": _ref(o.container),
                "before": egress_dict(o.before),
                "after": egress_dict(o.after),
            }
            for o in w.outside
        ],
    }


def preview(request, t: Topology) -> JsonResponse:
    """What the change in the query would do to `t`; 400 with the forms' words when it is
    not a change they would accept. `version`, when given, is compared with the map's."""
    try:
        change = change_from(request.GET, t)
    except BadChange as e:
        return JsonResponse({"error": str(e), "errors": e.errors}, status=400)
    data = whatif_dict(what_if(t, change))
    asked = request.GET.get("version", "").strip()
    if asked:
        if not asked.isdigit():
            return JsonResponse({"error": "version: a whole number (the map's)."}, status=400)
        data["map_changed"] = int(asked) != t.version
    return JsonResponse(data)
