"""The watcher's lanes, without Docker: each kind of read has a connection and a thread of
its own, so that none waits behind another's slow call."""

import asyncio
import threading

from dashboard.live.lanes.lane import Lane
from dashboard.live.watcher import EngineWatcher
from dashboard.topology.store import Store


def test_each_lane_has_a_connection_of_its_own():
    w = EngineWatcher("e", "unix:///nonexistent.sock", Store(), lambda patch: None)
    try:
        clients = [
            w.events.client,
            w.lister.client,
            w.inspector.lane.client,
            w.stopped.lane.client,
            w.swarm.lane.client,
            w.pinger.client,
        ]
        assert len({id(c) for c in clients}) == len(clients)
        assert w.client is w.lister.client and w.poll_client is w.stopped.lane.client
    finally:
        w.close()


async def test_a_slow_call_in_one_lane_holds_up_no_other():
    slow, quick = Lane("e", "", 1, "slow"), Lane("e", "", 1, "quick")
    release = threading.Event()
    try:
        held = asyncio.ensure_future(slow.call(release.wait, 5))
        assert await asyncio.wait_for(quick.call(lambda: "answered"), 2) == "answered"
        assert not held.done()
        release.set()
        assert await held is True
    finally:
        release.set()
        slow.close()
        quick.close()
