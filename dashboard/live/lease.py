"""A lease in Redis that at most one dashboard process holds: the one that watches Docker
and publishes. Taken with SET NX PX, renewed and released only by its holder (Lua, so the
check and the change are one step), and fenced twice:

- locally: the holder counts its lease as lost at `sent + 0.8 x ttl`, where `sent` is when
  it *sent* the renewal that Redis answered. Redis set the expiry after that moment, so
  the holder stops before Redis lets anyone else in, whatever the network delayed;
- in Redis: every publish first passes `fence(version)`, which checks the holder and
  records the version. A new holder starts above the recorded version, so a message that
  an old holder had in flight when it lost the lease is older than anything the new one
  sends, and every reader drops it as already seen.
"""

import asyncio
import time

KEY = "dashboard:leader"
VERSION_KEY = "dashboard:leader:version"
SAFETY = 0.8  # of the ttl: what is left covers clock drift and a message in flight

_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""
_FENCE = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
if tonumber(ARGV[2]) > tonumber(redis.call('GET', KEYS[2]) or '0') then
  redis.call('SET', KEYS[2], ARGV[2])
end
return 1
"""


class Lease:
    def __init__(self, redis, holder: str, ttl: float, prefix: str = ""):
        """`redis`: a redis.asyncio client; `holder`: this process's id; `ttl`: seconds."""
        self.redis = redis
        self.holder = holder
        self.ttl_ms = int(ttl * 1000)
        self.key = prefix + KEY
        self.version_key = prefix + VERSION_KEY
        self._deadline = float("-inf")  # monotonic: held until then
        self._renew = redis.register_script(_RENEW)
        self._release = redis.register_script(_RELEASE)
        self._fence = redis.register_script(_FENCE)

    def held(self) -> bool:
        """Whether this process may act as the holder now (the local fence)."""
        return time.monotonic() < self._deadline

    def seconds_left(self) -> float:
        return max(0.0, self._deadline - time.monotonic())

    async def acquire(self) -> bool:
        sent = time.monotonic()
        if await self._timed(self.redis.set(self.key, self.holder, nx=True, px=self.ttl_ms)):
            self._deadline = sent + SAFETY * self.ttl_ms / 1000
            return True
        return False

    async def renew(self) -> bool:
        """Extend a lease this process holds; False (and no longer held) when Redis says
        someone else holds it or nobody does."""
        sent = time.monotonic()
        if await self._timed(self._renew(keys=[self.key], args=[self.holder, self.ttl_ms])):
            self._deadline = sent + SAFETY * self.ttl_ms / 1000
            return True
        self._deadline = float("-inf")
        return False

    async def release(self) -> None:
        """Give the lease up at once (a clean stop), so another process need not wait."""
        self._deadline = float("-inf")
        await self._timed(self._release(keys=[self.key], args=[self.holder]))

    async def last_version(self) -> int:
        """The highest version any holder has published through this Redis."""
        return int(await self._timed(self.redis.get(self.version_key)) or 0)

    async def fence(self, version: int) -> bool:
        """Whether this process still holds the lease, checked here and in Redis; records
        `version` as published when it does. Call before sending anything as the holder."""
        if not self.held():
            return False
        keys = [self.key, self.version_key]
        return bool(await self._timed(self._fence(keys=keys, args=[self.holder, version])))

    async def _timed(self, call):
        """A Redis call cut off at a third of the ttl: one that hangs (a cut connection)
        must not keep the holder from noticing that its lease ran out."""
        async with asyncio.timeout(self.ttl_ms / 3000):
            return await call
