"""Fixtures shared by the suite: a real Docker Engine, labelled test objects that are always
removed, the dashboard's hub running against the engine, and logged-in clients."""

import itertools
import os
import time

import docker
import pytest

from dashboard.live.hub import Hub
from dashboard.live.registry import set_hub
from scripts.harness import docker_env
from scripts.harness.docker_env import IMAGE, LABELS, RUN_ID

# `make run` serves without this escape hatch, so an ORM call made on an event loop's thread
# fails there: it must fail here too, whoever runs the suite and however.
os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="session")
def docker_api():
    api = docker.APIClient(version="auto", timeout=30)
    try:
        api.ping()
    except Exception as e:  # noqa: BLE001 - whatever the reason, the suite cannot run
        pytest.exit(f"No Docker Engine answers ({e}); `make test` starts one.", returncode=3)
    yield api
    docker_env.cleanup(api)
    try:
        api.remove_image(IMAGE, force=True)
    except docker.errors.APIError:
        pass


@pytest.fixture(scope="session")
def image(docker_api):
    return docker_env.import_image(docker_api)


@pytest.fixture(scope="session")
def subnets(docker_api):
    return docker_env.Subnets(docker_api)


class Maker:
    """Creates labelled networks and containers, and removes exactly them afterwards."""

    _names = itertools.count(1)

    def __init__(self, api, image, subnets):
        self.api, self.image, self.subnets = api, image, subnets
        self.networks: list[str] = []
        self.containers: list[str] = []

    def name(self, kind: str) -> str:
        return f"t{RUN_ID[:6]}-{kind}{next(self._names)}"

    def network(self, name=None, subnet="auto", driver="bridge", labels=None, **kwargs) -> dict:
        ipam = None
        if subnet:
            subnet = self.subnets.next() if subnet == "auto" else subnet
            ipam = docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet=subnet)])
        answer = self.api.create_network(
            name or self.name("net"),
            driver=driver,
            ipam=ipam,
            labels={**LABELS, **(labels or {})},
            **kwargs,
        )
        self.networks.append(answer["Id"])
        return self.api.inspect_network(answer["Id"])

    def container(self, name=None, network=None, start=True, command="sleep 3600", **kwargs):
        host_config = self.api.create_host_config(
            network_mode=network or "bridge", init=False, **kwargs.pop("host", {})
        )
        answer = self.api.create_container(
            self.image,
            command=command,
            name=name or self.name("ctr"),
            labels={**LABELS, **kwargs.pop("labels", {})},
            host_config=host_config,
            stop_signal="SIGKILL",
            **kwargs,
        )
        self.containers.append(answer["Id"])
        if start:
            self.api.start(answer["Id"])
        return answer["Id"]

    def cleanup(self) -> None:
        for cid in reversed(self.containers):
            try:
                self.api.remove_container(cid, force=True)
            except docker.errors.NotFound:
                pass
        for nid in reversed(self.networks):
            for _ in range(5):
                try:
                    self.api.remove_network(nid)
                    break
                except docker.errors.NotFound:
                    break
                except docker.errors.APIError:
                    time.sleep(0.3)


@pytest.fixture
def make(docker_api, image, subnets):
    maker = Maker(docker_api, image, subnets)
    yield maker
    maker.cleanup()


def start_hub(engines: dict[str, str], **kwargs) -> Hub:
    hub = Hub(engines, resync_seconds=kwargs.pop("resync_seconds", 3600), **kwargs)
    hub.start_in_thread()
    set_hub(hub)
    return hub


@pytest.fixture
def hub(docker_api):
    hub = start_hub({"local": ""})
    assert hub.synced(15), "the hub did not sync with the local engine"
    yield hub
    hub.stop_thread()
    set_hub(None)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Login tests make dozens of attempts: a cheap hash keeps them quick (tests only)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def operator(django_user_model):
    from dashboard.accounts.roles import OPERATOR, give_role

    user = django_user_model.objects.create_user("op", password="op-password-1")
    give_role(user, OPERATOR)
    return user


@pytest.fixture
def viewer(django_user_model):
    from dashboard.accounts.roles import VIEWER, give_role

    user = django_user_model.objects.create_user("viewer", password="viewer-password-1")
    give_role(user, VIEWER)
    return user


@pytest.fixture
def op_client(client, operator):
    client.force_login(operator)
    return client


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


@pytest.fixture(scope="session")
def engine2(docker_api, subnets):
    """A second dockerd owned by this run, swarm-capable; destroyed at the end."""
    from scripts.harness import engine2 as e2

    why = e2.available()
    if why:
        pytest.skip(why)
    bridge = subnets.next()
    gw = subnets.next()
    engine = e2.SecondEngine(bridge_cidr=bridge.replace(".0/24", ".1/24"), gw_subnet=gw)
    engine.start()
    engine.image = docker_env.import_image(engine.api(timeout=60))
    yield engine
    engine.destroy()


@pytest.fixture
def engine2_up(engine2):
    """The second engine, running (a fault test before may have stopped it)."""
    if not engine2.running():
        engine2.start()
    return engine2


@pytest.fixture
def make_e2(engine2_up, subnets):
    """A Maker on the run's own second daemon: nothing but this run changes that engine, so
    a test may judge the whole of it (a user's own containers, or another test run, change
    the main engine at any moment)."""
    maker = Maker(engine2_up.api(timeout=60), engine2_up.image, subnets)
    yield maker
    maker.cleanup()


@pytest.fixture(scope="session")
def two_hosts(docker_api, subnets):
    """Two real Docker hosts (network namespaces, a veth link) in one swarm; hosta is
    the manager. Made once per session, when a test asks, and removed at its end."""
    from scripts.harness import two_hosts as th

    why = th.available()
    if why:
        pytest.skip(why)
    hosts = th.TwoHosts(link_subnet=subnets.next())
    try:
        hosts.up()
        yield hosts
    finally:
        hosts.destroy()


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through Playwright, one per test module. Playwright's sync API
    leaves its event loop marked as running on the main thread for as long as it lives,
    which makes the ORM refuse to run (SynchronousOnlyOperation) and pytest-asyncio refuse
    to start a loop: it must end with the module that drew with it, so that nothing after
    runs beside it (and a second one starts only once the first is gone)."""
    from playwright.sync_api import sync_playwright

    from scripts.harness.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A redis-server of the test run's own, on loopback, for the whole session."""
    from scripts.harness import redis_server

    if why := redis_server.available():
        pytest.skip(why)
    server = redis_server.RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server.url
    server.stop()
