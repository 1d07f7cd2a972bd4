"""Bursts and a seeded random walk of operations: the cache, the API and every connected
socket's applied state end equal to Docker's truth, with patches in order and no gap. The
whole engine is compared, so on the run's own second daemon ("e2"): on the main engine a
user's containers or another test run would change the truth under the comparison."""

import asyncio
import concurrent.futures
import json
import os
import random

import docker
import pytest

from dashboard.topology.serialize import topology_dict
from scripts.harness import docker_env
from tests.harness.client_model import ClientModel
from tests.live.conftest import session_cookie, socket

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.engine2]
ENGINE = "e2"


async def open_client(client, user):
    cookie = await asyncio.to_thread(session_cookie, client, user)
    ws = socket(cookie)
    connected, _ = await ws.connect()
    assert connected
    model = ClientModel()
    model.apply(json.loads(await ws.receive_from(timeout=5)))
    return ws, model


async def drain(ws, model, quiet=0.3):
    """Apply every message that arrives until the socket has been quiet for `quiet` s."""
    # receive_nothing, not a receive timeout: the latter cancels the application.
    while not await ws.receive_nothing(timeout=quiet, interval=0.01):
        model.apply(json.loads(await ws.receive_from(timeout=5)))


async def converge(loop_hub, docker_api, clients, timeout=2.0):
    """Wait until the store and each client equal the truth (`docker_api`: the watched
    engine's); return what differs."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        for ws, model in clients:
            await drain(ws, model, quiet=0.05)
        truth = await asyncio.to_thread(docker_env.truth, docker_api)
        views = [docker_env.from_api(topology_dict(loop_hub.current), ENGINE)]
        views += [docker_env.from_api(m.topology(), ENGINE) for _, m in clients]
        diffs = [docker_env.differences(v, truth) for v in views]
        if not any(diffs) or asyncio.get_running_loop().time() > deadline:
            return diffs
        await asyncio.sleep(0.1)


async def test_a_burst_of_100_containers_converges_in_order(loop_hub_e2, client, operator, make_e2):
    loop_hub, make, docker_api = loop_hub_e2, make_e2, make_e2.api
    clients = [await open_client(client, operator) for _ in range(3)]
    a, b = make.network(), make.network()

    def one(_):
        cid = make.container(network=a["Name"])
        docker_api.connect_container_to_network(cid, b["Id"])
        return cid

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        ids = await asyncio.get_running_loop().run_in_executor(
            None, lambda: list(pool.map(one, range(100)))
        )
    diffs = await converge(loop_hub, docker_api, clients, timeout=2.0)
    assert diffs == [[]] * 4, diffs
    for _, model in clients:
        assert all((b["Id"], cid) in model.endpoints for cid in ids)
        assert model.snapshots == 1  # patches only, applied in order (ClientModel asserts)
    for ws, _ in clients:
        await ws.disconnect()


async def test_a_seeded_random_walk_of_200_operations(loop_hub_e2, client, operator, make_e2):
    loop_hub, make, docker_api = loop_hub_e2, make_e2, make_e2.api
    seed = int(os.environ.get("CONVERGENCE_SEED") or random.SystemRandom().randrange(1 << 30))
    rng = random.Random(seed)
    ws, model = await open_client(client, operator)
    networks = [make.network()["Id"] for _ in range(3)]
    containers = []

    def step():
        op = rng.choice(
            [
                "create",
                "create",
                "connect",
                "disconnect",
                "stop",
                "start",
                "remove",
                "network",
                "drop-network",
            ]
        )
        try:
            if op == "create" or not containers:
                containers.append(
                    make.container(network=rng.choice(networks), start=rng.random() < 0.8)
                )
            elif op == "connect":
                docker_api.connect_container_to_network(
                    rng.choice(containers), rng.choice(networks)
                )
            elif op == "disconnect":
                docker_api.disconnect_container_from_network(
                    rng.choice(containers), rng.choice(networks), force=True
                )
            elif op == "stop":
                docker_api.stop(rng.choice(containers), timeout=0)
            elif op == "start":
                docker_api.start(rng.choice(containers))
            elif op == "remove":
                cid = rng.choice(containers)
                containers.remove(cid)
                docker_api.remove_container(cid, force=True)
            elif op == "network" and len(networks) < 6:
                networks.append(make.network()["Id"])
            elif op == "drop-network" and len(networks) > 2:
                nid = rng.choice(networks)
                docker_api.remove_network(nid)  # refused while containers use it: that is fine
                networks.remove(nid)
        except docker.errors.APIError:
            pass  # Docker said no (already connected, in use...): the truth is still the truth
        return op

    for i in range(200):
        await asyncio.to_thread(step)
        if i % 25 == 24:
            diffs = await converge(loop_hub, docker_api, [(ws, model)], timeout=2.0)
            assert diffs == [[], []], (
                f"seed {seed} (CONVERGENCE_SEED={seed} replays it), step {i}: {diffs}"
            )
    await ws.disconnect()
