"""A socket asking for snapshots ("resync"): one encoding per state of the cache, merged
answers, and a socket that floods is closed without holding up the others' patches."""

import asyncio
import json

import pytest
from channels.layers import get_channel_layer

from dashboard.live.consumers import CLOSE_FLOODING, FLOODING_REASON, TopologyConsumer
from dashboard.live.hub import Hub
from dashboard.live.messages import GROUP
from dashboard.live.registry import set_hub
from dashboard.topology.records import EngineState
from tests.live.conftest import session_cookie, socket

pytestmark = pytest.mark.django_db(transaction=True)

RESYNC = json.dumps({"type": "resync"})


@pytest.fixture
def quiet_hub():
    """A hub with no engine: the tests change its cache and send its patches themselves."""
    hub = Hub({}, channel_layer=None)
    set_hub(hub)
    yield hub
    set_hub(None)


@pytest.fixture
async def cookie(client, operator):
    return await asyncio.to_thread(session_cookie, client, operator)


async def opened(cookie):
    ws = socket(cookie)
    assert (await ws.connect())[0]
    first = json.loads(await ws.receive_from(timeout=5))
    assert first["type"] == "snapshot"
    return ws, first


async def publish(base: int, version: int, text: str) -> None:
    event = {"type": "topology.patch", "base": base, "version": version, "text": text}
    await get_channel_layer().group_send(GROUP, event)


async def test_it_encodes_a_state_of_the_cache_once_for_every_socket(quiet_hub, cookie):
    quiet_hub.store.set_engine(EngineState(id="one"))
    sockets = [(await opened(cookie))[0] for _ in range(8)]
    for ws in sockets:
        await ws.send_to(text_data=RESYNC)
    texts = {await ws.receive_from(timeout=5) for ws in sockets}
    assert len(texts) == 1 and json.loads(texts.pop())["version"] == 1
    assert quiet_hub.snapshots_encoded == 1

    quiet_hub.store.set_engine(EngineState(id="two"))  # a new state: encoded once more
    for ws in sockets:
        await ws.send_to(text_data=RESYNC)
    answers = [json.loads(await ws.receive_from(timeout=5)) for ws in sockets]
    assert {a["version"] for a in answers} == {2}
    assert {e["id"] for e in answers[0]["topology"]["engines"]} == {"one", "two"}
    assert quiet_hub.snapshots_encoded == 2
    for ws in sockets:
        await ws.disconnect()


async def test_a_burst_of_resyncs_gets_one_merged_answer(quiet_hub, cookie, monkeypatch):
    monkeypatch.setattr(TopologyConsumer, "answer_seconds", 0.3)
    ws, first = await opened(cookie)
    for _ in range(20):  # within answer_seconds of the snapshot sent on connect
        await ws.send_to(text_data=RESYNC)
    quiet_hub.store.set_engine(EngineState(id="one"))  # changed while the answer waits
    merged = json.loads(await ws.receive_from(timeout=5))
    assert merged["type"] == "snapshot" and merged["version"] == first["version"] + 1
    assert await ws.receive_nothing(timeout=1), "the burst was answered more than once"

    await ws.send_to(text_data=RESYNC)  # long after the last answer: at once
    assert json.loads(await ws.receive_from(timeout=5))["type"] == "snapshot"
    await ws.disconnect()


async def test_a_patch_the_socket_was_sent_during_a_waiting_answer_follows_it(
    quiet_hub, cookie, monkeypatch
):
    """The merged answer is the cache as it is when it goes; patches already in it are
    not sent again, later ones follow on from it."""
    monkeypatch.setattr(TopologyConsumer, "answer_seconds", 0.3)
    ws, first = await opened(cookie)
    await ws.send_to(text_data=RESYNC)
    patch = quiet_hub.store.set_engine(EngineState(id="one"))
    merged = json.loads(await ws.receive_from(timeout=5))
    assert merged["version"] == patch.version
    await publish(patch.base, patch.version, '{"old":1}')  # already in the snapshot
    await publish(patch.version, patch.version + 1, '{"new":1}')
    assert await ws.receive_from(timeout=5) == '{"new":1}'
    await ws.disconnect()


async def test_a_flooding_socket_is_closed_while_another_keeps_its_patches(quiet_hub, cookie):
    viewer, first = await opened(cookie)
    flooder, _ = await opened(cookie)
    version = first["version"]
    closed = None
    for i in range(400):
        await flooder.send_to(text_data=RESYNC)
        if i % 40 == 0:
            await publish(version, version + 1, json.dumps({"v": version + 1}))
            version += 1
    while closed is None:
        output = await flooder.receive_output(timeout=5)
        if output["type"] == "websocket.close":
            closed = output
    assert closed == {"type": "websocket.close", "code": CLOSE_FLOODING, "reason": FLOODING_REASON}
    # The viewer had every patch, in order, and nothing else.
    for v in range(first["version"] + 1, version + 1):
        assert json.loads(await viewer.receive_from(timeout=5)) == {"v": v}
    assert await viewer.receive_nothing(timeout=0.2)
    await viewer.disconnect()


async def test_a_page_asking_once_for_each_patch_it_was_sent_is_never_closed(
    quiet_hub, cookie, monkeypatch
):
    """What the map does while its copy is behind: every patch that does not follow on asks
    for a snapshot, and a big burst of them can all arrive before it hears back."""
    monkeypatch.setattr(TopologyConsumer, "answer_seconds", 0)
    ws, first = await opened(cookie)
    version = first["version"]
    for _ in range(300):
        await publish(version, version + 1, "{}")
        version += 1
    for _ in range(300):
        assert await ws.receive_from(timeout=5) == "{}"
    for _ in range(300):
        await ws.send_to(text_data=RESYNC)
    for _ in range(300):
        assert json.loads(await ws.receive_from(timeout=5))["type"] == "snapshot"
    await ws.disconnect()


async def test_a_follower_that_loses_its_watcher_sends_the_lost_state_under_the_same_version(
    cookie,
):
    """The follower marks its engines lost without a new version: the shared encoding
    belongs to that state of the cache, not to its version number."""
    from dashboard.live.follower import LOST, FollowerHub

    hub = FollowerHub({"local": ""}, channel_layer=get_channel_layer(), watcher_timeout=0.5)
    set_hub(hub)
    try:
        ws, first = await opened(cookie)
        assert [e["status"] for e in first["topology"]["engines"]] == ["connecting"]
        hub.start()  # no watcher process answers it
        lost = json.loads(await ws.receive_from(timeout=5))
        assert lost["version"] == first["version"]
        assert [e["error"] for e in lost["topology"]["engines"]] == [LOST]
        assert hub.snapshots_encoded == 2
        await ws.disconnect()
    finally:
        await hub.stop()
        set_hub(None)
