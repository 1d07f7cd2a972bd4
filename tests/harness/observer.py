"""A member of the topology group on Redis, outside every dashboard process: it records each
patch any process publishes, in the order Redis delivers them, to check that there is one
version line, whoever publishes it."""

import asyncio
import threading

from channels_redis.core import RedisChannelLayer

from dashboard.live.messages import GROUP


class PatchObserver:
    def __init__(self, redis_url: str):
        self.redis_url = redis_url
        self.patches: list[tuple[int, int]] = []  # (base, version)
        self._stop = threading.Event()
        self._joined = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    def __enter__(self):
        self._thread.start()
        assert self._joined.wait(10), "the observer could not join the group"
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(10)

    async def _run(self) -> None:
        layer = RedisChannelLayer(hosts=[{"address": self.redis_url, "socket_timeout": 15}])
        channel = await layer.new_channel()
        await layer.group_add(GROUP, channel)
        self._joined.set()
        while not self._stop.is_set():
            try:
                async with asyncio.timeout(0.5):
                    message = await layer.receive(channel)
            except TimeoutError:
                continue
            if message.get("type") == "topology.patch":
                self.patches.append((message["base"], message["version"]))
        await layer.group_discard(GROUP, channel)
        await layer.close_pools()

    def out_of_order(self) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """Neighbouring patches whose versions do not rise: two publishers at once."""
        p = list(self.patches)
        return [(a, b) for a, b in zip(p, p[1:], strict=False) if b[1] <= a[1] or b[0] < a[1]]
