"""A second dockerd owned by the test run, on its own socket, for multi-engine, swarm and
fault tests: stopping it never disturbs the main daemon.

Measured here: a second dockerd started with `--bridge none` deletes the host's docker0 as
it starts (libnetwork removes the default bridge interface when the bridge is disabled), and
one started without `--bridge` takes docker0 over. So it gets a bridge of its own, made by
the test, and a docker_gwbridge with its own bridge name before swarm init.
"""

import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import docker

from scripts.harness.docker_env import RUN_ID

BRIDGE = f"dash-{RUN_ID[:6]}-br"  # Linux interface names are at most 15 characters
GW_BRIDGE = f"dash-{RUN_ID[:6]}-gw"


class SecondEngine:
    def __init__(self, bridge_cidr: str, gw_subnet: str):
        self.dir = Path(tempfile.mkdtemp(prefix=f"dash-e2-{RUN_ID}-"))
        self.socket = self.dir / "docker.sock"
        self.url = f"unix://{self.socket}"
        self.bridge_cidr = bridge_cidr
        self.gw_subnet = gw_subnet
        self.proc: subprocess.Popen | None = None
        self.log = open(self.dir / "dockerd.log", "ab")  # noqa: SIM115 - lives with the daemon

    def api(self, timeout: int = 10) -> docker.APIClient:
        return docker.APIClient(base_url=self.url, timeout=timeout, version="auto")

    def start(self) -> None:
        if subprocess.run(["ip", "link", "show", BRIDGE], capture_output=True).returncode:
            subprocess.run(["ip", "link", "add", BRIDGE, "type", "bridge"], check=True)
            subprocess.run(["ip", "addr", "add", self.bridge_cidr, "dev", BRIDGE], check=True)
        self.proc = subprocess.Popen(
            [
                "dockerd",
                f"--data-root={self.dir / 'data'}",
                f"--exec-root={self.dir / 'exec'}",
                f"--pidfile={self.dir / 'docker.pid'}",
                f"--host={self.url}",
                f"--bridge={BRIDGE}",
                "--iptables=false",
                "--ip-masq=false",
            ],
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.api(timeout=2).ping()
                return
            except Exception:  # noqa: BLE001 - not up yet
                if self.proc.poll() is not None:
                    break
                time.sleep(0.2)
        raise RuntimeError(f"the second dockerd did not start; see {self.dir / 'dockerd.log'}")

    def stop(self) -> None:
        stop_daemon(self.proc)
        self.proc = None

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def init_swarm(self) -> None:
        api = self.api()
        if (api.info().get("Swarm") or {}).get("LocalNodeState") == "active":
            return
        if not api.networks(names=["docker_gwbridge"]):
            api.create_network(
                "docker_gwbridge",
                driver="bridge",
                ipam=docker.types.IPAMConfig(
                    pool_configs=[docker.types.IPAMPool(subnet=self.gw_subnet)]
                ),
                options={
                    "com.docker.network.bridge.name": GW_BRIDGE,
                    "com.docker.network.bridge.enable_icc": "false",
                    "com.docker.network.bridge.enable_ip_masquerade": "false",
                },
            )
        # Ports of our own choosing: a swarm of the user's may hold 2377 and 4789.
        api.init_swarm(
            advertise_addr="127.0.0.1",
            listen_addr=f"127.0.0.1:{free_port(socket.SOCK_STREAM)}",
            data_path_port=free_port(socket.SOCK_DGRAM),
        )

    def destroy(self) -> None:
        """Leave swarm, stop, and remove every trace: the daemon and all in it are ours."""
        if self.running():
            try:
                api = self.api()
                for c in api.containers(all=True):
                    api.remove_container(c["Id"], force=True)
                if (api.info().get("Swarm") or {}).get("LocalNodeState") == "active":
                    api.leave_swarm(force=True)
                for n in api.networks(names=["docker_gwbridge"]):
                    api.remove_network(n["Id"])
            except Exception:  # noqa: BLE001, S110 - best effort; the bridges go below
                pass
        self.stop()
        for name in (GW_BRIDGE, BRIDGE):
            subprocess.run(["ip", "link", "del", name], capture_output=True)
        subprocess.run(["umount", "-R", str(self.dir)], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.log.close()


def stop_daemon(proc: subprocess.Popen | None) -> None:
    """SIGTERM, as a clean stop; SIGKILL if it has not gone within 20 s."""
    if proc is not None and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def free_port(kind: int) -> int:
    """A free port in 20000-49151 (swarm refuses data path ports above 49151)."""
    for _ in range(100):
        port = random.randint(20000, 49151)
        with socket.socket(socket.AF_INET, kind) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


def available() -> str:
    """Why a second daemon cannot run here, or '' when it can."""
    if os.geteuid() != 0:
        return "a second dockerd needs root"
    if not shutil.which("dockerd"):
        return "dockerd is not installed"
    return ""
