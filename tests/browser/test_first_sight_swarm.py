"""A two-host swarm at first sight, in Debian's chromium (synthetic, routed into the socket,
from the server's own records): two engines side by side, the overlays across them in a row
just above, the service above those. On windows of three sizes, at the map's own first fit,
every container's and network's name is drawn at 10 px or more, no two labels overlap, and
the drawing covers at least half of the canvas. Read through Cytoscape's public API
(scripts/harness/readability.js)."""

import json

import pytest

from scripts.harness.browser import routed_map
from scripts.harness.readability import READABILITY_JS
from scripts.harness.synthetic_swarm import swarm_snapshot

pytestmark = [pytest.mark.browser, pytest.mark.engine2]

FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


@pytest.mark.parametrize("size", [(1280, 720), (1400, 900), (1920, 1080)])
def test_every_name_of_a_two_host_swarm_is_legible_at_the_first_fit(browser, server, size):
    width, height = size
    snapshot = swarm_snapshot()
    top = snapshot["topology"]
    ids = [f"n:{n['id']}" for n in top["networks"]] + [f"c:{c['id']}" for c in top["containers"]]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        routes = routed_map(page, server.url)
        routes[0].send(json.dumps(snapshot))
        page.wait_for_function("() => window.dashboardMap.stats.snapshots === 1")
        page.evaluate(FRAME)
        m = page.evaluate(READABILITY_JS, ids)
        assert m["names"] == len(ids)
        assert m["smallest"] >= 10, f"a name drawn at {m['smallest']:.1f} px: {m}"
        assert m["unnamed"] == 0, m
        assert m["overlaps"] == 0, f"labels overlap: {m}"
        assert m["coverage"] >= 0.5, f"the drawing covers {100 * m['coverage']:.0f} %: {m}"
        assert errors == []
    finally:
        context.close()
