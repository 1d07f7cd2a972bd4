"""compose.yaml brought up by a real Compose (Debian's docker-compose 1.29) on the real
engine: two replicas answer, exactly one watches Docker, the map either serves equals
Docker as seen through the socket proxy, killing the leader hands the watch to the other,
and `docker-compose down -v` leaves nothing of the stack behind.

The images compose.yaml names cannot be pulled here: an override file points it at the
dashboard image this session built and at offline stand-ins for Redis, PostgreSQL and
docker-socket-proxy (tests/deploy/standins/README.md says what they are and are not).
"""

import shutil
import time

import pytest
import requests

from scripts.harness import docker_env
from scripts.harness.server import ROOT
from tests.deploy.conftest import offline_input
from tests.harness.compose_stack import ComposeStack
from tests.harness.wait import eventually

pytestmark = pytest.mark.skipif(
    shutil.which("docker-compose") is None,
    reason="docker-compose is not installed, and `make system` (scripts/ensure-system.sh) "
    "could not install Debian's docker-compose package on this machine",
)
SERVICES = ("dashboard", "socket-proxy", "redis", "postgres")
TAKEOVER = 15  # s; the promise is about 3.5 s, this leaves room on a loaded machine


@pytest.fixture(scope="module")
def stack(docker_api, dashboard_image, subnets, tmp_path_factory):
    standins = dict(line.split("=", 1) for line in offline_input("standins").split())
    images = {"dashboard": dashboard_image, "probe": dashboard_image, **standins}
    text = (ROOT / "compose.yaml").read_text()
    s = ComposeStack(docker_api, tmp_path_factory.mktemp("compose"), text, images, subnets)
    try:
        yield s
    finally:
        s.cleanup()


@pytest.fixture
def running(stack):
    """The stack up, both replicas answering and one of them leading, before each test."""
    if not stack.up:
        stack.start()
    for c in replicas(stack):
        if not c["State"]["Running"]:
            stack.api.start(c["Id"])
    assert eventually(lambda: sorted(roles(stack)) == ["follower", "leader"], 180), roles(stack)
    return stack


def replicas(stack) -> list[dict]:
    return stack.containers("dashboard")


def health(url: str) -> dict:
    return requests.get(url + "/healthz", timeout=3).json()


def roles(stack) -> list[str]:
    return [role(stack.replica_url(c)) for c in replicas(stack)]


def role(url: str) -> str:
    try:
        return health(url)["role"]
    except (requests.RequestException, KeyError, TypeError, ValueError):
        return "down"


def leader_and_follower(stack) -> tuple[dict, dict]:
    by_role = {role(stack.replica_url(c)): c for c in replicas(stack)}
    return by_role["leader"], by_role["follower"]


def stack_view(view: dict, networks: set[str], containers: set[str]) -> dict:
    """truth()'s shape, kept to the given networks and containers."""
    return {
        "networks": {k: v for k, v in view["networks"].items() if k in networks},
        "containers": {k: v for k, v in view["containers"].items() if k in containers},
        "endpoints": {k: v for k, v in view["endpoints"].items() if k[1] in containers},
    }


def map_equals_docker(stack, url, session, networks, containers) -> bool:
    topology = session.get(url + "/api/topology", timeout=10).json()
    seen = stack_view(docker_env.from_api(topology, "local"), networks, containers)
    truth = stack_view(docker_env.truth(stack.api), networks, containers)
    return seen == truth


def test_it_runs_every_service_as_the_file_says_with_the_socket_in_the_proxy_alone(running):
    assert len(replicas(running)) == running.compose["services"]["dashboard"]["deploy"]["replicas"]
    # Only the proxy holds the Docker socket; the replicas reach it over tcp.
    for service in SERVICES:
        for c in running.containers(service):
            assert c["State"]["Running"], (service, c["State"])
            sockets = [m for m in c["Mounts"] if m.get("Source") == "/var/run/docker.sock"]
            if service == "socket-proxy":
                assert [m["RW"] for m in sockets] == [False]
                assert c["HostConfig"]["ReadonlyRootfs"]
            else:
                assert sockets == [], service
    # The networks are what compose.yaml says (1.29's override would have dropped
    # `internal: true` had the harness not carried it over), and labelled for this run.
    made = running.networks()
    assert set(made) == set(running.compose["networks"])
    for name, spec in running.compose["networks"].items():
        assert made[name]["Internal"] == bool((spec or {}).get("internal")), name
        assert made[name]["Labels"][docker_env.RUN_LABEL] == docker_env.RUN_ID
    # The replicas answer on the host ports the file publishes.
    urls = sorted(running.replica_url(c) for c in replicas(running))
    assert urls == ["http://127.0.0.1:8000", "http://127.0.0.1:8001"]


def test_exactly_one_replica_leads_and_either_serves_docker_as_the_proxy_shows_it(running, make):
    for _ in range(10):  # and it stays so
        assert sorted(roles(running)) == ["follower", "leader"]
        for c in replicas(running):
            assert health(running.replica_url(c))["engines"] == {"local": "connected"}
        time.sleep(0.2)
    net = make.network()
    cid = make.container(network=net["Name"])
    networks = {n["Id"] for n in running.networks().values()} | {net["Id"]}
    containers = {c["Id"] for s in SERVICES for c in running.containers(s)} | {cid}
    for c in replicas(running):
        url = running.replica_url(c)
        session = running.login(url)
        assert eventually(
            lambda url=url, session=session: map_equals_docker(
                running, url, session, networks, containers
            ),
            15,
        ), url
        # Seen by the dashboard, not only by the test: a map that left them out would fail.
        topology = session.get(url + "/api/topology", timeout=10).json()
        assert containers <= {x["id"] for x in topology["containers"]}


def test_killing_the_leader_hands_the_watch_to_the_other_replica(running, make):
    leader, follower = leader_and_follower(running)
    leader_url, follower_url = running.replica_url(leader), running.replica_url(follower)
    session = running.login(follower_url)
    running.api.kill(leader["Id"])
    assert eventually(lambda: role(follower_url) == "leader", TAKEOVER), roles(running)
    # The new leader watches: its map shows the old leader dead, and a change made now.
    net = make.network()
    cid = make.container(network=net["Name"])
    networks = {n["Id"] for n in running.networks().values()} | {net["Id"]}
    containers = {c["Id"] for s in SERVICES for c in running.containers(s)} | {cid}

    def current() -> bool:
        return map_equals_docker(running, follower_url, session, networks, containers)

    assert eventually(current, 15)
    # The old leader, back, follows the one that leads now.
    if not running.api.inspect_container(leader["Id"])["State"]["Running"]:
        running.api.start(leader["Id"])
    assert eventually(lambda: role(leader_url) == "follower", 180)
    assert health(follower_url)["role"] == "leader"


def test_the_asked_for_probe_shows_both_replicas_each_replica_talking_to_redis(running):
    assert running.containers("probe") == []  # a plain `up` leaves it out
    running.compose_cli("--profile", "probe", "up", "-d", "--no-build", "probe")
    [probe] = running.containers("probe")
    host = probe["HostConfig"]
    assert host["NetworkMode"] == "host" and host["PidMode"] == "host" and host["ReadonlyRootfs"]
    assert host["CapDrop"] == ["ALL"]
    assert {c.removeprefix("CAP_") for c in host["CapAdd"]} == {"NET_ADMIN", "SYS_PTRACE"}
    [redis] = running.containers("redis")
    ids = {c["Id"] for c in replicas(running)}
    # The replicas hold connections to Redis all the time (the lease, the channel layer):
    # the probe reports to the first replica, and each replica answers with all it said.
    for url in ("http://127.0.0.1:8000", "http://127.0.0.1:8001"):
        session = running.login(url)

        def talking(url=url, session=session):
            answer = session.get(url + "/api/flows?window=1m", timeout=10)
            flows = answer.json()["flows"] if answer.status_code == 200 else []
            return {
                f["client"]["id"]
                for f in flows
                if f["server"]["id"] == redis["Id"] and f["port"] == 6379
            }

        assert eventually(lambda talking=talking: talking() == ids, 60), (url, talking())


def test_down_removes_every_container_network_and_volume_of_the_stack(running):
    assert all(running.left().values()), running.left()  # there was something to remove
    volumes = running.left()["volumes"]
    assert any(v.endswith("_postgres-data") for v in volumes), volumes
    running.down()
    assert running.left() == {"containers": [], "networks": [], "volumes": []}
