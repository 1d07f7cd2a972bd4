"""ASGI entry point: HTTP through Django, the topology socket through Channels. The hub
starts on daphne's own loop as soon as it runs (daphne has no lifespan: through Twisted's
reactor), so a process with no visitors still takes its turn at the lease; it stops before
daphne exits, handing the lease on. Other servers start it with the first connection."""

import asyncio
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dashboard.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

django_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.urls import path  # noqa: E402

from dashboard.live.consumers import TopologyConsumer  # noqa: E402
from dashboard.live.registry import get_hub  # noqa: E402


class StartHub:
    """Starts the hub on the serving loop the first time any connection arrives."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket"):
            get_hub().start()
        return await self.app(scope, receive, send)


websocket_app = AllowedHostsOriginValidator(
    AuthMiddlewareStack(URLRouter([path("ws/topology/", TopologyConsumer.as_asgi())]))
)


def start_with_daphne() -> None:
    reactor = sys.modules.get("twisted.internet.reactor")
    if reactor is None or not hasattr(reactor, "_asyncioEventloop"):
        return  # not daphne: StartHub does it
    from twisted.internet.defer import Deferred

    # Called from inside the running asyncio loop, which the hub needs (callWhenRunning is not).
    reactor.callLater(0, lambda: get_hub().start())
    reactor.addSystemEventTrigger(
        "before", "shutdown", lambda: Deferred.fromFuture(asyncio.ensure_future(get_hub().stop()))
    )


# A patch crosses threads and the loop several times on its way out (the event stream's
# thread, the loop, the socket), and each time waits for the GIL. A thread decoding a big
# answer from Docker (the relist, the stopped poll) or a view working out the warnings holds
# it for the whole switch interval: 5 ms by default, 1 ms here (measured on a toy of that
# path with one busy thread: p95 22 ms at 5 ms, 4 ms at 1 ms).
SWITCH_INTERVAL = 0.001
sys.setswitchinterval(SWITCH_INTERVAL)

start_with_daphne()
application = StartHub(ProtocolTypeRouter({"http": django_app, "websocket": websocket_app}))
