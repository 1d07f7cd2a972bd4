"""Docker's default address pools run out after about 30 networks; the form then says so in
plain words and offers a subnet that works. On the run's own second daemon."""

import docker
import pytest

from dashboard.live.registry import set_hub
from scripts.harness.docker_env import LABELS, RUN_ID
from tests.conftest import start_hub

pytestmark = [pytest.mark.django_db, pytest.mark.engine2]


def test_exhausted_pools_get_a_working_suggestion(engine2_up, op_client):
    api = engine2_up.api()
    made = []
    hub = start_hub({"e2": engine2_up.url})
    try:
        assert hub.synced(15)
        for i in range(40):
            try:
                made.append(api.create_network(f"fill-{RUN_ID}-{i}", labels=LABELS)["Id"])
            except docker.errors.APIError as e:
                assert "address pool" in str(e)
                break
        else:
            pytest.fail("the default pools never ran out")
        assert hub.wait_for(lambda t: made[-1] in t.networks)
        data = {
            "engine": "e2",
            "name": f"after-{RUN_ID}",
            "driver": "bridge",
            "labels": f"dashboard.test.run={RUN_ID}",
        }
        r = op_client.post("/networks/new/", data)
        assert r.status_code == 400
        (message,) = r.context["form"].non_field_errors()
        assert "run out of free subnets" in message
        suggestion = r.context["suggestion"]
        assert suggestion and suggestion in message
        r = op_client.post("/networks/new/", {**data, "pool1_subnet": suggestion})
        assert r.status_code == 302, r.content.decode()[:2000]
        made.append(r.url.strip("/").split("/")[-1])
        assert api.inspect_network(made[-1])["IPAM"]["Config"][0]["Subnet"] == suggestion
    finally:
        for nid in made:
            api.remove_network(nid)
        hub.stop_thread()
        set_hub(None)
