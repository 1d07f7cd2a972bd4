"""Helpers for tests that talk to the topology socket through the whole ASGI stack."""

import asyncio

import pytest
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings

from dashboard.asgi import application
from dashboard.live.hub import Hub
from dashboard.live.registry import set_hub


def session_cookie(client, user) -> bytes:
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


def socket(cookie: bytes = b"", origin: bytes = b"http://localhost") -> WebsocketCommunicator:
    headers = [(b"host", b"localhost")]
    if origin:
        headers.append((b"origin", origin))
    if cookie:
        headers.append((b"cookie", cookie))
    return WebsocketCommunicator(application, "/ws/topology/", headers=headers)


async def _loop_hub(name: str, url: str):
    hub = Hub({name: url}, channel_layer=get_channel_layer(), resync_seconds=3600)
    set_hub(hub)
    hub.start()
    for _ in range(200):
        if hub.watchers[name].synced.is_set():
            break
        await asyncio.sleep(0.05)
    return hub


@pytest.fixture
async def loop_hub(docker_api):
    """The hub on the test's own loop, publishing to the in-memory layer like daphne's."""
    hub = await _loop_hub("local", "")
    yield hub
    await hub.stop()
    set_hub(None)


@pytest.fixture
async def loop_hub_e2(engine2_up):
    """The same, watching only the run's own second engine ("e2"), which nothing else
    changes: for tests that compare the whole engine with the dashboard."""
    hub = await _loop_hub("e2", engine2_up.url)
    yield hub
    await hub.stop()
    set_hub(None)
