"""What every network action does around its change: the what-if preview it shows, the check
that what the user confirmed is still what the change does, and the change itself, made in
Docker and recorded in the audit log whichever way it goes."""

from django.contrib import messages
from django.http import Http404

from dashboard.accounts import audit
from dashboard.engine.errors import EngineError
from dashboard.live.registry import get_hub
from dashboard.topology.whatif import WhatIf, describe


def preview_context(w: WhatIf, changed_since: str = "") -> dict:
    """The template context of a what-if preview (templates/networks/_whatif.html)."""
    return {"whatif": w, "whatif_lines": describe(w), "changed_since": changed_since}


def changed_since_preview(request, w: WhatIf) -> str:
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


def recorded_change(request, action: str, call, *, engine: str, target: str, parameters=None):
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


def network_or_404(network_id):
    n = get_hub().current.networks.get(network_id)
    if n is None:
        raise Http404("No such network")
    return n
