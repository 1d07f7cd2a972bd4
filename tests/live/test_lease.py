"""The lease that decides which dashboard process watches Docker, on a real redis-server."""

import asyncio
import uuid
from concurrent.futures import ThreadPoolExecutor

import redis.asyncio

from dashboard.live import lease as lease_module
from dashboard.live.lease import Lease


def on_a_loop_of_its_own(test):
    """Run an async test body on a fresh loop in a thread: browser tests leave an event loop
    on the main thread, where pytest-asyncio would refuse to start one."""

    def wrapper(redis_url):
        async def body():
            r = redis.asyncio.Redis.from_url(redis_url)
            try:
                await test(r)
            finally:
                await r.aclose()

        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, body()).result(30)

    wrapper.__name__ = test.__name__  # not functools.wraps: pytest would read test's arguments
    return wrapper


def two(client, ttl=1.0):
    prefix = f"test-{uuid.uuid4().hex[:8]}:"  # keys of this test alone
    return Lease(client, "a", ttl, prefix), Lease(client, "b", ttl, prefix)


@on_a_loop_of_its_own
async def test_it_is_held_by_one_process_at_a_time(client):
    a, b = two(client)
    assert await a.acquire() and a.held()
    assert not await b.acquire() and not b.held()
    assert await a.renew()
    assert not await b.renew()  # renewing is for the holder only
    await a.release()
    assert not a.held()
    assert await b.acquire()


@on_a_loop_of_its_own
async def test_the_holder_counts_it_lost_before_redis_lets_another_in(client):
    a, b = two(client, ttl=1.0)
    assert await a.acquire()
    await asyncio.sleep(lease_module.SAFETY * 1.0 + 0.05)
    assert not a.held()  # the local fence
    assert not await b.acquire()  # ... while Redis still keeps it for a
    await asyncio.sleep(1.0 - lease_module.SAFETY + 0.05)
    assert await b.acquire()
    assert not await a.renew() and not a.held()


@on_a_loop_of_its_own
async def test_the_fence_refuses_a_former_holder_and_records_the_version(client):
    a, b = two(client)
    assert await a.acquire()
    assert await a.fence(41) and await a.fence(40)
    assert await a.last_version() == 41  # never lowered
    assert not await b.fence(99)
    await a.release()
    assert await b.acquire()
    assert not await a.fence(50)
    assert await b.last_version() == 41


@on_a_loop_of_its_own
async def test_a_holder_whose_lease_was_taken_in_redis_is_refused_there_too(client):
    a, b = two(client)
    assert await a.acquire()
    await client.set(a.key, "b")  # as if a paused long and b took over meanwhile
    assert a.held()  # locally a cannot know yet
    assert not await a.fence(7)
    assert await a.last_version() == 0
