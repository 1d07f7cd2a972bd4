"""Probe reports in, flows out: the token is the only way in, a wrong report is refused
whole with a log line, and the flows name the containers the topology knows."""

import json
import logging
import uuid

import pytest
from django.test import Client

from dashboard.live import flow_limits, flowbook
from dashboard.live.flowbook import FlowBook, get_flowbook
from dashboard.live.flowbook_redis import RedisFlowBook

pytestmark = pytest.mark.django_db
TOKEN = "t" * 40
URL = "/api/probe/report"


@pytest.fixture(autouse=True)
def probes_on(settings):
    settings.DASHBOARD_PROBE_TOKEN = TOKEN
    get_flowbook().clear()
    yield
    get_flowbook().clear()


def post(doc, token=TOKEN, client=None):
    client = client or Client(enforce_csrf_checks=True)
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    body = doc if isinstance(doc, bytes) else json.dumps(doc)
    return client.post(URL, body, content_type="application/json", headers=headers)


def address(docker_api, cid, network):
    return docker_api.inspect_container(cid)["NetworkSettings"]["Networks"][network]["IPAddress"]


@pytest.fixture(params=["memory", "redis"])
def books(request, monkeypatch):
    """Switches to the book of another process: with Redis, a report reaches one dashboard
    process and the map asks another; in memory it is the same process's book."""
    if request.param == "memory":
        yield lambda: None
        return
    url, prefix = request.getfixturevalue("redis_url"), f"test:{uuid.uuid4().hex}:"
    monkeypatch.setattr(flowbook, "_book", RedisFlowBook(url, prefix=prefix))
    yield lambda: monkeypatch.setattr(flowbook, "_book", RedisFlowBook(url, prefix=prefix))
    flowbook._book.clear()


def test_a_report_shows_as_a_flow_between_the_containers_it_names(
    hub, make, docker_api, viewer_client, books
):
    net = make.network()["Name"]
    web, api = make.container(network=net), make.container(network=net)
    assert hub.wait_for(lambda t: {web, api} <= t.containers.keys(), 10)
    a, b = address(docker_api, web, net), address(docker_api, api, net)
    row = ["tcp", a, 40001, b, 8080]
    report = {"engine": "local", "connections": {web: [[*row, False]], api: [[*row, True]]}}
    assert post(report).status_code == 204
    books()  # the map asks another process
    flows = viewer_client.get("/api/flows?window=1m").json()["flows"]
    names = {c: docker_api.inspect_container(c)["Name"].lstrip("/") for c in (web, api)}
    assert flows == [
        {
            "engine": "local",
            "client": {"kind": "container", "id": web, "name": names[web]},
            "server": {"kind": "container", "id": api, "name": names[api]},
            "proto": "tcp",
            "port": 8080,
            "connections": 1,
        }
    ]


def test_a_client_on_one_of_the_hosts_own_addresses_is_the_host(
    hub, make, docker_api, viewer_client, books
):
    net = make.network()["Name"]
    web = make.container(network=net)
    assert hub.wait_for(lambda t: web in t.containers, 10)
    row = ["tcp", "192.0.2.77", 40001, address(docker_api, web, net), 8080, True]
    report = {"engine": "local", "connections": {web: [row]}}
    assert post(report).status_code == 204  # an older probe: no host addresses, outside
    books()
    flows = viewer_client.get("/api/flows?window=1m").json()["flows"]
    assert [f["client"]["kind"] for f in flows] == ["outside"]
    assert post({**report, "host_addresses": ["192.0.2.77"]}).status_code == 204
    books()
    flows = viewer_client.get("/api/flows?window=1m").json()["flows"]
    assert [f["client"] for f in flows] == [{"kind": "host", "id": "local", "name": ""}]


GOOD = {"engine": "local", "connections": {"a" * 64: []}}


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.mark.parametrize("kind", ["memory", "redis"])
def test_a_probe_that_stops_reporting_is_said_silent_while_one_that_reports_is_not(
    kind, viewer_client, monkeypatch, request
):
    clock = Clock()
    if kind == "memory":
        book = FlowBook(clock=clock)
    else:
        url, prefix = request.getfixturevalue("redis_url"), f"test:{uuid.uuid4().hex}:"
        book = RedisFlowBook(url, prefix=prefix, clock=clock)
    monkeypatch.setattr(flowbook, "_book", book)
    try:
        assert post(GOOD).status_code == 204
        assert viewer_client.get("/api/flows").json()["probes"] == [
            {"engine": "local", "last_report": 1_000_000.0, "age": 0, "silent": False}
        ]
        clock.now += flow_limits.SILENT_AFTER  # as long as allowed: not yet
        assert not viewer_client.get("/api/flows").json()["probes"][0]["silent"]
        clock.now += 1.5
        probes = viewer_client.get("/api/flows?window=15m").json()["probes"]
        assert probes == [
            {"engine": "local", "last_report": 1_000_000.0, "age": 12, "silent": True}
        ]
        assert post(GOOD).status_code == 204  # it reports again
        assert viewer_client.get("/api/flows").json()["probes"] == [
            {"engine": "local", "last_report": clock.now, "age": 0, "silent": False}
        ]
    finally:
        book.clear()


@pytest.mark.parametrize(
    ("token", "status"), [(None, 401), ("", 401), ("t" * 39, 401), (TOKEN + "x", 401)]
)
def test_without_the_token_nothing_is_kept_and_the_log_says_so(token, status, caplog):
    with caplog.at_level(logging.WARNING, logger="dashboard.api.flows"):
        answer = post(GOOD, token=token)
    assert answer.status_code == status
    assert get_flowbook().engines() == []
    assert "refused" in caplog.text and TOKEN not in caplog.text


def test_a_logged_in_browser_is_no_probe(viewer_client):
    assert post(GOOD, token=None, client=viewer_client).status_code == 401


def test_with_no_token_set_probes_are_off(settings):
    settings.DASHBOARD_PROBE_TOKEN = ""
    answer = post(GOOD, token="")
    assert answer.status_code == 403 and "DASHBOARD_PROBE_TOKEN" in answer.json()["error"]


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[" * 100_000, json.dumps({"engine": "local"}).encode(), b'{"engine": "x"}'],
)
def test_a_malformed_report_is_refused_with_a_reason(body):
    answer = post(body)
    assert answer.status_code == 400 and answer.json()["error"]
    assert get_flowbook().engines() == []


def test_a_report_larger_than_allowed_is_refused(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    answer = post({"engine": "local", "connections": {"a" * 64: [], "pad": "x" * 2000}})
    assert answer.status_code == 413


def test_only_post_reaches_the_probes_door():
    assert Client().get(URL).status_code == 405


def test_flows_need_a_login_and_a_window_they_know(client, viewer_client):
    assert Client().get("/api/flows").status_code == 401
    answer = viewer_client.get("/api/flows?window=2d")
    assert answer.status_code == 400 and "1m" in answer.json()["error"]
    assert viewer_client.get("/api/flows").json() == {"window": "1m", "flows": [], "probes": []}


def test_a_redis_that_does_not_answer_gets_a_503_that_says_so(viewer_client):
    kept, flowbook._book = flowbook._book, RedisFlowBook("redis://127.0.0.1:1/0")  # nobody
    try:
        for answer in (post(GOOD), viewer_client.get("/api/flows")):
            assert answer.status_code == 503 and "Redis" in answer.json()["error"]
            assert answer.headers["Retry-After"]
    finally:
        flowbook._book = kept
