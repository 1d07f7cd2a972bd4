"""A follower's copy against what reaches it over Redis: a snapshot from a watcher that lost
its lease between its fence and its send (paused there, say) is older than the copy and
never taken; one from a watcher whose own line is behind the copy is."""

import asyncio

from dashboard.live.follower import FollowerHub
from dashboard.live.messages import topology_event
from dashboard.topology.records import EngineState
from dashboard.topology.snapshot import Topology


def snapshot(version: int, status: str) -> dict:
    engine = EngineState(id="local", status=status)
    return topology_event(Topology(version=version, engines={"local": engine}))


def beat(version: int) -> dict:
    return {"type": "watcher.heartbeat", "version": version}


async def follower(told: list) -> FollowerHub:
    """A follower not yet following (no channel layer): each test hands it messages."""
    hub = FollowerHub({"local": ""}, channel_layer=None)
    hub.loop = asyncio.get_running_loop()  # where it tells its sockets

    async def resnapshot():
        told.append(hub.store.version)

    hub.resnapshot_listeners.add(resnapshot)
    return hub


async def test_it_never_takes_a_snapshot_older_than_its_copy_from_a_watcher_gone_by():
    told = []
    hub = await follower(told)
    assert hub._take(snapshot(2000, "connected"), asking=True) is False
    assert hub._take(beat(2000), asking=False) is False
    # The old holder wakes and sends what it fenced before it was paused.
    assert hub._take(snapshot(1500, "disconnected"), asking=False) is True
    assert hub.store.version == 2000
    assert hub.store.current.engines["local"].status == "connected"
    assert told == []


async def test_it_takes_an_older_snapshot_when_the_watchers_own_line_is_behind_the_copy():
    told = []
    hub = await follower(told)
    hub._take(snapshot(2000, "connected"), asking=True)
    # A heartbeat below the copy: the watcher now publishing started below it (a Redis
    # that lost its keys, a clock behind): its snapshot is the truth, older or not.
    assert hub._take(beat(1800), asking=False) is True
    assert hub._take(snapshot(1700, "disconnected"), asking=True) is True  # older still
    assert hub.store.version == 2000
    assert hub._take(snapshot(1810, "disconnected"), asking=True) is False
    assert hub.store.version == 1810
    assert hub.store.current.engines["local"].status == "disconnected"
    for _ in range(3):  # the sockets are told on the loop
        await asyncio.sleep(0)
    assert told == [1810]
    # Once taken, the line is the copy's again: an older snapshot is dropped.
    assert hub._take(snapshot(1805, "connected"), asking=False) is True
    assert hub.store.version == 1810
