"""A Docker socket proxy for tests: forwards only allow-listed endpoints (403 for the rest,
as docker-socket-proxy answers) and can delay or stall the daemon's replies on demand.

Requests are parsed one by one on each client connection (docker-py neither pipelines nor
sends chunked bodies); replies are piped back byte for byte, so streams such as /events
pass through as they come.
"""

import asyncio
import re
import threading
from pathlib import Path

ALLOWED = [
    ("GET", r"/_ping"),
    ("HEAD", r"/_ping"),
    ("GET", r"/version"),
    ("GET", r"/info"),
    ("GET", r"/events"),
    ("GET", r"/networks"),
    ("GET", r"/networks/[^/]+"),
    ("GET", r"/containers/json"),
    ("GET", r"/containers/[^/]+/json"),
    ("GET", r"/(nodes|services|tasks)"),
    ("POST", r"/networks/create"),
    ("POST", r"/networks/[^/]+/(connect|disconnect)"),
    ("DELETE", r"/networks/[^/]+"),
]
_VERSION = re.compile(r"^/v[0-9.]+")


def allowed(method: str, target: str) -> bool:
    path = _VERSION.sub("", target.split("?", 1)[0])
    return any(m == method and re.fullmatch(p, path) for m, p in ALLOWED)


class SocketProxy:
    def __init__(self, upstream: str, path: Path):
        self.upstream = upstream
        self.path = path
        self.url = f"unix://{path}"
        self.delay = 0.0
        self.stalled = asyncio.Event()
        self.refused: list[tuple[str, str]] = []
        self.forwarded: list[tuple[str, str]] = []
        self.loop = asyncio.new_event_loop()
        self._writers: set[asyncio.StreamWriter] = set()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self.loop).result(5)

    def stop(self) -> None:
        async def close():
            self.server.close()
            for w in list(self._writers):
                w.close()

        asyncio.run_coroutine_threadsafe(close(), self.loop).result(5)
        self.loop.call_soon_threadsafe(self.loop.stop)

    def stall(self, on: bool = True) -> None:
        """Stop (or resume) passing the daemon's replies on: a hung daemon."""
        self.loop.call_soon_threadsafe(self.stalled.set if on else self.stalled.clear)

    def drop_connections(self) -> None:
        """Cut every open connection, as a dropped socket would."""

        async def cut():
            for w in list(self._writers):
                w.close()

        asyncio.run_coroutine_threadsafe(cut(), self.loop).result(5)

    async def _serve(self):
        self.server = await asyncio.start_unix_server(self._client, path=str(self.path))

    async def _client(self, reader, writer):
        self._writers.add(writer)
        up_writer = None
        try:
            up_reader, up_writer = await asyncio.open_unix_connection(self.upstream)
            self._writers.add(up_writer)
            pump = asyncio.create_task(self._pipe(up_reader, writer))
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                method, target, _ = head.split(b"\r\n", 1)[0].decode().split(" ", 2)
                length = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
                body = await reader.readexactly(int(length.group(1))) if length else b""
                if not allowed(method, target):
                    self.refused.append((method, target))
                    reply = b'{"message":"not allowed"}\n'
                    writer.write(
                        b"HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\n"
                        b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(reply), reply)
                    )
                    await writer.drain()
                    break
                self.forwarded.append((method, target))
                up_writer.write(head + body)
                await up_writer.drain()
            pump.cancel()
        except (
            asyncio.IncompleteReadError,
            ConnectionError,
            asyncio.LimitOverrunError,
            ValueError,
        ):
            pass
        finally:
            for w in (writer, up_writer):
                if w is not None:
                    self._writers.discard(w)
                    w.close()

    async def _pipe(self, src, dst):
        try:
            while data := await src.read(65536):
                if self.delay:
                    await asyncio.sleep(self.delay)
                while self.stalled.is_set():
                    await asyncio.sleep(0.05)
                dst.write(data)
                await dst.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            dst.close()
