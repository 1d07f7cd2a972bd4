"""The probe's reading on the real engine, checked against connections the test makes
between labelled containers, the host and a listener of its own: the kernel is the
witness (the host's conntrack, or the containers' own socket tables where conntrack cannot
see, or when told not to use it), Docker names the ends."""

import io
import json
import socket

import pytest
from django.core.management import call_command
from pyroute2 import IPRoute

from dashboard.engine.client import EngineClient
from dashboard.probe.reading import Probe, read
from dashboard.topology.flows import CONTAINER, HOST, Flow, Peer
from tests.harness.talkers import address
from tests.harness.wait import eventually
from tests.probe.conftest import PORT

INSPECT = ("GET", "/containers/{0}/json")
SOURCES = [pytest.param(True, id="conntrack"), pytest.param(False, id="own-tables")]


@pytest.fixture
def client():
    c = EngineClient("local", "", 10)
    yield c
    c.close()


def mine(reading, ids):
    return [f for f in reading.flows if {f.client.id, f.server.id} & set(ids)]


@pytest.mark.parametrize("conntrack", SOURCES)
def test_it_sees_the_connections_between_two_containers_once_each(client, talking, conntrack):
    server, caller = talking
    expected = [Flow(Peer(CONTAINER, caller), Peer(CONTAINER, server), "tcp", PORT, 2)]
    with Probe(client, conntrack=conntrack) as probe:
        found = eventually(lambda: mine(probe.read(), talking) == expected, timeout=15)
        assert found, mine(probe.read(), talking)


def test_conntrack_sees_a_bridge_whole_and_no_container_namespace_is_read(client, talking):
    server, _ = talking
    with Probe(client) as probe:
        assert eventually(lambda: any(f.server.id == server for f in probe.read().flows), 15)
    assert INSPECT not in client.calls  # no pid asked for: no socket table read


@pytest.mark.parametrize("conntrack", SOURCES)
def test_the_host_calling_a_published_port_is_the_host(make, client, docker_api, conntrack):
    net = make.network()["Name"]
    server = make.container(
        network=net,
        command=f"nc -ll -p {PORT} -e cat",
        ports=[PORT],
        host={"port_bindings": {PORT: ("127.0.0.1", None)}},
    )
    bound = docker_api.port(server, PORT)[0]
    expected = [Flow(Peer(HOST, "local"), Peer(CONTAINER, server), "tcp", PORT, 1)]
    with Probe(client, conntrack=conntrack) as probe:
        assert mine(probe.read(), [server]) == []  # conntrack's table dumped: events from now
        with socket.create_connection(("127.0.0.1", int(bound["HostPort"]))):
            found = eventually(lambda: mine(probe.read(), [server]) == expected, timeout=15)
            assert found, mine(probe.read(), [server])


@pytest.fixture
def listener():
    """A TCP listener of the test's own on every address of the host."""
    s = socket.create_server(("0.0.0.0", 0))
    accepted = []
    s.settimeout(0.2)
    yield s, accepted
    for a in accepted:
        a.close()
    s.close()


@pytest.mark.parametrize("conntrack", SOURCES)
def test_a_container_calling_a_listener_on_the_host_is_a_flow_to_the_host(
    make, client, listener, conntrack
):
    server, accepted = listener
    port = server.getsockname()[1]
    gateway = "$(ip route | awk '/^default/ {print $3}')"  # the host, on the container's network
    caller = make.container(
        network=make.network()["Name"], command=["sh", "-c", f"sleep 3600 | nc {gateway} {port}"]
    )

    def taken():
        try:
            accepted.append(server.accept()[0])
        except TimeoutError:
            pass
        return accepted

    assert eventually(taken, timeout=15), "the container never reached the host's listener"
    expected = [Flow(Peer(CONTAINER, caller), Peer(HOST, "local"), "tcp", port, 1)]
    with Probe(client, conntrack=conntrack) as probe:
        found = eventually(lambda: mine(probe.read(), [caller]) == expected, timeout=15)
        assert found, mine(probe.read(), [caller])


def own_address(docker_api) -> str | None:
    """An IPv4 address of the host's own that no Docker network has for its gateway: one
    on the interface of the default route (eth0, say), or None."""
    gateways = {
        pool.get("Gateway")
        for n in docker_api.networks()
        for pool in (n.get("IPAM") or {}).get("Config") or []
    }
    with IPRoute() as ip:
        routes = ip.get_default_routes(family=socket.AF_INET)
        links = {r.get("RTA_OIF") for r in routes}
        found = [
            a.get("IFA_LOCAL")
            for a in ip.get_addr(family=socket.AF_INET)
            if a["index"] in links and a.get("IFA_LOCAL") not in gateways
        ]
    return next((a for a in found if a and not a.startswith("127.")), None)


@pytest.mark.parametrize("conntrack", SOURCES)
def test_a_container_calling_the_hosts_own_address_that_is_no_gateway_calls_the_host(
    make, client, docker_api, conntrack
):
    own = own_address(docker_api)
    if own is None:
        pytest.skip("the host has no IPv4 address of its own on a default route's interface")
    server = socket.create_server((own, 0))  # the listener: on that address alone
    server.settimeout(0.2)
    accepted = []
    try:
        port = server.getsockname()[1]
        caller = make.container(
            network=make.network()["Name"], command=["sh", "-c", f"sleep 3600 | nc {own} {port}"]
        )

        def taken():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                pass
            return accepted

        assert eventually(taken, timeout=15), f"the container never reached {own}:{port}"
        expected = [Flow(Peer(CONTAINER, caller), Peer(HOST, "local"), "tcp", port, 1)]
        with Probe(client, conntrack=conntrack) as probe:
            assert own in probe.read().host_addresses
            found = eventually(lambda: mine(probe.read(), [caller]) == expected, timeout=15)
            assert found, mine(probe.read(), [caller])
    finally:
        for a in accepted:
            a.close()
        server.close()


@pytest.mark.parametrize("conntrack", SOURCES)
def test_a_container_that_talks_to_nothing_shows_no_flow(
    make, client, docker_api, talking, conntrack
):
    server, caller = talking
    net = next(iter(docker_api.inspect_container(server)["NetworkSettings"]["Networks"]))
    silent = make.container(network=net)
    assert address(docker_api, silent, net)
    with Probe(client, conntrack=conntrack) as probe:
        assert eventually(lambda: mine(probe.read(), talking), timeout=15)
        assert mine(probe.read(), [silent]) == []


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
    with Probe(client, conntrack=False) as probe:
        probe.read()
        first = probe.pids[server]
        asked = len(client.calls)
        probe.read()
        assert INSPECT not in client.calls[asked:]
        assert probe.pids[server] == first
        docker_api.restart(server, timeout=0)
        assert eventually(
            lambda: probe.read() and probe.pids.get(server, first) != first, timeout=15
        )


def test_a_single_reading_needs_no_probe_kept(client, talking):
    server, caller = talking
    assert eventually(
        lambda: any(f.server.id == server and f.client.id == caller for f in read(client).flows),
        timeout=15,
    )


@pytest.mark.engine2
def test_following_docker_it_lists_again_only_after_a_change(engine2_up, make_e2):
    """On the run's own second engine, which nothing else changes."""
    e2 = EngineClient("e2", engine2_up.url, 10)
    listed = ("GET", "/containers/json")
    try:
        with Probe(e2, follow=True) as probe:

            def quiet():  # past what Docker says of the moments before its stream opened
                before = len(e2.calls)
                probe.read()
                return listed not in e2.calls[before:]

            assert eventually(quiet, timeout=15)
            asked = len(e2.calls)
            for _ in range(3):
                probe.read()
            assert listed not in e2.calls[asked:]
            cid = make_e2.container()
            assert eventually(lambda: cid in probe.read().topology.containers, timeout=15)
    finally:
        e2.close()
