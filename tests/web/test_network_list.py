import re

import pytest

pytestmark = pytest.mark.django_db


def test_it_needs_a_login(client, hub):
    r = client.get("/networks/")
    assert r.status_code == 302 and r.url.startswith("/login/")


def test_it_lists_what_docker_network_ls_lists(op_client, hub, make, docker_api):
    net = make.network(internal=True)
    cid = make.container(network=net["Name"])
    assert hub.wait_for(lambda t: (net["Id"], cid) in t.endpoints)
    page = op_client.get("/networks/").content.decode()
    listed = set(re.findall(r'data-network="([0-9a-z]+)"', page))
    assert listed == {n["Id"] for n in docker_api.networks()}
    row = page[page.index(f'data-network="{net["Id"]}"') :].split("</tr>")[0]
    assert net["IPAM"]["Config"][0]["Subnet"] in row
    assert "2 / 254" in row  # the gateway and one container
    assert row.count("yes") == 1  # internal, not attachable
