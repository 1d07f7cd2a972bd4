"""The container image, as users run it: the Dockerfile built (with no network, on a Debian
base that scripts/image-inputs.sh made with debootstrap), started against a real engine,
logged into, non-root, healthy by its own check, and still right after its engine restarts.
The image is built once a session (conftest.py), for the compose test too."""

import os
import socket
import time

import requests

from scripts.harness import docker_env
from scripts.harness.docker_env import LABELS
from scripts.harness.engine2 import free_port
from tests.harness.wait import eventually

PASSWORD = "image-admin-password-1"


def run(docker_api, image, engines_url: str, mount: tuple[str, str], group: int) -> tuple:
    """Start the image as the README says: the socket mounted read-only, its group added."""
    port = free_port(socket.SOCK_STREAM)
    container = docker_api.create_container(
        image,
        labels=LABELS,
        environment={"DASHBOARD_ADMIN_PASSWORD": PASSWORD, "DASHBOARD_ENGINES": engines_url},
        ports=[8000],
        host_config=docker_api.create_host_config(
            binds={mount[0]: {"bind": mount[1], "mode": "ro"}},
            group_add=[str(group)],
            port_bindings={8000: ("127.0.0.1", port)},
        ),
    )["Id"]
    docker_api.start(container)
    return container, f"http://127.0.0.1:{port}"


def login(url: str) -> requests.Session:
    s = requests.Session()
    # Migrations and the first user come first: over 30 s on a loaded 2-core machine.
    assert eventually(lambda: _answers(url), 90), "the dashboard in the image never answered"
    s.get(url + "/login/")
    token = s.cookies["csrftoken"]
    answer = s.post(
        url + "/login/",
        data={"username": "admin", "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": url + "/login/"},
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text[:500]
    return s


def _answers(url: str) -> bool:
    try:
        return requests.get(url + "/healthz", timeout=1).ok
    except requests.RequestException:
        return False


def health(docker_api, container) -> str:
    return (docker_api.inspect_container(container)["State"].get("Health") or {}).get("Status", "")


def in_container(docker_api, container, *command) -> str:
    run_id = docker_api.exec_create(container, list(command))["Id"]
    return docker_api.exec_start(run_id).decode()


def test_the_image_runs_non_root_turns_healthy_and_shows_docker_as_it_is(
    docker_api, dashboard_image, make
):
    sock = "/var/run/docker.sock"
    container, url = run(docker_api, dashboard_image, "local=", (sock, sock), os.stat(sock).st_gid)
    try:
        net = make.network()
        make.container(network=net["Name"])
        session = login(url)

        # The main engine is shared: what this run owns is judged (its network and
        # container, the image's own container, and the built-in networks they are on).
        def equal() -> bool:
            topology = session.get(url + "/api/topology").json()
            seen = docker_env.from_api(topology, "local", run_only=True)
            return seen == docker_env.truth(docker_api, run_only=True)

        assert eventually(equal, 10)
        config = docker_api.inspect_container(container)["Config"]
        assert config["User"] == "10001"
        status = in_container(docker_api, container, "cat", "/proc/1/status").splitlines()
        uids = next(line for line in status if line.startswith("Uid:"))
        assert set(uids.split()[1:]) == {"10001"}  # real, effective, saved, fs: none is root
        assert eventually(lambda: health(docker_api, container) == "healthy", 40)
        # Static files are built in and served.
        assert session.get(url + "/static/vendor/cytoscape/cytoscape.esm.min.mjs").ok
    finally:
        # v: the anonymous volume the image's VOLUME /var/lib/dashboard made goes too.
        docker_api.remove_container(container, force=True, v=True)


def test_the_image_survives_its_engine_restarting(docker_api, dashboard_image, engine2_up):
    # The socket's directory is mounted, not the socket: a restarted daemon makes a new one.
    engine2_up.dir.chmod(0o711)
    group = os.stat(engine2_up.socket).st_gid
    e2 = "e2=unix:///run/engine2/docker.sock"
    mount = (str(engine2_up.dir), "/run/engine2")
    container, url = run(docker_api, dashboard_image, e2, mount, group)
    try:
        session = login(url)
        status = lambda: session.get(url + "/healthz").json()["engines"]["e2"]  # noqa: E731
        assert eventually(lambda: status() == "connected", 10)
        engine2_up.stop()
        assert eventually(lambda: status() == "disconnected", 15)
        engine2_up.start()
        assert eventually(lambda: status() == "connected", 15)
        api = engine2_up.api()

        def equal() -> bool:
            topology = session.get(url + "/api/topology").json()
            return docker_env.from_api(topology, "e2") == docker_env.truth(api)

        assert eventually(equal, 10)
        time.sleep(0.5)
        assert docker_api.inspect_container(container)["State"]["Running"]
    finally:
        # v: the anonymous volume the image's VOLUME /var/lib/dashboard made goes too.
        docker_api.remove_container(container, force=True, v=True)
