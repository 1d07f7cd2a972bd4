"""What the measures run against: a dockerd owned by the bench (the main daemon and its
containers are left alone), a counting socket proxy in front of it, and a dashboard
started as `make run` starts it, watching that engine; the containers and networks made on
it. A Rig is a context manager: leaving it removes its containers and stops its dashboard,
proxy and engine, so that the next measure runs on a machine as quiet as it can be."""

import asyncio
import contextlib
import secrets
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docker
import requests

from scripts.harness import docker_env, redis_server
from scripts.harness.docker_env import LABELS
from scripts.harness.engine2 import SecondEngine
from scripts.harness.server import DashboardServer
from scripts.harness.socket_proxy import SocketProxy


class Rig:
    def __init__(self):
        self.api0 = docker.APIClient(version="auto")
        self.subnets = docker_env.Subnets(self.api0)
        bridge = self.subnets.next()
        self.engine = SecondEngine(bridge.replace(".0/24", ".1/24"), self.subnets.next())
        self.engine.start()
        self.api = self.engine.api(timeout=60)
        self.image = docker_env.import_image(self.api)
        self.proxy = SocketProxy(str(self.engine.socket), self.engine.dir / "count.sock")
        self.proxy.start()
        self.var = Path(tempfile.mkdtemp(prefix="dash-bench-"))
        self.probe_token = secrets.token_urlsafe(32)  # for the probe's rows
        self.server = DashboardServer(
            self.var,
            f"bench={self.engine.url}",
            DASHBOARD_PING_SECONDS="5",
            DASHBOARD_PROBE_TOKEN=self.probe_token,
        )
        self.server.start()
        self.http = self.login()
        self.networks: list[dict] = []
        self.containers: list[str] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def login(self) -> requests.Session:
        return self.server.login("viewer")

    def close(self):
        try:
            self.remove_containers()  # in parallel: the engine's own teardown goes one by one
        finally:  # a removal timed out on a loaded machine: the rest must still go
            self.server.stop()
            self.proxy.stop()
            self.engine.destroy()
            shutil.rmtree(self.var, ignore_errors=True)

    # Objects
    def make_networks(self, count):
        for _ in range(count):
            subnet = self.subnets.next()
            nid = self.api.create_network(
                f"bench-net-{len(self.networks)}",
                ipam=docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet=subnet)]),
                labels=LABELS,
            )["Id"]
            self.networks.append(self.api.inspect_network(nid))

    def make_containers(self, count, on_networks):
        def one(i):
            api = self.engine.api(timeout=60)
            net = self.networks[i % on_networks]["Name"]
            cid = api.create_container(
                self.image,
                "sleep 86400",
                labels=LABELS,
                stop_signal="SIGKILL",
                host_config=api.create_host_config(network_mode=net),
            )["Id"]
            api.start(cid)
            return cid

        start = len(self.containers)
        with ThreadPoolExecutor(8) as pool:
            self.containers += list(pool.map(one, range(start, start + count)))

    def make_created(self, count, on_networks):
        """Containers created and never started: what an engine holds by the thousand on a
        machine that could not run them all (each running one costs a shim process)."""

        def one(i):
            api = self.engine.api(timeout=60)
            return api.create_container(
                self.image,
                "sleep 86400",
                labels=LABELS,
                stop_signal="SIGKILL",
                host_config=api.create_host_config(
                    network_mode=self.networks[i % on_networks]["Name"]
                ),
            )["Id"]

        start = len(self.containers)
        with ThreadPoolExecutor(8) as pool:
            self.containers += list(pool.map(one, range(start, start + count)))

    def grow(self, total, on_networks):
        """Running containers up to `total`, once the dashboard holds them all."""
        self.make_containers(total - len(self.containers), on_networks)
        self.wait_dashboard(total)

    def created(self, count) -> list[str]:
        """Containers made (not started) before a clock runs, over the networks in turn."""
        return [
            self.api.create_container(
                self.image,
                "sleep 86400",
                labels=LABELS,
                stop_signal="SIGKILL",
                host_config=self.api.create_host_config(
                    network_mode=self.networks[i % len(self.networks)]["Name"]
                ),
            )["Id"]
            for i in range(count)
        ]

    def create_one(self) -> str:
        """A container made (not started) on the first network, for a measure to start."""
        return self.api.create_container(
            self.image,
            "sleep 86400",
            labels=LABELS,
            stop_signal="SIGKILL",
            host_config=self.api.create_host_config(network_mode=self.networks[0]["Name"]),
        )["Id"]

    def remove_containers(self):
        with ThreadPoolExecutor(8) as pool:
            list(
                pool.map(
                    lambda c: self.engine.api().remove_container(c, force=True), self.containers
                )
            )
        self.containers = []

    def wait_dashboard(self, containers):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            t = self.http.get(self.server.url + "/api/topology").json()
            if sum(1 for c in t["containers"] if c["engine"] == "bench") == containers:
                return
            time.sleep(0.2)

    async def drain(self, ws):
        while True:
            try:
                await asyncio.wait_for(ws.recv(), 0.05)
            except TimeoutError:
                return

    # Several processes
    def redis_cluster(self, processes: int) -> tuple:
        """`processes` daphne processes on one redis-server, as `make run` starts them with
        DASHBOARD_REDIS_URL: one of them takes the lease and watches the bench engine."""
        redis = redis_server.RedisServer(self.var)
        redis.start()
        servers = []
        for i in range(processes):
            var = Path(tempfile.mkdtemp(prefix=f"dash-bench-web{i}-"))
            servers.append(
                DashboardServer(var, f"bench={self.engine.url}", DASHBOARD_REDIS_URL=redis.url)
            )
            servers[-1].start()
        pairs = [(s, s.login("viewer")) for s in servers]
        for s, session in pairs:
            deadline = time.monotonic() + 30
            while session.get(s.url + "/healthz").json()["status"] != "ok":
                assert time.monotonic() < deadline, "the processes did not catch up"
                time.sleep(0.2)
        return redis, pairs

    def close_cluster(self, redis, pairs) -> None:
        for s, _ in pairs:
            s.stop()
            shutil.rmtree(s.var_dir, ignore_errors=True)
        redis.stop()


@contextlib.contextmanager
def local_dashboard(prefix: str):
    """A dashboard on the local engine, for the rows whose data is synthetic (routed into
    the page's socket): no engine of the bench's runs beside them."""
    var = Path(tempfile.mkdtemp(prefix=prefix))
    server = DashboardServer(var, "local=")
    server.start()
    try:
        yield server.url
    finally:
        server.stop()
        shutil.rmtree(var, ignore_errors=True)
