"""The topology WebSocket: a snapshot on connect, then patches in version order."""

import json

from channels.generic.websocket import AsyncWebsocketConsumer

from dashboard.live.hub import get_hub
from dashboard.live.messages import GROUP, session_group, snapshot_text


class TopologyConsumer(AsyncWebsocketConsumer):
    groups = []

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.version = -1
        await self.channel_layer.group_add(GROUP, self.channel_name)
        session = self.scope.get("session")
        if session is not None and session.session_key:
            self.session_group = session_group(session.session_key)
            await self.channel_layer.group_add(self.session_group, self.channel_name)
        await self.accept()
        await self.send_snapshot()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(GROUP, self.channel_name)
        if getattr(self, "session_group", None):
            await self.channel_layer.group_discard(self.session_group, self.channel_name)

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
            await self.send_snapshot()  # a gap: mend it here rather than in the browser
            return
        self.version = event["version"]
        await self.send(text_data=event["text"])

    async def session_logout(self, event):
        await self.close(code=4401)
