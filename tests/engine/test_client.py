"""The engine boundary against the real daemon: allow-list, timeouts, plain-word errors."""

import pytest

from dashboard.engine.client import ALLOWED_ENDPOINTS, EngineClient
from dashboard.engine.errors import Conflict, EngineUnavailable, NotAllowed, NotFound


def test_a_sync_costs_a_constant_number_of_calls(make):
    client = EngineClient("local")
    client.info()
    before = len(client.calls)
    nets = client.networks()
    client.containers({n.name: n.id for n in nets})
    assert len(client.calls) - before == 2
    for _ in range(3):
        make.network()
    client.containers({n.name: n.id for n in client.networks()})
    assert len(client.calls) - before == 4


def test_every_call_it_makes_is_on_the_allow_list(make):
    client = EngineClient("local")
    net = make.network()
    cid = make.container(network=net["Name"])
    client.ping()
    client.info()
    client.networks([net["Id"]])
    client.containers({}, [cid])
    client.details(cid)
    client.inspect_network(net["Id"])
    assert set(client.calls) <= ALLOWED_ENDPOINTS
    assert {("GET", "/containers/{0}/json"), ("GET", "/networks/{0}")} <= set(client.calls)


def test_endpoints_outside_the_allow_list_are_refused_before_docker(make):
    client = EngineClient("local")
    client.ping()
    calls = len(client.calls)
    with pytest.raises(NotAllowed):
        client.api.images()
    with pytest.raises(NotAllowed):
        client.api.prune_networks()
    with pytest.raises(NotAllowed):
        client.api.exec_create("x", "sh")
    assert len(client.calls) == calls


def test_docker_errors_arrive_as_plain_words(make):
    client = EngineClient("local")
    with pytest.raises(NotFound):
        client.remove_network("f" * 64)
    net = make.network()
    make.container(network=net["Name"])
    with pytest.raises(Conflict) as e:
        client.remove_network(net["Id"])
    assert "still attached" in e.value.message and "active endpoints" in e.value.docker_message


def test_an_absent_daemon_is_unavailable_with_the_reason(tmp_path):
    client = EngineClient("gone", f"unix://{tmp_path}/nothing.sock", timeout=2)
    with pytest.raises(EngineUnavailable) as e:
        client.ping()
    assert "socket does not exist" in e.value.message
