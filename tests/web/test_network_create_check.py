"""The create form's live check: the form's own rules as JSON, nothing sent to Docker."""

import pytest

from dashboard.accounts.models import AuditEntry
from dashboard.live.registry import set_hub
from scripts.harness.docker_env import RUN_ID
from tests.conftest import start_hub

pytestmark = pytest.mark.django_db
NEW_NETWORK_NOTE = "A new network holds no container: nothing changes until one is connected."


def check(client, **fields):
    data = {"engine": "local", "driver": "bridge", "name": f"check-{RUN_ID}"}
    data.update(fields)
    return client.post("/networks/new/check", data)


@pytest.fixture
def hub_e2(engine2_up):
    """A hub on the run's own second engine only: nothing else changes that engine, so
    "Docker is untouched" may be judged over all of it."""
    hub = start_hub({"e2": engine2_up.url})
    assert hub.synced(15)
    yield hub
    hub.stop_thread()
    set_hub(None)


@pytest.mark.engine2
def test_it_answers_the_forms_own_field_errors(op_client, hub_e2, subnets, engine2_up):
    docker_api = engine2_up.api()
    before = {n["Id"] for n in docker_api.networks()}
    subnet = subnets.next()
    r = check(
        op_client, engine="e2", name="bad/name", pool1_subnet=subnet, pool1_gateway="192.0.2.1"
    )
    assert r.status_code == 200
    errors = r.json()["errors"]
    assert "A / cannot be part of a name" in " ".join(errors["name"])
    assert errors["pool1_gateway"] == [f"The gateway 192.0.2.1 is outside {subnet}."]
    assert "pool1_subnet" not in errors
    assert not AuditEntry.objects.exists()  # a check is not an action
    # The same words the submitted form shows.
    page = op_client.post(
        "/networks/new/",
        {
            "engine": "e2",
            "driver": "bridge",
            "name": "bad/name",
            "pool1_subnet": subnet,
            "pool1_gateway": "192.0.2.1",
        },
    )
    for message in errors["name"] + errors["pool1_gateway"]:
        assert message in page.content.decode().replace("&#x27;", "'")
    assert {n["Id"] for n in docker_api.networks()} == before


def test_a_valid_configuration_has_no_errors_and_creates_nothing(
    op_client, hub, subnets, docker_api
):
    r = check(op_client, pool1_subnet=subnets.next(), mtu="1400")
    body = r.json()
    assert body["errors"] == {}
    # Only the what-if's word on a network with nothing in it yet: no note on its subnet.
    (note,) = body["notes"]
    assert note.startswith(NEW_NETWORK_NOTE), note
    assert not docker_api.networks(names=[f"check-{RUN_ID}"])


def test_it_names_the_network_a_subnet_overlaps(op_client, hub, make):
    net = make.network()
    assert hub.wait_for(lambda t: net["Id"] in t.networks)
    subnet = net["IPAM"]["Config"][0]["Subnet"]
    errors = check(op_client, pool1_subnet=subnet).json()["errors"]
    assert net["Name"] in " ".join(errors["pool1_subnet"])


def test_it_is_for_operators_only(client, viewer_client, hub):
    assert check(viewer_client).status_code == 403
    assert viewer_client.get("/networks/new/check").status_code in (403, 405)
    viewer_client.logout()
    r = check(client)
    assert r.status_code == 302 and r.url.startswith("/login/")


def test_it_says_how_many_containers_a_small_subnet_holds(op_client, hub, subnets):
    subnet = subnets.next(29)
    answer = check(op_client, pool1_subnet=subnet).json()
    assert answer["errors"] == {}
    room, *whatif = answer["notes"]
    assert room == (
        f"{subnet} holds 5 containers (Docker keeps the first and last addresses, and the "
        "gateway takes one)."
    )
    assert [n[: len(NEW_NETWORK_NOTE)] for n in whatif] == [NEW_NETWORK_NOTE]
