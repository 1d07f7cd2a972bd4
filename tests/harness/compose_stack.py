"""compose.yaml brought up by a real Compose (Debian's docker-compose 1.29) for a test.

The file users run is used as it is, with one line less and one file more:
- 1.29 refuses the top-level `name:` key (its schema predates it). The test gives the
  project name with `-p`, which wins over `name:` in Compose v2 as well, so the copy the
  test runs differs from compose.yaml by that line alone (`compatible_copy` checks it);
- an override file (`-f compose.yaml -f override.yaml`) names the dashboard image the test
  built and the offline stand-ins for the images no registry here can give, puts this run's
  label on every container, network and named volume, and gives the networks subnets from
  the test pool rather than Docker's default pools.

Every object is removed afterwards, the test failing or not: `docker-compose down -v`,
then a sweep of what carries both this project's label and this run's label, and of the
anonymous volumes its containers had.
"""

import fcntl
import os
import re
import secrets
import socket
import subprocess
import time
from pathlib import Path

import docker
import requests
import yaml

from scripts.harness.docker_env import LABELS, RUN_ID, RUN_LABEL
from tests.harness.wait import eventually

PROJECT_LABEL = "com.docker.compose.project"
SERVICE_LABEL = "com.docker.compose.service"
# compose.yaml publishes the replicas on these fixed ports; an override cannot take ports
# away in 1.29, so runs on one machine take turns through this lock.
PORTS = (8000, 8001)
PORTS_LOCK = Path("/tmp/docker-network-dashboard-compose-ports.lock")


def compatible_copy(text: str) -> str:
    """compose.yaml without its top-level `name:` line, the one key 1.29 refuses."""
    lines = text.splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("name:")]
    assert len(lines) - len(kept) <= 1, "more than one top-level name: line"
    return "".join(kept)


def override(compose: dict, images: dict[str, str], subnets) -> dict:
    """The test's override: images, this run's label everywhere, test-pool subnets.

    1.29 replaces a top-level network or volume wholesale when an override names it (v2
    merges), so each keeps compose.yaml's own settings (`internal: true`, ...) here."""
    services = {
        name: {"image": images[name], "labels": dict(LABELS)} for name in compose["services"]
    }
    networks = {
        name: {
            **(spec or {}),
            "labels": {**(spec or {}).get("labels", {}), **LABELS},
            "ipam": {"config": [{"subnet": subnets.next()}]},
        }
        for name, spec in compose.get("networks", {}).items()
    }
    volumes = {
        name: {**(spec or {}), "labels": {**(spec or {}).get("labels", {}), **LABELS}}
        for name, spec in compose.get("volumes", {}).items()
    }
    return {"services": services, "networks": networks, "volumes": volumes}


class ComposeStack:
    def __init__(self, api: docker.APIClient, workdir: Path, compose_text: str, images, subnets):
        self.api = api
        self.project = f"dnd-test-{RUN_ID}"
        self.admin_password = "compose-admin-" + secrets.token_hex(6)
        compose = yaml.safe_load(_filled(compose_text))
        self.compose = compose
        self.file = workdir / "compose.yaml"
        self.file.write_text(compatible_copy(compose_text))
        self.override_file = workdir / "override.yaml"
        self.override_file.write_text(yaml.safe_dump(override(compose, images, subnets)))
        self.env = {
            **os.environ,
            "POSTGRES_PASSWORD": "compose-pg-" + secrets.token_hex(6),
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
            "DASHBOARD_ADMIN_PASSWORD": self.admin_password,
            "DASHBOARD_PROBE_TOKEN": secrets.token_urlsafe(32),
        }
        self.anonymous_volumes: set[str] = set()
        self.up = False
        self._lock = None

    # --- Compose -------------------------------------------------------------------------

    def compose_cli(self, *args: str, timeout: float = 300) -> str:
        command = ["docker-compose", "--ansi", "never", "-p", self.project]
        command += ["-f", str(self.file), "-f", str(self.override_file), *args]
        done = subprocess.run(
            command, env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode:
            said = (done.stdout + done.stderr)[-4000:]
            raise RuntimeError(f"docker-compose {' '.join(args)} failed:\n{said}")
        return done.stdout + done.stderr

    def start(self) -> None:
        self._take_ports()
        self.up = True  # from here on, down() has something to take away
        self.compose_cli("up", "-d", "--no-build")
        self._note_volumes()

    def down(self) -> None:
        self._note_volumes()
        self.compose_cli("down", "-v", "--remove-orphans")
        self.up = False

    def cleanup(self) -> None:
        """Whatever happened: down -v, then remove what is left of this project and run."""
        try:
            if self.up:
                self.down()
        except (RuntimeError, subprocess.TimeoutExpired):
            pass  # the sweep below does it
        both = {"label": [f"{PROJECT_LABEL}={self.project}", f"{RUN_LABEL}={RUN_ID}"]}
        for c in self.api.containers(all=True, filters=both):
            _quietly(self.api.remove_container, c["Id"], force=True, v=True)
        for n in self.api.networks(filters=both):
            _quietly(self.api.remove_network, n["Id"])
        for v in self.api.volumes(filters=both)["Volumes"] or []:
            _quietly(self.api.remove_volume, v["Name"])
        for name in self.anonymous_volumes:
            _quietly(self.api.remove_volume, name)
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def left(self) -> dict[str, list[str]]:
        """What of this project is still there: containers, networks, volumes."""
        mine = {"label": f"{PROJECT_LABEL}={self.project}"}
        volumes = {v["Name"] for v in self.api.volumes(filters=mine)["Volumes"] or []}
        volumes |= {v["Name"] for v in self.api.volumes()["Volumes"] or []} & (
            self.anonymous_volumes
        )
        return {
            "containers": [c["Names"][0] for c in self.api.containers(all=True, filters=mine)],
            "networks": [n["Name"] for n in self.api.networks(filters=mine)],
            "volumes": sorted(volumes),
        }

    # --- What it runs --------------------------------------------------------------------

    def containers(self, service: str) -> list[dict]:
        flt = {"label": [f"{PROJECT_LABEL}={self.project}", f"{SERVICE_LABEL}={service}"]}
        found = self.api.containers(all=True, filters=flt)
        return [self.api.inspect_container(c["Id"]) for c in found]

    def networks(self) -> dict[str, dict]:
        """compose.yaml's network name -> the network Docker made for it."""
        found = self.api.networks(filters={"label": f"{PROJECT_LABEL}={self.project}"})
        return {
            n["Labels"]["com.docker.compose.network"]: self.api.inspect_network(n["Id"])
            for n in found
        }

    def replica_url(self, container: dict) -> str:
        binding = container["NetworkSettings"]["Ports"]["8000/tcp"][0]
        return f"http://{binding['HostIp']}:{binding['HostPort']}"

    def login(self, url: str) -> requests.Session:
        s = requests.Session()
        s.get(url + "/login/", timeout=10)
        answer = s.post(
            url + "/login/",
            data={
                "username": "admin",
                "password": self.admin_password,
                "csrfmiddlewaretoken": s.cookies["csrftoken"],
            },
            headers={"Referer": url + "/login/"},
            allow_redirects=False,
            timeout=10,
        )
        assert answer.status_code == 302, answer.text[:500]
        return s

    # --- Helpers -------------------------------------------------------------------------

    def _take_ports(self) -> None:
        self._lock = PORTS_LOCK.open("w")

        def locked() -> bool:
            try:
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                return False

        if not eventually(locked, 600, interval=1):
            raise RuntimeError(f"another compose test held {PORTS_LOCK} for 10 min")
        if taken := [p for p in PORTS if not _free(p)]:
            raise RuntimeError(
                f"127.0.0.1:{taken} are taken by something else; compose.yaml publishes "
                f"the replicas on 127.0.0.1:{PORTS[0]}-{PORTS[-1]}"
            )

    def _note_volumes(self) -> None:
        flt = {"label": f"{PROJECT_LABEL}={self.project}"}
        for c in self.api.containers(all=True, filters=flt):
            for m in c.get("Mounts", []):
                if m.get("Type") == "volume" and len(m.get("Name", "")) == 64:
                    self.anonymous_volumes.add(m["Name"])


def _filled(text: str) -> str:
    """Compose's ${VAR...} filled in with a value, to read the file's settings."""
    return re.sub(r"\$\{[^}]*\}", "value", text)


def _free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _quietly(call, *args, **kwargs) -> None:
    try:
        call(*args, **kwargs)
    except docker.errors.NotFound:
        pass
    except (docker.errors.APIError, requests.RequestException):
        time.sleep(0.5)  # a network whose endpoints are going, a slow daemon: once more
        try:
            call(*args, **kwargs)
        except (docker.errors.APIError, requests.RequestException):
            pass
