"""The warnings that hold now, for pages and the API: the cache, plus what only this process
can see (the host's routes for a local engine) and the settings."""

import time

from django.conf import settings

from dashboard.live.registry import get_hub
from dashboard.topology import validation as v
from dashboard.topology.insight import Warning, warnings


def local(url: str) -> bool:
    return not url or url.startswith("unix://")


def current_warnings() -> list[Warning]:
    hub = get_hub()
    t = hub.current
    routes = v.host_routes()
    by_engine = {e: routes for e in t.engines if local(hub.url_of(e))}

    def suggest(engine: str) -> str:
        ctx = v.Context(
            networks=[n for n in t.networks.values() if n.engine == engine],
            host_routes=by_engine.get(engine, []),
        )
        return v.suggest_subnet(ctx, settings.DASHBOARD_SUBNET_POOL)

    return warnings(
        t,
        host_routes=by_engine,
        unused_days=settings.DASHBOARD_UNUSED_NETWORK_DAYS,
        now=time.time(),
        suggest=suggest,
    )
