"""Where a request came from: one answer for the login limits and the audit log alike."""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """The address the request came from. Behind a proxy (DASHBOARD_BEHIND_PROXY) it is the
    one the proxy put in its header, counted from the right: entries further left were
    sent by the client and may be forged. Without a proxy the header is not read at all."""
    remote = request.META.get("REMOTE_ADDR", "")
    if settings.DASHBOARD_BEHIND_PROXY:
        hops = [h.strip() for h in request.META.get(settings.DASHBOARD_PROXY_HEADER, "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= settings.DASHBOARD_PROXY_COUNT:
            candidate = hops[-settings.DASHBOARD_PROXY_COUNT]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote
