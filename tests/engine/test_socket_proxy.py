"""The dashboard behind a socket proxy that allows only its endpoints: everything it does
still works, and nothing it sends is refused."""

import pytest

from dashboard.engine.client import EngineClient
from dashboard.live.registry import set_hub
from scripts.harness.socket_proxy import SocketProxy
from tests.conftest import start_hub

pytestmark = pytest.mark.django_db


@pytest.fixture
def proxy(tmp_path):
    p = SocketProxy("/var/run/docker.sock", tmp_path / "proxy.sock")
    p.start()
    yield p
    p.stop()


def test_the_proxy_refuses_what_is_not_on_the_list(proxy):
    import docker

    api = docker.APIClient(base_url=proxy.url, version="1.41")
    with pytest.raises(docker.errors.APIError) as e:
        api.images()
    assert e.value.response.status_code == 403
    assert proxy.refused == [("GET", "/v1.41/images/json?only_ids=0&all=0")]


def test_the_whole_dashboard_works_through_the_proxy(proxy, make, op_client, subnets, docker_api):
    hub = start_hub({"local": proxy.url})
    try:
        assert hub.synced(15)
        net = make.network()
        cid = make.container(network=net["Name"])
        assert hub.wait_for(lambda t: (net["Id"], cid) in t.endpoints, 2)
        r = op_client.post(
            "/networks/new/",
            {
                "engine": "local",
                "name": f"via-proxy-{subnets.next().split('.')[1]}",
                "driver": "bridge",
                "pool1_subnet": subnets.next(),
                "labels": f"dashboard.test.run={make.name('x').split('-')[0][1:]}",
            },
        )
        assert r.status_code == 302, r.content.decode()[:1500]
        new_id = r.url.strip("/").split("/")[-1]
        assert op_client.post(f"/networks/{new_id}/connect/", {"container": cid}).status_code == 302
        assert (
            op_client.post(f"/networks/{new_id}/disconnect/", {"container": cid}).status_code == 302
        )
        assert op_client.post(f"/networks/{new_id}/delete/").status_code == 302
        assert op_client.get(f"/networks/{net['Id']}/").status_code == 200  # the raw inspect
        assert not docker_api.networks(ids=[new_id])
        assert proxy.refused == []
        assert {m for m, _ in proxy.forwarded} == {"GET", "POST", "DELETE"}
    finally:
        hub.stop_thread()
        set_hub(None)


def test_a_client_outside_the_allow_list_never_reaches_the_proxy(proxy):
    client = EngineClient("local", proxy.url)
    client.ping()
    with pytest.raises(Exception):  # noqa: B017 - NotAllowed, raised before any I/O
        client.api.volumes()
    assert proxy.refused == []
