"""The topology socket: a snapshot on connect, then patches in version order.

The map asks for a fresh snapshot ("resync") when a patch does not follow on from its
copy, and when it comes back from the past. Snapshots are encoded once per state of the
cache (`BaseHub.snapshot`); a socket's answers go out at least `answer_seconds` apart, and
the requests that come meanwhile are answered together by the next one.

Close codes (static/js/socket.js acts on them):
- 4401: no login, or the session logged out; the page goes to the login form.
- 4429: the socket asked for far more snapshots than a page ever does (allowance.py); the
  page waits a minute before it reconnects, longer each time it is closed so again, and
  says why in its status pill.
"""

import asyncio
import contextlib
import json

from channels.generic.websocket import AsyncWebsocketConsumer

from dashboard.live.allowance import Allowance
from dashboard.live.messages import GROUP, session_group
from dashboard.live.registry import get_hub

CLOSE_LOGGED_OUT = 4401
CLOSE_FLOODING = 4429
FLOODING_REASON = "Too many resync requests"


class TopologyConsumer(AsyncWebsocketConsumer):
    groups = []
    # Channel layers forget a group member after a day (group_expiry): a map left open
    # longer would stop getting patches without a word. Join again well before that.
    rejoin_seconds = 3600
    answer_seconds = 0.5
    allowance = Allowance  # made for each socket

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = -1
        self.answered = float("-inf")  # the loop's time of the last snapshot sent
        self.due: asyncio.Task | None = None  # the merged answer, when one waits
        self.resyncs = self.allowance()
        self.closing = False
        self.my_groups: list[str] = []

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_LOGGED_OUT)
            return
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
        # every message; neither a patch nor a frame from the browser touches the database,
        # and they would queue there behind whatever view runs (the warnings' answer takes
        # tens of ms at 1,000 containers), or hold those views up when a socket floods.
        kind = message["type"]
        if kind == "topology.patch":
            await self.topology_patch(message)
        elif kind == "websocket.receive":
            await self.websocket_receive(message)
        else:
            await super().dispatch(message)

    async def disconnect(self, code):
        get_hub().resnapshot_listeners.discard(self.send_snapshot)
        for task in (getattr(self, "rejoin_task", None), self.due):
            if task is not None:
                task.cancel()
        for group in self.my_groups:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        if self.closing:
            return
        try:
            message = json.loads(text_data or "{}")
        except ValueError:
            return
        if not (isinstance(message, dict) and message.get("type") == "resync"):
            return
        if not self.resyncs.take():
            self.closing = True
            if self.due is not None:
                self.due.cancel()  # no answer goes to a socket being closed
            await self.close(code=CLOSE_FLOODING, reason=FLOODING_REASON)
            return
        await self.snapshot_soon()

    async def snapshot_soon(self):
        """A snapshot now, or with the others asked for before the next one may go."""
        if self.due is not None:
            return  # the answer that waits covers this request too
        wait = self.answered + self.answer_seconds - asyncio.get_running_loop().time()
        if wait <= 0:
            await self.send_snapshot()
        else:
            self.due = asyncio.create_task(self.send_snapshot(after=wait))

    async def send_snapshot(self, after: float = 0):
        if after:
            await asyncio.sleep(after)
            self.due = None
        elif self.due is not None:
            self.due.cancel()  # this one answers every request so far
            self.due = None
        self.version, text = get_hub().snapshot()
        self.answered = asyncio.get_running_loop().time()
        await self.send(text_data=text)

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
        self.resyncs.earn()
        await self.send(text_data=event["text"])

    async def session_logout(self, event):
        await self.close(code=CLOSE_LOGGED_OUT)
