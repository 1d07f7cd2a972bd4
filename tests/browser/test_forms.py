"""The create form filled in a browser; the map open in another tab shows the result live."""

import pytest

from scripts.harness.docker_env import LABELS, RUN_ID
from tests.browser.conftest import Page

pytestmark = [pytest.mark.browser, pytest.mark.engine2]


def test_a_network_created_in_the_form_appears_on_the_open_map(
    browser, server, page, subnets, docker_api
):
    page.page.wait_for_selector("#map-app[data-state=live]")
    page.page.evaluate("window.__noReload = true")
    form = Page(browser, server)
    try:
        name = f"browser-{RUN_ID}"
        form.page.goto(server.url + "/networks/new/")
        form.page.fill("#id_name", name)
        form.page.fill("#id_pool1_subnet", subnets.next())
        form.page.fill("#id_labels", "\n".join(f"{k}={v}" for k, v in LABELS.items()))
        form.page.fill("#id_mtu", "1450")
        form.page.click("form.wide-form button[type=submit]")
        form.page.wait_for_selector(".message", timeout=5000)
        assert "Created network" in form.page.text_content(".messages")
        (net,) = docker_api.networks(names=[name])
        page.page.wait_for_function(
            "id => window.dashboardMap.cy.getElementById('n:' + id).length === 1",
            arg=net["Id"],
            timeout=2000,
        )
        assert page.page.evaluate("window.__noReload") is True
        label = page.page.evaluate(
            "id => window.dashboardMap.cy.getElementById('n:' + id).data('label')", net["Id"]
        )
        assert name in label
    finally:
        form.context.close()
        for n in docker_api.networks(names=[f"browser-{RUN_ID}"]):
            docker_api.remove_network(n["Id"])


def test_a_mistake_is_shown_on_its_field(page, server):
    page.page.goto(server.url + "/networks/new/")
    page.page.fill("#id_name", "bad/name")
    page.page.fill("#id_pool1_subnet", "10.99.0.1/24")
    page.page.click("form.wide-form button[type=submit]")
    assert "A / cannot be part of a name" in page.page.text_content("#field-name")
    assert "host bits set" in page.page.text_content("#id_pool1_subnet >> xpath=..")


def test_mistakes_show_as_they_are_typed_and_go_when_mended(page, server, subnets, docker_api):
    p = page.page
    p.goto(server.url + "/networks/new/")
    subnet = p.input_value("#id_pool1_subnet")  # the planner's suggestion
    p.fill("#id_pool1_gateway", "192.0.2.1")
    gateway = p.locator("#id_pool1_gateway >> xpath=..")
    gateway.locator("ul.errorlist").wait_for(timeout=3000)
    assert gateway.text_content().strip().endswith(f"The gateway 192.0.2.1 is outside {subnet}.")
    assert p.locator("#field-name ul.errorlist").count() == 0  # untouched: no scolding yet
    hostile = "<img src=x onerror=window.__xss=1>"
    p.fill("#id_pool1_gateway", hostile)  # echoed in the message: as text, never markup
    p.wait_for_function(
        "t => document.querySelector('#id_pool1_gateway').parentElement.textContent.includes(t)",
        arg=f"{hostile} is not an IP address.",
        timeout=3000,
    )
    assert gateway.locator("img").count() == 0
    p.fill("#id_pool1_gateway", subnet.rsplit(".", 1)[0] + ".1")
    p.wait_for_function(
        "() => !document.querySelector('#id_pool1_gateway').parentElement"
        ".querySelector('ul.errorlist')",
        timeout=3000,
    )
    assert p.evaluate("window.__xss") is None
    # Typing sent nothing to Docker: no network has the form's subnet. (Not "the engine's
    # networks are as before": a user's containers or another test run may change those.)
    holding = [
        n["Name"]
        for n in docker_api.networks()
        if any(c.get("Subnet") == subnet for c in (n.get("IPAM") or {}).get("Config") or [])
    ]
    assert holding == []


def test_parent_and_mode_show_for_macvlan_and_ipvlan_only(page, server):
    p = page.page
    p.goto(server.url + "/networks/new/")
    drivers = p.eval_on_selector_all("#id_driver option", "os => os.map(o => o.value)")
    if not {"macvlan", "ipvlan"} <= set(drivers):
        pytest.skip("this engine reports no macvlan or ipvlan driver")
    parent = p.locator("#field-parent")
    macvlan_mode, ipvlan_mode = p.locator("#field-macvlan_mode"), p.locator("#field-ipvlan_mode")
    p.select_option("#id_driver", "bridge")
    assert not parent.is_visible()
    p.select_option("#id_driver", "macvlan")
    assert parent.is_visible() and macvlan_mode.is_visible() and not ipvlan_mode.is_visible()
    p.select_option("#id_driver", "ipvlan")
    assert parent.is_visible() and ipvlan_mode.is_visible() and not macvlan_mode.is_visible()
    # A mistake shows on the field as it is typed, before anything reaches Docker.
    p.fill("#id_parent", "eth 0")
    parent.locator("ul.errorlist").wait_for(timeout=3000)
    assert "no /, : or whitespace" in parent.text_content()
