"""A TCP forwarder on loopback that a test can cut: every open connection is closed and new
ones are refused until it is mended. Put between one dashboard process and Redis, it cuts
that process alone off."""

import asyncio
import socket
import threading

from scripts.harness.engine2 import free_port


class CuttableLink:
    def __init__(self, upstream_port: int):
        self.upstream_port = upstream_port
        self.port = free_port(socket.SOCK_STREAM)
        self.cut_off = False
        self._writers: set[asyncio.StreamWriter] = set()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(5)

    async def _serve(self) -> None:
        self._server = await asyncio.start_server(self._pipe, "127.0.0.1", self.port)

    async def _pipe(self, reader, writer) -> None:
        if self.cut_off:
            writer.close()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            writer.close()
            return
        self._writers |= {writer, up_writer}

        async def copy(src, dst):
            try:
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            except (OSError, asyncio.CancelledError):
                pass
            finally:
                dst.close()

        await asyncio.gather(copy(reader, up_writer), copy(up_reader, writer))
        self._writers -= {writer, up_writer}

    def cut(self) -> None:
        def now():
            self.cut_off = True
            for w in list(self._writers):
                w.transport.abort()

        self._loop.call_soon_threadsafe(now)

    def mend(self) -> None:
        self._loop.call_soon_threadsafe(setattr, self, "cut_off", False)

    def stop(self) -> None:
        self.cut()
        self._loop.call_soon_threadsafe(self._server.close)
        self._loop.call_soon_threadsafe(self._loop.stop)
