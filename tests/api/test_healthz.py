import pytest

from dashboard.live.registry import set_hub
from tests.conftest import start_hub


@pytest.mark.django_db
def test_it_is_ok_when_every_engine_answers(client, hub):
    answer = client.get("/healthz").json()
    assert answer.pop("history").keys() == {"changes", "oldest", "database_bytes"}
    assert answer == {
        "status": "ok",
        "engines": {"local": "connected"},
        "role": "watcher",  # alone: no Redis, so no election
    }


@pytest.mark.django_db
def test_it_is_degraded_with_the_reason_on_pages_when_an_engine_is_down(tmp_path, op_client):
    hub = start_hub({"gone": f"unix://{tmp_path}/docker.sock"})
    try:
        assert hub.wait_for(lambda t: t.engines["gone"].status == "disconnected", 5)
        answer = op_client.get("/healthz").json()
        assert answer.pop("history")["database_bytes"] > 0
        assert answer == {
            "status": "degraded",
            "engines": {"gone": "disconnected"},
            "role": "watcher",
        }
        for url in ("/networks/", "/", "/api/topology"):
            r = op_client.get(url)
            assert r.status_code == 200, url
        page = op_client.get("/networks/").content.decode()
        assert "is disconnected" in page and "socket does not exist" in page
        assert op_client.get("/api/topology").json()["engines"][0]["error"]
    finally:
        hub.stop_thread()
        set_hub(None)
