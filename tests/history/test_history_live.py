"""History on a real engine, through a real daphne process as `make run` starts it: changes
recorded with Docker's events and who made them, the map at any recorded moment equal to
what /api/topology said then, a burst recorded whole while a socket stays live, and a
restart recorded as a gap with what the relist found. Each judges the whole engine (the map
equals Docker, nothing changed for a moment, every patch is in history), so the dashboard
watches the run's own second daemon ("e2"), which nothing else changes: on the main engine
a user's containers or another test run would change it under the test."""

import json
import threading
import time

import pytest

from scripts.harness import docker_env
from scripts.harness.docker_env import LABELS
from scripts.harness.server import DashboardServer
from tests.harness.client_model import ClientModel
from tests.harness.wait import eventually

pytestmark = pytest.mark.engine2
ENGINE = "e2"


@pytest.fixture
def server(tmp_path, engine2_up):
    s = DashboardServer(tmp_path, f"{ENGINE}={engine2_up.url}")
    s.start()
    yield s
    s.stop()


def history(session, server, **query) -> list[dict]:
    """Every recorded change that matches, newest first (all pages)."""
    out, page = [], 1
    while True:
        answer = session.get(
            server.url + "/api/history", params={**query, "page": page, "per_page": 500}
        ).json()
        out += answer["changes"]
        if page >= answer["pages"]:
            return out
        page += 1


def settled(session, server, docker_api) -> tuple[float, dict]:
    """Once the map equals Docker and nothing has changed for a moment: the time, and
    /api/topology at that time."""
    assert eventually(
        lambda: (
            docker_env.from_api(session.get(server.url + "/api/topology").json(), ENGINE)
            == docker_env.truth(docker_api)
        ),
        10,
    )
    time.sleep(0.3)
    before = session.get(server.url + "/api/topology").json()
    moment = time.time()
    time.sleep(0.3)
    assert session.get(server.url + "/api/topology").json()["version"] == before["version"]
    return moment, before


def create_through_the_form(server, session, name, subnet):
    session.get(server.url + "/networks/new/")
    return session.post(
        server.url + "/networks/new/",
        data={
            "engine": ENGINE,
            "name": name,
            "driver": "bridge",
            "pool1_subnet": subnet,
            "labels": "\n".join(f"{k}={v}" for k, v in LABELS.items()),
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": server.url + "/networks/new/"},
        allow_redirects=False,
    )


def test_recorded_moments_replay_exactly_and_say_who_made_each_change(server, make_e2, subnets):
    make, docker_api = make_e2, make_e2.api
    session = server.login("operator")
    captured = [settled(session, server, docker_api)]
    net = make.network()
    captured.append(settled(session, server, docker_api))
    cid = make.container(network=net["Name"])
    captured.append(settled(session, server, docker_api))
    docker_api.disconnect_container_from_network(cid, net["Id"])
    captured.append(settled(session, server, docker_api))
    name = make.name("formnet")
    assert create_through_the_form(server, session, name, subnets.next()).status_code == 302
    captured.append(settled(session, server, docker_api))
    for moment, then in captured:
        assert session.get(server.url + "/api/topology", params={"at": moment}).json() == then
    mine = history(session, server, network=net["Id"])
    created = next(
        c
        for c in mine
        if any(o["action"] == "added" and o["kind"] == "network" for o in c["objects"])
    )
    assert {"type": "network", "action": "create", "id": net["Id"]}.items() <= (
        created["events"][0].items()
    )
    assert created["by"] is None  # made with the Docker API, not the dashboard
    form_made = history(session, server, kind="network")[0]
    assert form_made["objects"][0]["name"] == name and form_made["by"]["user"] == "op"
    page = session.get(f"{server.url}/networks/{net['Id']}/").text
    assert 'id="history"' in page and "elsewhere" in page
    timeline = session.get(server.url + "/history/", params={"container": cid}).text
    assert "removed" in timeline  # the disconnect: its endpoint went
    bad = session.get(server.url + "/api/topology", params={"at": "yesterday-ish"})
    assert bad.status_code == 400 and "not a time" in bad.json()["error"]
    assert session.get(server.url + "/api/topology", params={"at": 1}).status_code == 404


def test_a_burst_of_1000_changes_is_recorded_whole_while_a_socket_stays_live(server, make_e2):
    make, docker_api = make_e2, make_e2.api
    session = server.login("viewer")
    networks = [make.network() for _ in range(4)]
    containers = [make.container(network=networks[0]["Name"]) for _ in range(20)]
    settled(session, server, docker_api)
    with server.websocket(session, sync=True) as ws:
        model = ClientModel()
        versions: list[int] = []
        model.apply(json.loads(ws.recv(timeout=5)))
        start = model.version

        def churn(cid):  # 20 x 25 x 2: a burst of 1,000 changes in Docker
            for i in range(25):
                net = networks[1 + i % 3]["Id"]
                docker_api.connect_container_to_network(cid, net)
                docker_api.disconnect_container_from_network(cid, net)

        threads = [threading.Thread(target=churn, args=(c,)) for c in containers]
        for t in threads:
            t.start()
        truth = None
        while any(t.is_alive() for t in threads) or truth is None:
            try:
                msg = json.loads(ws.recv(timeout=3))
            except TimeoutError:
                if not any(t.is_alive() for t in threads):
                    truth = docker_env.truth(docker_api)
                    if docker_env.from_api(model.topology(), ENGINE) == truth:
                        break
                    truth = None
                continue
            model.apply(msg)  # in order, no gap: the map stayed live
            if msg["type"] == "patch":
                versions.append(msg["version"])
    assert model.snapshots == 1 and len(versions) > 100
    # Every patch the socket got is in history once, and nothing else after it began.
    assert eventually(
        lambda: (
            sorted(c["version"] for c in history(session, server) if c["version"] > start)
            == versions
        ),
        15,
    )


def test_a_restart_is_a_gap_with_what_the_relist_found(server, make_e2):
    make, docker_api = make_e2, make_e2.api
    session = server.login("viewer")
    gone = make.network()
    settled(session, server, docker_api)
    assert eventually(lambda: history(session, server, network=gone["Id"]), 5)
    server.stop()
    docker_api.remove_network(gone["Id"])  # while nobody records
    came = make.network()
    server.serve()
    session = server.login("viewer")
    settled(session, server, docker_api)
    gaps = history(session, server, kind="gap")
    assert gaps and "was not recording" in gaps[0]["note"]
    found = {(o["kind"], o["name"], o["action"]) for o in gaps[0]["objects"]}
    assert ("network", gone["Name"], "removed") in found
    assert ("network", came["Name"], "added") in found
