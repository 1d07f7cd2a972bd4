"""Flows on the map in Debian's chromium: what the kernel saw between two labelled
containers, read and sent as the probe does (with the token, over HTTP), is drawn as one
edge between them once a window is chosen, and goes when flows are turned off; the probe,
sending no more, is then said silent over the map."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from dashboard.engine.client import EngineClient
from dashboard.probe.reading import read
from dashboard.probe.report import endpoint, send
from tests.browser.conftest import PROBE_TOKEN, open_menu
from tests.browser.test_map import TAP, drawn, live
from tests.harness.talkers import PORT, talking_pair
from tests.harness.wait import eventually

pytestmark = [pytest.mark.browser]


def test_a_flow_the_probe_saw_is_an_edge_between_its_containers(page, make, docker_api):
    server_id, caller = talking_pair(make, docker_api)
    live(page)
    drawn(page, [server_id, caller])
    p = page.page
    client = EngineClient("local", "", 10)
    try:
        # In a thread of its own, as the probe runs: Playwright's loop runs in this one, and
        # pyroute2's IPRoute (the host's addresses) will not start in a running loop's thread.
        with ThreadPoolExecutor(1) as pool:
            reading = eventually(
                lambda: (
                    (r := pool.submit(read, client).result())
                    and any(f.server.id == server_id for f in r.flows)
                    and r
                ),
                timeout=15,
            )
        assert reading, "the kernel never showed the two connections"
        send(endpoint(page.server.url), PROBE_TOKEN, "local", reading)
    finally:
        client.close()
    edge = f"flow:c:{caller}>c:{server_id}:tcp/{PORT}"
    assert p.evaluate(f"window.dashboardMap.cy.getElementById('{edge}').length") == 0
    open_menu(p, "menu-filters")
    p.select_option("#flow-window", "15m")
    p.wait_for_function(
        "id => window.dashboardMap.cy.getElementById(id).data('label') === 'tcp/7000 ×2'",
        arg=edge,
        timeout=10_000,
    )
    assert "on local" not in p.text_content("#flow-note")  # drawn from its fresh report
    p.wait_for_function("() => new URL(location.href).searchParams.get('flows') === '15m'")
    # The server's panel lists its client, by the name Docker gives it.
    p.evaluate(TAP, server_id)
    caller_name = docker_api.inspect_container(caller)["Name"].lstrip("/")
    p.wait_for_function(
        "name => [...document.querySelectorAll('#panel tr')].some(r => r.textContent"
        " === name + '→ it, tcp/7000' + '2')",
        arg=caller_name,
        timeout=5_000,
    )
    # This test's probe reported once: then said silent while its flow stays.
    p.wait_for_function(
        "() => /The probe on local has not reported for \\d+ s; its flows age out of the window\\./"
        ".test(document.querySelector('#flow-note').textContent)",
        timeout=25_000,
    )
    assert p.is_visible("#flow-note")
    assert p.evaluate(f"window.dashboardMap.cy.getElementById('{edge}').length") == 1
    p.select_option("#flow-window", "")
    p.wait_for_function(
        "id => window.dashboardMap.cy.getElementById(id).empty()", arg=edge, timeout=5_000
    )
    assert p.text_content("#flow-note") == "" and not p.is_visible("#flow-note")
    assert page.errors == []
