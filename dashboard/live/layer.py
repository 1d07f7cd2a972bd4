"""The Redis channel layer, with a receive that waits out a lost connection: a socket whose
process loses Redis for a moment stays open (showing the engines as lost, then a fresh
snapshot) rather than fail with an internal error."""

import asyncio
import logging

from channels_redis.core import RedisChannelLayer
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

RETRY_SECONDS = 1


class SteadyRedisChannelLayer(RedisChannelLayer):
    async def receive(self, channel):
        while True:
            try:
                return await super().receive(channel)
            except (RedisConnectionError, RedisTimeoutError, OSError) as e:
                log.warning("Redis unreachable while receiving; trying again: %s", e)
                await asyncio.sleep(RETRY_SECONDS)
