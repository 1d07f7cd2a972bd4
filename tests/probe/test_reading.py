"""The probe's reading on the real engine, checked against connections the test makes
between labelled containers: the kernel's tables are the facts, Docker names the ends."""

import io
import json
import socket

import pytest
from django.core.management import call_command

from dashboard.engine.client import EngineClient
from dashboard.probe.reading import read
from dashboard.topology.flows import CONTAINER, HOST, Flow, Peer
from tests.harness.wait import eventually
from tests.probe.conftest import PORT


@pytest.fixture
def client():
    c = EngineClient("local", "", 10)
    yield c
    c.close()


def mine(reading, ids):
    return [f for f in reading.flows if {f.client.id, f.server.id} & set(ids)]


def test_it_sees_the_connections_between_two_containers_once_each(client, talking):
    server, caller = talking
    expected = [Flow(Peer(CONTAINER, caller), Peer(CONTAINER, server), "tcp", PORT, 2)]
    assert eventually(lambda: mine(read(client), talking) == expected, timeout=15), mine(
        read(client), talking
    )


def test_the_host_calling_a_published_port_is_the_host(make, client, docker_api):
    net = make.network()["Name"]
    server = make.container(
        network=net,
        command=f"nc -ll -p {PORT} -e cat",
        ports=[PORT],
        host={"port_bindings": {PORT: ("127.0.0.1", None)}},
    )
    bound = docker_api.port(server, PORT)[0]
    with socket.create_connection(("127.0.0.1", int(bound["HostPort"]))):
        expected = [Flow(Peer(HOST, "local"), Peer(CONTAINER, server), "tcp", PORT, 1)]
        found = eventually(lambda: mine(read(client), [server]) == expected, timeout=15)
        assert found, mine(read(client), [server])


def test_the_command_prints_each_flow_with_the_names_docker_gives(talking, docker_api):
    server, caller = talking
    names = {cid: docker_api.inspect_container(cid)["Name"].lstrip("/") for cid in talking}

    def printed():
        out = io.StringIO()
        call_command("probe", stdout=out)
        lines = [json.loads(line) for line in out.getvalue().splitlines()]
        return [x for x in lines if x["server"]["id"] == server]

    lines = eventually(printed, timeout=15)
    assert lines == [
        {
            "client": {"kind": "container", "id": caller, "name": names[caller]},
            "server": {"kind": "container", "id": server, "name": names[server]},
            "proto": "tcp",
            "port": PORT,
            "connections": 2,
        }
    ]


def test_it_inspects_a_container_once_and_again_after_it_restarts(client, talking, docker_api):
    server, _ = talking
    pids: dict[str, int] = {}
    read(client, "/proc", pids)
    first = pids[server]
    asked = len(client.calls)
    read(client, "/proc", pids)
    assert ("GET", "/containers/{0}/json") not in client.calls[asked:]
    assert pids[server] == first
    docker_api.restart(server, timeout=0)
    assert eventually(
        lambda: read(client, "/proc", pids) and pids.get(server, first) != first, timeout=15
    )
