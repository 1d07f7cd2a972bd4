"""compose.yaml, held to the code it deploys: the socket proxy opens exactly the endpoint
groups the engine client's allow-list needs, only the proxy holds the Docker socket, and the
dashboard's settings are ones it reads. test_compose_up.py brings it up with docker-compose."""

import re
from urllib.parse import urlsplit

import pytest
import yaml

from dashboard.engine.client import ALLOWED_ENDPOINTS
from scripts.harness.server import ROOT

# docker-socket-proxy's switch for each first path segment; POST opens every write method.
SECTIONS = {"_ping": "PING", "version": "VERSION", "info": "INFO", "events": "EVENTS",
            "networks": "NETWORKS", "containers": "CONTAINERS", "nodes": "NODES",
            "services": "SERVICES", "tasks": "TASKS"}  # fmt: skip


@pytest.fixture(scope="module")
def compose():
    # Compose's ${VAR:?message} filled in as it would be, with a value.
    text = re.sub(r"\$\{[^}]*\}", "value", (ROOT / "compose.yaml").read_text())
    return yaml.safe_load(text)


def needed_sections() -> set[str]:
    needed = {SECTIONS[path.strip("/").split("/")[0]] for _, path in ALLOWED_ENDPOINTS}
    if any(method != "GET" for method, _ in ALLOWED_ENDPOINTS):
        needed.add("POST")
    return needed


def test_the_socket_proxy_opens_exactly_what_the_dashboard_calls(compose):
    env = compose["services"]["socket-proxy"]["environment"]
    assert {k for k, v in env.items() if str(v) == "1"} == needed_sections()


def test_only_the_socket_proxy_and_the_asked_for_probe_hold_the_docker_socket(compose):
    services = compose["services"]
    holders = [
        name
        for name, s in services.items()
        if any("docker.sock" in str(v) for v in s.get("volumes", []))
    ]
    assert sorted(holders) == ["probe", "socket-proxy"]
    assert services["probe"]["profiles"] == ["probe"]  # not started by a plain `up`
    for name in holders:
        assert all(v.endswith(":ro") for v in services[name]["volumes"])
    docker_host = urlsplit(services["dashboard"]["environment"]["DOCKER_HOST"])
    assert docker_host.scheme == "tcp" and docker_host.hostname == "socket-proxy"


def test_the_probe_has_the_host_s_view_and_only_the_rights_it_reads_with(compose):
    probe, dashboard = compose["services"]["probe"], compose["services"]["dashboard"]
    assert probe["network_mode"] == "host" and probe["pid"] == "host"
    assert probe["cap_drop"] == ["ALL"] and sorted(probe["cap_add"]) == ["NET_ADMIN", "SYS_PTRACE"]
    assert probe["read_only"] is True and "no-new-privileges:true" in probe["security_opt"]
    assert probe["image"] == dashboard["image"]
    # It reports with the dashboard's own token to a port the dashboard publishes on the
    # host, and the replicas share its reports through Redis.
    assert (
        probe["environment"]["DASHBOARD_PROBE_TOKEN"]
        == (dashboard["environment"]["DASHBOARD_PROBE_TOKEN"])
    )
    command = probe["command"]
    report = urlsplit(command[command.index("--report") + 1])
    published = dashboard["ports"][0].rsplit(":", 1)[0]  # 127.0.0.1:8000-8001
    host, first = published.split(":")[0], int(published.split(":")[1].split("-")[0])
    assert (report.hostname, report.port) == (host, first)
    assert dashboard["environment"]["DASHBOARD_REDIS_URL"]


def test_the_dashboard_runs_two_replicas_that_reach_redis_and_postgres(compose):
    services, networks = compose["services"], compose["networks"]
    dashboard = services["dashboard"]
    assert dashboard["deploy"]["replicas"] == 2 and dashboard["build"] == "."
    env = dashboard["environment"]
    for setting, service in (
        ("DASHBOARD_REDIS_URL", "redis"),
        ("DASHBOARD_DATABASE_URL", "postgres"),
        ("DOCKER_HOST", "socket-proxy"),
    ):
        assert urlsplit(env[setting]).hostname == service
        assert set(services[service]["networks"]) & set(dashboard["networks"])
    # The stores and the proxy have no network with a way out.
    for name in ("redis", "postgres", "socket-proxy"):
        assert all(networks[n].get("internal") for n in services[name]["networks"]), name


def test_every_setting_the_compose_file_gives_is_one_the_dashboard_documents(compose):
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"`((?:DASHBOARD|DJANGO|DOCKER)_[A-Z_]+)`", readme))
    given = set(compose["services"]["dashboard"]["environment"])
    assert given <= documented, given - documented
