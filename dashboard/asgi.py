"""ASGI entry point: HTTP through Django, the topology socket through Channels. The hub's
watchers start on daphne's own loop with the first connection (daphne has no lifespan)."""

import os

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

application = StartHub(ProtocolTypeRouter({"http": django_app, "websocket": websocket_app}))
