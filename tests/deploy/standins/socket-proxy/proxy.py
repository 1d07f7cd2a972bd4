"""Stand-in for tecnativa/docker-socket-proxy in the compose test (no registry here to pull
it from). The real one is HAProxy with a configuration; this is not HAProxy, but applies
the rules of that configuration, from the same environment switches, to each request:

- a method other than GET or HEAD is refused unless POST is on;
- a request passes when its path (URL-decoded, after any /vX.Y and one more segment)
  starts with an endpoint group whose switch is on: /containers needs CONTAINERS, ...;
- anything else gets 403 Forbidden.

One request per connection: it goes to the Docker socket with `Connection: close`, and the
reply (a stream such as /events too) is piped back until the daemon closes it. Nothing the
client sends after the request's own body is forwarded.
"""

import asyncio
import os
import re
import signal
from urllib.parse import unquote, urlsplit

SOCKET = os.environ.get("SOCKET_PATH", "/var/run/docker.sock")
PORT = 2375
# Each switch and the endpoint group it opens, as docker-socket-proxy v0.3.0 lists them.
GROUPS = {
    "AUTH": "auth", "BUILD": "build", "COMMIT": "commit", "CONFIGS": "configs",
    "CONTAINERS": "containers", "DISTRIBUTION": "distribution", "EVENTS": "events",
    "EXEC": "exec", "GRPC": "grpc", "IMAGES": "images", "INFO": "info",
    "NETWORKS": "networks", "NODES": "nodes", "PING": "_ping", "PLUGINS": "plugins",
    "SECRETS": "secrets", "SERVICES": "services", "SESSION": "session", "SWARM": "swarm",
    "SYSTEM": "system", "TASKS": "tasks", "VERSION": "version", "VOLUMES": "volumes",
}  # fmt: skip
ACTIONS = {  # container actions opened on their own, even with CONTAINERS off
    "ALLOW_RESTARTS": r"containers/[a-zA-Z0-9_.-]+/((stop)|(restart)|(kill))",
    "ALLOW_START": r"containers/[a-zA-Z0-9_.-]+/start",
    "ALLOW_STOP": r"containers/[a-zA-Z0-9_.-]+/stop",
}
FORBIDDEN = (
    b"HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\nContent-Length: 58\r\n"
    b"Connection: close\r\n\r\n<html><body><h1>403 Forbidden</h1>Request forbidden.</html>"
)


def switch(name: str) -> bool:
    """HAProxy's `env(NAME) -m bool`: true when the value is a non-zero integer."""
    try:
        return int(os.environ.get(name, "0")) != 0
    except ValueError:
        return False


def opened() -> list[re.Pattern]:
    patterns = [p for name, p in ACTIONS.items() if switch(name)]
    patterns += [re.escape(group) for name, group in GROUPS.items() if switch(name)]
    return [re.compile(r"^(/v[\d.]+)?(/\w+)?/" + p, re.IGNORECASE) for p in patterns]


def allowed(method: str, target: str, patterns: list[re.Pattern]) -> bool:
    if method not in ("GET", "HEAD") and not switch("POST"):
        return False
    path = unquote(urlsplit(target).path)
    return any(p.match(path) for p in patterns)


async def serve_one(reader, writer, patterns) -> None:
    upstream = None
    try:
        head = await reader.readuntil(b"\r\n\r\n")
        line, *headers = head.decode("latin-1").split("\r\n")[:-2]
        method, target, _ = line.split(" ", 2)
        if not allowed(method, target, patterns):
            writer.write(FORBIDDEN)
            await writer.drain()
            return
        length = 0
        for h in headers:
            name, _, value = h.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
            elif name.strip().lower() == "transfer-encoding":
                return  # chunked bodies: neither docker-py nor the CLI send them to these
        body = await reader.readexactly(length)
        kept = [h for h in headers if h.partition(":")[0].strip().lower() != "connection"]
        up_reader, upstream = await asyncio.open_unix_connection(SOCKET)
        upstream.write("\r\n".join([line, *kept, "Connection: close", "", ""]).encode("latin-1"))
        upstream.write(body)
        await upstream.drain()
        while data := await up_reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, ValueError):
        pass
    finally:
        for w in (writer, upstream):
            if w is not None:
                w.close()


async def main() -> None:
    patterns = opened()
    server = await asyncio.start_server(
        lambda r, w: serve_one(r, w, patterns), host="0.0.0.0", port=PORT
    )
    print(f"forwarding to {SOCKET}: {[p.pattern for p in patterns]}", flush=True)
    # As PID 1 the process would ignore SIGTERM: `docker stop` would wait its 10 s for nothing.
    stopping = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stopping.set)
    async with server:
        await stopping.wait()


if __name__ == "__main__":
    asyncio.run(main())
