"""The topology WebSocket: a snapshot on connect, then patches in version order."""

import asyncio
import contextlib
import json

from channels.generic.websocket import AsyncWebsocketConsumer

from dashboard.live.messages import GROUP, session_group, snapshot_text
from dashboard.live.registry import get_hub


class TopologyConsumer(AsyncWebsocketConsumer):
    groups = []
    # Channel layers forget a group member after a day (group_expiry): a map left open
    # longer would stop getting patches without a word. Join again well before that.
    rejoin_seconds = 3600

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.version = -1
        session = self.scope.get("session")
        self.my_groups = [GROUP]
        if session is not None and session.session_key:
            self.my_groups.append(session_group(session.session_key))
        await self.join()
        get_hub().resnapshot_listeners.add(self.send_snapshot)
        self.rejoin_task = asyncio.create_task(self.keep_joined())
        await self.accept()
        await self.send_snapshot()

    async def join(self):
        for group in self.my_groups:
            await self.channel_layer.group_add(group, self.channel_name)

    async def keep_joined(self):
        while True:
            await asyncio.sleep(self.rejoin_seconds)
            with contextlib.suppress(Exception):  # the next round tries again
                await self.join()

    async def dispatch(self, message):
        # Channels first closes stale database connections on Django's one sync thread, for
        # every message; a patch touches no database, and would queue there behind whatever
        # view runs (the warnings' answer takes tens of ms at 1,000 containers).
        if message["type"] == "topology.patch":
            await self.topology_patch(message)
            return
        await super().dispatch(message)

    async def disconnect(self, code):
        get_hub().resnapshot_listeners.discard(self.send_snapshot)
        task = getattr(self, "rejoin_task", None)
        if task is not None:
            task.cancel()
        for group in getattr(self, "my_groups", ()):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        try:
            message = json.loads(text_data or "{}")
        except ValueError:
            return
        if isinstance(message, dict) and message.get("type") == "resync":
            await self.send_snapshot()

    async def send_snapshot(self):
        topology = get_hub().current
        self.version = topology.version
        await self.send(text_data=snapshot_text(topology))

    async def topology_patch(self, event):
        if event["version"] <= self.version:
            return  # already in the snapshot this socket was sent
        if event["base"] != self.version:
            # A gap: mend it here rather than in the browser, from a cache that holds
            # at least this patch (a follower's copy may be a moment behind it).
            await get_hub().caught_up(event["version"])
            await self.send_snapshot()
            return
        self.version = event["version"]
        await self.send(text_data=event["text"])

    async def session_logout(self, event):
        await self.close(code=4401)
