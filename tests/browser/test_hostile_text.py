"""Hostile text from Docker (names, labels, options, aliases) and from forms is shown
literally everywhere, and no script runs. Docker itself refuses markup in container and
image names, so those cannot carry it."""

import pytest

from scripts.harness.docker_env import RUN_ID

pytestmark = [pytest.mark.browser, pytest.mark.engine2]

PAYLOADS = [
    "<img src=x onerror=window.__xss=1>",
    '"><svg onload=window.__xss=2>',
    "</script><script>window.__xss=3</script>",
]
INJECTED = "img[src=x], svg[onload], script:not([src])"


def assert_clean(p, where):
    assert p.page.evaluate("window.__xss") is None, where
    assert p.page.query_selector_all(INJECTED) == [], where
    csp = [e for e in p.errors if "Content Security Policy" in e]
    assert csp == [], (where, csp)


def test_hostile_text_everywhere(page, server, make, docker_api):
    p = page
    name = f"x{PAYLOADS[0]}{RUN_ID}"
    net = make.network(
        name=name,
        labels={"a": PAYLOADS[0], PAYLOADS[1]: "key-is-hostile"},
        options={"hostile.option": PAYLOADS[2]},
    )
    cid = make.container(network=net["Id"], labels={"b": PAYLOADS[1]})
    other = make.network()
    docker_api.connect_container_to_network(
        cid, other["Id"], aliases=["<svg/onload=window.__xss=4>"]
    )

    for url in (
        "/networks/",
        f"/networks/{net['Id']}/",
        f"/containers/{cid}/",
        f"/networks/{net['Id']}/delete/",
    ):
        p.page.goto(server.url + url)
        text = p.page.text_content("main")
        assert PAYLOADS[0] in text, url
        assert_clean(p, url)
    p.page.goto(server.url + f"/networks/{net['Id']}/")
    assert PAYLOADS[2] in p.page.text_content("#options")

    p.page.goto(server.url + "/")
    p.page.wait_for_selector("#map-app[data-state=live]")
    p.page.fill("#search", "x<img")
    p.page.wait_for_selector("#search-results button")
    assert PAYLOADS[0] in p.page.text_content("#search-results")
    p.page.click("#search-results button.hit-network")
    assert PAYLOADS[0] in p.page.text_content("#panel") and PAYLOADS[2] in p.page.text_content(
        "#panel"
    )
    p.page.evaluate("id => { window.dashboardMap.cy.getElementById('c:' + id).emit('tap'); }", cid)
    p.page.wait_for_function(
        "() => document.querySelector('#panel').textContent.includes('svg/onload')"
    )
    assert_clean(p, "map")

    # A form echoing hostile input, then a flash message and the audit log with a hostile name.
    p.page.goto(server.url + "/networks/new/")
    p.page.fill("#id_pool1_subnet", PAYLOADS[0])
    p.page.click("form.wide-form button[type=submit]")
    assert PAYLOADS[0] in p.page.text_content("main")
    assert_clean(p, "create form")

    docker_api.disconnect_container_from_network(cid, net["Id"], force=True)
    docker_api.remove_container(cid, force=True)
    p.page.goto(server.url + f"/networks/{net['Id']}/delete/")
    p.page.click("main form button[type=submit]")
    p.page.wait_for_selector(".message")
    assert PAYLOADS[0] in p.page.text_content(".messages")
    assert_clean(p, "flash message")
    p.page.goto(server.url + "/audit/?action=network.delete")
    assert PAYLOADS[0] in p.page.text_content("#audit")
    assert_clean(p, "audit log")
