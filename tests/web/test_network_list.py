import re

import pytest

from tests.harness.wait import converged

pytestmark = pytest.mark.django_db


def test_it_needs_a_login(client, hub):
    r = client.get("/networks/")
    assert r.status_code == 302 and r.url.startswith("/login/")


def test_it_lists_what_docker_network_ls_lists(op_client, hub, make, docker_api):
    net = make.network(internal=True)
    cid = make.container(network=net["Name"])
    assert hub.wait_for(lambda t: (net["Id"], cid) in t.endpoints)
    pages = []

    def listed():
        pages.append(op_client.get("/networks/").content.decode())
        return set(re.findall(r'data-network="([0-9a-z]+)"', pages[-1]))

    # The whole engine, which may be changing (a user's containers, another test run): the
    # list is compared with Docker read again until the two agree.
    shown, truth = converged(listed, lambda: {n["Id"] for n in docker_api.networks()}, 5)
    assert shown == truth
    page = pages[-1]
    row = page[page.index(f'data-network="{net["Id"]}"') :].split("</tr>")[0]
    assert net["IPAM"]["Config"][0]["Subnet"] in row
    assert "2 / 254" in row  # the gateway and one container
    assert row.count("yes") == 1  # internal, not attachable


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_default_bridge_shows_the_gateway_its_endpoints_report_when_ipam_has_none(
    op_client, hub, make, docker_api
):
    cid = make.container()  # on the default bridge
    bridge = docker_api.inspect_network("bridge")
    reported = docker_api.inspect_container(cid)["NetworkSettings"]["Networks"]["bridge"]
    gateway = reported["Gateway"]
    assert gateway, "Docker gives a container on the default bridge its gateway"
    assert hub.wait_for(
        lambda t: getattr(t.endpoints.get((bridge["Id"], cid)), "gateway", "") == gateway, 10
    )
    configured = (bridge["IPAM"]["Config"] or [{}])[0].get("Gateway", "")
    shown = configured or f"{gateway} (from endpoints)"

    page = op_client.get("/networks/").content.decode()
    row = page[page.index(f'data-network="{bridge["Id"]}"') :].split("</tr>")[0]
    assert shown in _text(row)
    detail = op_client.get(f"/networks/{bridge['Id']}/").content.decode()
    ipam = detail[detail.index('id="ipam"') :].split("</table>")[0]
    assert shown in _text(ipam)
    (pool,) = op_client.get(f"/api/networks/{bridge['Id']}").json()["ipam"]
    assert pool["gateway"] == configured
    assert pool["gateway_from_endpoints"] == ("" if configured else gateway)
