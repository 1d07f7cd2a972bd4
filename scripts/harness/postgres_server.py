"""A PostgreSQL server of the test run's own: Debian's binaries, a fresh cluster in a
temporary folder, on a loopback port; stopped and removed afterwards. PostgreSQL refuses to
run as root, so as root it runs as the `postgres` user the Debian package makes."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from scripts.harness.engine2 import free_port

PASSWORD = "dash-test-password"  # noqa: S105 - a throwaway cluster on loopback


def bindir() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return str(Path(found[-1]).parent) if found else ""


def available() -> str:
    return "" if bindir() else "PostgreSQL is not installed (Debian's postgresql package)"


class PostgresServer:
    def __init__(self, max_connections: int = 100):
        self.max_connections = max_connections
        self.port = free_port(socket.SOCK_STREAM)
        self.dir = Path(tempfile.mkdtemp(prefix="dash-pg-"))
        self.url = f"postgres://dash:{PASSWORD}@127.0.0.1:{self.port}/dash"
        self.proc: subprocess.Popen | None = None
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *cmd, **kwargs):
        return subprocess.run([*self.as_user, *cmd], check=True, capture_output=True, **kwargs)

    def start(self) -> None:
        if self.as_user:
            shutil.chown(self.dir, "postgres", "postgres")
        data = self.dir / "data"
        pwfile = self.dir / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if self.as_user:
            shutil.chown(pwfile, "postgres", "postgres")
        self._run(
            f"{bindir()}/initdb",
            "-D",
            str(data),
            "-U",
            "dash",
            "--pwfile",
            str(pwfile),
            "-A",
            "scram-sha-256",
            "--no-sync",
        )
        self.proc = subprocess.Popen(
            [
                *self.as_user,
                f"{bindir()}/postgres",
                "-D",
                str(data),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-k",
                str(self.dir),
                "-c",
                "fsync=off",
                "-c",
                f"max_connections={self.max_connections}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(self.dir / "log", "ab"),  # noqa: SIM115 - lives with the process
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            done = subprocess.run(
                [*self.as_user, f"{bindir()}/pg_isready", "-h", "127.0.0.1", "-p", str(self.port)],
                capture_output=True,
            )
            if done.returncode == 0:
                break
            time.sleep(0.2)
        else:
            raise RuntimeError(f"postgres did not start: {(self.dir / 'log').read_text()[-2000:]}")
        env = {**os.environ, "PGPASSWORD": PASSWORD}
        subprocess.run(
            [f"{bindir()}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "dash", "dash"],
            check=True,
            capture_output=True,
            env=env,
        )

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)
