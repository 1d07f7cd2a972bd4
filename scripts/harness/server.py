"""The dashboard as `make run` starts it: one daphne process, its own var/ directory."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import requests
import websockets
import websockets.sync.client

from scripts.harness.engine2 import free_port

ROOT = Path(__file__).resolve().parents[2]
USERS = {"operator": ("op", "op-password-1"), "viewer": ("viewer", "viewer-password-1")}


class DashboardServer:
    def __init__(self, var_dir: Path, engines: str, **env):
        self.var_dir = var_dir
        self.port = free_port(socket.SOCK_STREAM)
        self.url = f"http://127.0.0.1:{self.port}"
        # As `make run` starts it: without the test runner's async escape hatch.
        base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        self.env = {
            **base,
            "DASHBOARD_VAR_DIR": str(var_dir),
            "DASHBOARD_ENGINES": engines,
            "DASHBOARD_PING_SECONDS": "0.5",
            "DJANGO_SETTINGS_MODULE": "dashboard.settings",
            **env,
        }
        self.proc = None

    def manage(self, *args, stdin: str | None = None) -> None:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            input=stdin,
            text=True,
            capture_output=True,
        )
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-2000:]}")

    def start(self) -> None:
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")
        for role, (name, password) in USERS.items():
            self.manage("adduser", name, "--role", role, "--password", password)
        self.serve()

    def serve(self) -> None:
        """Start daphne (again, after a test killed it)."""
        self.log = open(self.var_dir / "daphne.log", "ab")  # noqa: SIM115 - lives with the process
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(self.port),
                "dashboard.asgi:application",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1)  # noqa: S310 - loopback
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"daphne did not start; see {self.var_dir / 'daphne.log'}")

    def login(self, role: str = "viewer") -> requests.Session:
        return self.try_login(*USERS[role])[0]

    def try_login(self, name: str, password: str) -> tuple[requests.Session, requests.Response]:
        """A session that posted the login form, and the answer (not followed)."""
        s = requests.Session()
        s.get(self.url + "/login/")
        answer = s.post(
            self.url + "/login/",
            data={
                "username": name,
                "password": password,
                "csrfmiddlewaretoken": s.cookies["csrftoken"],
            },
            headers={"Referer": self.url + "/login/"},
            allow_redirects=False,
        )
        return s, answer

    def websocket(self, session: requests.Session, sync: bool = False):
        """The map's socket, logged in: `async with server.websocket(session) as ws`, or
        with `sync=True` a blocking one (for tests that run after Playwright's sync API,
        which leaves an event loop on the main thread)."""
        cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
        connect = websockets.sync.client.connect if sync else websockets.connect
        return connect(
            self.url.replace("http", "ws") + "/ws/topology/",
            additional_headers={"Cookie": cookie, "Origin": self.url},
            max_size=None,
        )

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.log.close()
