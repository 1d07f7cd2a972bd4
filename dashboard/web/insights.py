"""The warnings that hold now, for pages and the API: the cache, plus what only this process
can see (the host's routes for a local engine) and the settings."""

import time

from django.conf import settings

from dashboard.live.registry import get_hub
from dashboard.topology.host_routes import host_routes
from dashboard.topology.insight import Warning, warnings
from dashboard.topology.network_spec import Context
from dashboard.topology.subnet_checks import suggest_subnet


def local(url: str) -> bool:
    return not url or url.startswith("unix://")


# Every open map asks after each change: the answer is worked out once per snapshot (and
# minute, for "unused for N days") and settings, and shared.
_last: tuple[object, tuple, list[Warning]] | None = None


def current_warnings() -> list[Warning]:
    global _last
    t = get_hub().current
    key = (
        int(time.time() // 60),
        settings.DASHBOARD_UNUSED_NETWORK_DAYS,
        settings.DASHBOARD_SUBNET_POOL,
    )
    last = _last
    if last is not None and last[0] is t and last[1] == key:
        return last[2]
    found = _work_out(t)
    _last = (t, key, found)
    return found


def _work_out(t) -> list[Warning]:
    hub = get_hub()
    routes = host_routes()
    by_engine = {e: routes for e in t.engines if local(hub.url_of(e))}

    def suggest(engine: str) -> str:
        ctx = Context(
            networks=[n for n in t.networks.values() if n.on(engine)],
            host_routes=by_engine.get(engine, []),
        )
        return suggest_subnet(ctx, settings.DASHBOARD_SUBNET_POOL)

    return warnings(
        t,
        host_routes=by_engine,
        unused_days=settings.DASHBOARD_UNUSED_NETWORK_DAYS,
        now=time.time(),
        suggest=suggest,
    )
