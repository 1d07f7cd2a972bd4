"""The topology socket through the whole ASGI stack: auth, origin, snapshot, ordered patches."""

import asyncio
import json

import pytest
from channels.layers import get_channel_layer

from tests.live.conftest import session_cookie, socket

pytestmark = pytest.mark.django_db(transaction=True)


async def test_anonymous_sockets_are_refused(loop_hub):
    ws = socket()
    connected, code = await ws.connect()
    assert not connected and code == 4401


async def test_cross_origin_sockets_are_refused(loop_hub, client, operator):
    cookie = await asyncio.to_thread(session_cookie, client, operator)
    for origin in (b"http://evil.example", b""):
        ws = socket(cookie, origin=origin)
        connected, _ = await ws.connect()
        assert not connected, origin


async def test_it_sends_a_snapshot_then_patches_in_order_without_gaps(
    loop_hub, client, operator, make
):
    cookie = await asyncio.to_thread(session_cookie, client, operator)
    ws = socket(cookie)
    connected, _ = await ws.connect()
    assert connected
    snapshot = json.loads(await ws.receive_from(timeout=5))
    assert snapshot["type"] == "snapshot"
    assert snapshot["version"] == loop_hub.current.version
    assert {n["name"] for n in snapshot["topology"]["networks"]} >= {"bridge", "host", "none"}

    net = await asyncio.to_thread(make.network)
    for _ in range(3):
        await asyncio.to_thread(make.container, None, net["Name"])
    version = snapshot["version"]
    seen_network = False
    containers = set()
    while len(containers) < 3:
        msg = json.loads(await ws.receive_from(timeout=5))
        assert msg["type"] == "patch"
        assert msg["base"] == version, "patches must follow each other with no gap"
        version = msg["version"]
        seen_network |= any(n["id"] == net["Id"] for n in msg["upsert"]["networks"])
        containers |= {
            e["container"] for e in msg["upsert"]["endpoints"] if e["network"] == net["Id"]
        }
    assert seen_network
    await ws.disconnect()


async def test_a_client_asking_for_resync_gets_a_fresh_snapshot(loop_hub, client, operator):
    cookie = await asyncio.to_thread(session_cookie, client, operator)
    ws = socket(cookie)
    await ws.connect()
    first = json.loads(await ws.receive_from(timeout=5))
    await ws.send_to(text_data=json.dumps({"type": "resync"}))
    # Patches may come first: an answer waits a moment after the snapshot sent on connect.
    again = json.loads(await ws.receive_from(timeout=5))
    while again["type"] == "patch":
        again = json.loads(await ws.receive_from(timeout=5))
    assert again["type"] == "snapshot" and again["version"] >= first["version"]
    await ws.disconnect()


async def test_a_version_gap_is_mended_with_a_snapshot(loop_hub, client, operator):
    cookie = await asyncio.to_thread(session_cookie, client, operator)
    ws = socket(cookie)
    await ws.connect()
    first = json.loads(await ws.receive_from(timeout=5))
    layer = get_channel_layer()
    # A patch whose base is ahead of this socket: as if one had been lost on the way.
    await layer.group_send(
        "topology",
        {
            "type": "topology.patch",
            "base": first["version"] + 5,
            "version": first["version"] + 6,
            "text": "{}",
        },
    )
    msg = json.loads(await ws.receive_from(timeout=5))
    assert msg["type"] == "snapshot"
    await ws.disconnect()


async def test_a_logged_out_session_is_refused(loop_hub, client, operator):
    cookie = await asyncio.to_thread(session_cookie, client, operator)
    await asyncio.to_thread(client.post, "/logout/")
    ws = socket(cookie)
    connected, code = await ws.connect()
    assert not connected and code == 4401


async def test_an_open_socket_closes_when_its_session_logs_out(loop_hub, client, operator):
    cookie = await asyncio.to_thread(session_cookie, client, operator)
    ws = socket(cookie)
    connected, _ = await ws.connect()
    assert connected
    await ws.receive_from(timeout=5)  # the snapshot
    from django.contrib.auth.signals import user_logged_out
    from django.test import RequestFactory

    from dashboard.live.logout import close_session_sockets

    request = RequestFactory().post("/logout/")
    request.session = client.session
    # What the logout view does, on a thread as Django runs it.
    await asyncio.to_thread(close_session_sockets, user_logged_out, request, operator)
    output = await ws.receive_output(timeout=5)
    assert output == {"type": "websocket.close", "code": 4401}


async def test_a_socket_left_open_past_the_layers_group_expiry_still_gets_patches(
    client, operator, settings, monkeypatch
):
    """Channel layers forget group members after group_expiry (a day by default); the map
    is meant to be left open longer than that."""
    from dashboard.live.consumers import TopologyConsumer
    from dashboard.live.hub import Hub
    from dashboard.live.messages import GROUP
    from dashboard.live.registry import set_hub

    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels.layers.InMemoryChannelLayer",
            "CONFIG": {"group_expiry": 1},
        }
    }
    monkeypatch.setattr(TopologyConsumer, "rejoin_seconds", 0.2)
    hub = Hub({}, channel_layer=None)  # no engine: the test sends the patch itself
    set_hub(hub)
    try:
        cookie = await asyncio.to_thread(session_cookie, client, operator)
        ws = socket(cookie)
        assert (await ws.connect())[0]
        await ws.receive_from(timeout=5)  # the snapshot, version 0
        await asyncio.sleep(2.5)  # past the expiry (counted in whole seconds)
        layer = get_channel_layer()
        await layer.group_send(
            GROUP, {"type": "topology.patch", "base": 0, "version": 1, "text": "{}"}
        )
        assert await ws.receive_from(timeout=2) == "{}"
        await ws.disconnect()
    finally:
        set_hub(None)


async def test_a_patch_reaches_the_socket_while_djangos_sync_thread_is_busy(client, operator):
    """Django runs views (the warnings' answer, a login) on one shared thread; Channels hops
    to it before every message it hands a consumer. A patch must not wait there."""
    import threading

    from asgiref.sync import sync_to_async

    from dashboard.live.hub import Hub
    from dashboard.live.messages import GROUP
    from dashboard.live.registry import set_hub

    set_hub(Hub({}, channel_layer=None))  # no engine: the test sends the patch itself
    released = threading.Event()
    try:
        cookie = await asyncio.to_thread(session_cookie, client, operator)
        ws = socket(cookie)
        assert (await ws.connect())[0]
        await ws.receive_from(timeout=5)  # the snapshot, version 0
        busy = asyncio.ensure_future(sync_to_async(released.wait)())  # a long view
        await get_channel_layer().group_send(
            GROUP, {"type": "topology.patch", "base": 0, "version": 1, "text": '{"n":1}'}
        )
        assert await ws.receive_from(timeout=5) == '{"n":1}'
        released.set()
        await busy
        await ws.disconnect()
    finally:
        released.set()
        set_hub(None)


def test_the_server_hands_the_gil_on_every_millisecond():
    """The serving process's threads take turns at the GIL every millisecond, not every
    5 ms: a patch's way out crosses threads, and waits at each crossing for a busy one."""
    import sys

    import dashboard.asgi

    assert sys.getswitchinterval() == pytest.approx(dashboard.asgi.SWITCH_INTERVAL)
    assert dashboard.asgi.SWITCH_INTERVAL <= 0.001
