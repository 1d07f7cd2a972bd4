"""'What if I connect it?' on the map in Debian's chromium: the server's preview of a
connect, asked from a container's panel, lights the containers that would gain a path,
and changes nothing in Docker."""

import pytest

from tests.browser.test_map import TAP, drawn, live

pytestmark = [pytest.mark.browser]


def test_a_connect_preview_lights_the_pair_it_would_join_and_touches_nothing(
    page, make, docker_api
):
    a, b = make.network(), make.network()
    x = make.container(network=a["Name"])
    y = make.container(network=b["Name"])
    live(page)
    drawn(page, [x, y])
    p = page.page
    p.evaluate(TAP, x)
    p.wait_for_selector("#whatif-choice")
    p.select_option("#whatif-choice", f"connect:{b['Id']}")
    p.click("#whatif-show")
    p.wait_for_function(
        "ids => ids.every(id => window.dashboardMap.cy.getElementById('c:' + id)"
        ".hasClass('whatif-gained'))",
        arg=[x, y],
        timeout=10_000,
    )
    assert "What this would change" in p.text_content("#panel")
    assert set(docker_api.inspect_container(x)["NetworkSettings"]["Networks"]) == {a["Name"]}
    p.click("#clear-highlight")
    p.wait_for_function(
        "id => !window.dashboardMap.cy.getElementById('c:' + id).hasClass('whatif-gained')",
        arg=x,
    )
    assert page.errors == []
