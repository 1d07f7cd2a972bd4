"""Two real Docker hosts on one machine, forming a two-node swarm.

Each host is a dockerd in network and UTS namespaces of its own (its own interfaces,
docker0 and hostname), the two linked by a veth pair. The overlay's VXLAN runs across that
link, so traffic between containers on the two hosts is real. Started with `nsenter
--net=...`, not `ip netns exec`, which remounts /sys and hides the cgroup mounts; and with
a private /etc/docker, or both daemons share key.json and report one engine ID.

Everything here is made by the test run (namespaces, veth, daemons, data directories) and
removed by `destroy`, whatever state it is in.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docker

from scripts.harness.docker_env import RUN_ID, import_image
from scripts.harness.engine2 import stop_daemon

SWARM_PORT = 2377
ROOT = Path(__file__).resolve().parents[2]


class Host:
    """One dockerd in its own namespaces, reached from the test through its socket."""

    def __init__(self, name: str, netns: str, address: str, root: Path):
        self.name = name  # also its hostname
        self.netns = netns
        self.address = address  # on the veth link, CIDR form
        self.dir = root / name
        self.socket = self.dir / "d.sock"
        self.url = f"unix://{self.socket}"
        self.proc: subprocess.Popen | None = None
        self.image = ""

    @property
    def ip(self) -> str:
        return self.address.split("/")[0]

    def api(self, timeout: int = 20) -> docker.APIClient:
        return docker.APIClient(base_url=self.url, timeout=timeout, version="auto")

    def start(self, fresh: bool = True) -> None:
        """Start the daemon, on a fresh data root unless restarting one that must stay in
        its swarm (in a namespace of its own, its leftovers touch only its own bridges)."""
        if fresh:
            shutil.rmtree(self.dir / "data", ignore_errors=True)
        (self.dir / "etc-docker").mkdir(parents=True, exist_ok=True)
        script = (
            f"mount --bind {self.dir}/etc-docker /etc/docker && hostname {self.name} && "
            f"exec dockerd --data-root {self.dir}/data --exec-root {self.dir}/exec "
            f"--pidfile {self.dir}/pid -H {self.url}"
        )
        log = open(self.dir / "dockerd.log", "ab")  # noqa: SIM115 - handed to the daemon
        # nsenter and unshare exec in turn, so the process is dockerd itself.
        self.proc = subprocess.Popen(
            [
                "nsenter",
                f"--net=/var/run/netns/{self.netns}",
                "unshare",
                "--uts",
                "--mount",
                "sh",
                "-c",
                script,
            ],
            stdout=log,
            stderr=log,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        self.wait_up()

    def wait_up(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                break
            try:
                self.api(timeout=2).ping()
                return
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.2)
        raise RuntimeError(f"dockerd of {self.name} did not start; see {self.dir}/dockerd.log")

    def stop(self) -> None:
        stop_daemon(self.proc)
        self.proc = None

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def run_plugin(self, name: str, module: str) -> subprocess.Popen:
        """Start the network driver plugin NAME (`python -m module NAME SOCKET`: the tests'
        is tests/harness/driver_plugin.py) in this host's network namespace, known to this
        host's daemon alone (a spec file in its private /etc/docker)."""
        sock = self.dir / f"plugin-{name}.sock"
        log = open(self.dir / f"plugin-{name}.log", "ab")  # noqa: SIM115 - handed to it
        proc = subprocess.Popen(
            [
                "nsenter",
                f"--net=/var/run/netns/{self.netns}",
                sys.executable,
                "-m",
                module,
                name,
                str(sock),
            ],
            cwd=ROOT,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + 10
        while not sock.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        specs = self.dir / "etc-docker" / "plugins"
        specs.mkdir(parents=True, exist_ok=True)
        (specs / f"{name}.spec").write_text(f"unix://{sock}\n")
        return proc

    def exec(self, container: str, *cmd: str) -> tuple[int, str]:
        """Run `cmd` in a container of this host: its exit code and output."""
        api = self.api()
        run = api.exec_create(container, list(cmd))
        out = api.exec_start(run["Id"]).decode(errors="replace")
        return api.exec_inspect(run["Id"])["ExitCode"], out


class TwoHosts:
    """hosta (the manager) and hostb (a worker), joined in one swarm."""

    def __init__(self, link_subnet: str):
        tag = RUN_ID[:6]
        self.root = Path(tempfile.mkdtemp(prefix=f"dash-2h-{RUN_ID}-"))
        base = link_subnet.rsplit(".", 1)[0]  # a /24 of the test pool
        self.veth = (f"d{tag}a", f"d{tag}b")  # interface names: 15 characters at most
        self.a = Host("hosta", f"dash-{tag}-a", f"{base}.1/24", self.root)
        self.b = Host("hostb", f"dash-{tag}-b", f"{base}.2/24", self.root)
        self.made_netns: list[str] = []

    @property
    def hosts(self) -> tuple[Host, Host]:
        return (self.a, self.b)

    def up(self) -> None:
        for h in self.hosts:
            _ip("netns", "add", h.netns)
            self.made_netns.append(h.netns)
        _ip("link", "add", self.veth[0], "type", "veth", "peer", "name", self.veth[1])
        for h, dev in zip(self.hosts, self.veth, strict=True):
            _ip("link", "set", dev, "netns", h.netns)
            _ip("-n", h.netns, "addr", "add", h.address, "dev", dev)
            _ip("-n", h.netns, "link", "set", "lo", "up")
            _ip("-n", h.netns, "link", "set", dev, "up")
        for h in self.hosts:
            h.dir.mkdir(parents=True, exist_ok=True)
            h.start()
            h.image = import_image(h.api(timeout=60))
        self.form_swarm()

    def form_swarm(self) -> None:
        self.a.api().init_swarm(advertise_addr=self.a.ip, listen_addr=f"{self.a.ip}:{SWARM_PORT}")
        self.join_b()

    def join_b(self) -> None:
        """hostb joins hosta's swarm as a worker; returns once the manager calls it ready."""
        a = self.a.api()
        self.b.api().join_swarm(
            [f"{self.a.ip}:{SWARM_PORT}"],
            a.inspect_swarm()["JoinTokens"]["Worker"],
            advertise_addr=self.b.ip,
            listen_addr=f"{self.b.ip}:{SWARM_PORT}",
        )
        node = self.b.api().info()["Swarm"]["NodeID"]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if a.inspect_node(node)["Status"]["State"] == "ready":
                return
            time.sleep(0.2)
        raise RuntimeError("hostb did not join hosta's swarm as a ready node")

    def destroy(self) -> None:
        """Stop both daemons and remove every trace, whatever the state."""
        for h in self.hosts:
            if h.running():
                try:
                    h.api(timeout=10).leave_swarm(force=True)
                except Exception:  # noqa: BLE001, S110 - best effort; the daemon goes next
                    pass
            h.stop()
        for ns in self.made_netns:
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)  # veth goes too
        subprocess.run(["umount", "-R", str(self.root)], capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True)


def available() -> str:
    """Why two hosts cannot run here, or '' when they can."""
    if os.geteuid() != 0:
        return "two Docker hosts need root"
    for tool in ("dockerd", "nsenter", "unshare", "ip"):
        if not shutil.which(tool):
            return f"{tool} is not installed"
    return ""
