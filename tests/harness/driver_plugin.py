"""A real network driver plugin: a legacy remote driver speaking libnetwork's remote API
(the way Weave and Calico plugged into Docker) on a unix socket. Each network is a Linux
bridge of its own; each endpoint a veth pair whose one end joins that bridge and whose
other Docker moves into the container, with an address from Docker's own IPAM.

Run in a test host's network namespace (`nsenter --net=...`), so the interfaces it makes
never touch the machine's own; that host's daemon finds it through a spec file in its
private /etc/docker/plugins. Usage: python -m tests.harness.driver_plugin NAME SOCKET
"""

import json
import os
import socketserver
import subprocess
import sys
from http.server import BaseHTTPRequestHandler

CONTENT_TYPE = "application/vnd.docker.plugins.v1+json"


def veth(endpoint: str) -> tuple[str, str]:
    return f"dpv{endpoint[:10]}", f"dpp{endpoint[:10]}"  # 15 characters at most


def bridge(network: str) -> str:
    return f"dpb{network[:12]}"


def ip(*args: str, check: bool = True) -> None:
    subprocess.run(["ip", *args], check=check, capture_output=True)


def answer(path: str, req: dict) -> dict:
    """What the driver says to each call (any call not named here: an empty success)."""
    if path == "Plugin.Activate":
        return {"Implements": ["NetworkDriver"]}
    if path == "NetworkDriver.GetCapabilities":
        return {"Scope": "local", "ConnectivityScope": "local"}
    if path == "NetworkDriver.CreateNetwork":
        ip("link", "add", bridge(req["NetworkID"]), "type", "bridge")
        ip("link", "set", bridge(req["NetworkID"]), "up")
    if path == "NetworkDriver.DeleteNetwork":
        ip("link", "del", bridge(req["NetworkID"]), check=False)
    if path == "NetworkDriver.CreateEndpoint":
        return {"Interface": {}}  # keep the addresses Docker's IPAM gave
    if path == "NetworkDriver.Join":
        host, peer = veth(req["EndpointID"])
        ip("link", "add", host, "type", "veth", "peer", "name", peer)
        ip("link", "set", host, "master", bridge(req["NetworkID"]))
        ip("link", "set", host, "up")
        return {"InterfaceName": {"SrcName": peer, "DstPrefix": "eth"}}
    if path == "NetworkDriver.Leave":
        ip("link", "del", veth(req["EndpointID"])[0], check=False)
    if path == "NetworkDriver.EndpointOperInfo":
        return {"Value": {}}
    return {}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        path = self.path.strip("/")
        try:
            out = answer(path, json.loads(body or b"{}"))
        except Exception as e:  # noqa: BLE001 - Docker shows the plugin's error
            out = {"Err": str(e)}
        sys.stderr.write(f"{path}\n")
        data = json.dumps(out).encode()
        self.send_response(200)
        self.send_header("Content-Type", CONTENT_TYPE)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True

    def get_request(self):
        request, _ = super().get_request()
        return request, ("local", 0)  # http.server wants an address pair


if __name__ == "__main__":
    name, sock = sys.argv[1], sys.argv[2]
    if os.path.exists(sock):
        os.unlink(sock)
    sys.stderr.write(f"driver {name} on {sock}\n")
    Server(sock, Handler).serve_forever()
