"""A big map's first sight in Debian's chromium (synthetic, routed into the socket: no engine
here holds one), on a 1400x900 window: folded until what is drawn can be read
(static/js/overview.js), every drawn node is named at 10 px or more on screen at the first
fit and no two labels overlap; a click unfolds what it folded, keeping every place. Read
through Cytoscape's public API (scripts/harness/readability.js)."""

import json

import pytest

from scripts.harness.readability import READABILITY_JS
from scripts.harness.synthetic import ENGINE, synthetic_snapshot

pytestmark = [pytest.mark.browser, pytest.mark.engine2]

FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


@pytest.mark.parametrize(("containers", "networks"), [(1000, 100), (5000, 500)])
def test_every_drawn_node_is_named_at_the_first_fit_of_a_big_map(
    routed_first_sight, containers, networks
):
    page, routes, errors = routed_first_sight
    routes[0].send(json.dumps(synthetic_snapshot(containers, networks)))
    page.wait_for_function("() => window.dashboardMap.stats.snapshots === 1", timeout=60_000)
    page.evaluate(FRAME)
    m = page.evaluate(READABILITY_JS, None)
    assert m["nodesDrawn"] > 0
    assert m["nodesNamed"] == m["nodesDrawn"], f"drawn without a name: {m}"
    assert m["nodeSmallest"] >= 10, f"a name drawn at {m['nodeSmallest']:.1f} px: {m}"
    assert m["overlaps"] == 0, f"labels overlap: {m}"
    assert errors == []


def test_the_folded_first_sight_unfolds_on_a_click_where_it_would_stand(routed_first_sight):
    page, routes, errors = routed_first_sight
    snapshot = synthetic_snapshot(1000, 100)
    routes[0].send(json.dumps(snapshot))
    page.wait_for_function("() => window.dashboardMap.stats.snapshots === 1", timeout=60_000)
    count = "s => window.dashboardMap.cy.nodes(s).length"
    assert page.evaluate(count, "node") == 1  # the engine's box stands for it all
    label = page.evaluate(f"window.dashboardMap.cy.getElementById('g:{ENGINE}').data('label')")
    assert "100 networks · 1,000 containers" in label
    box = page.evaluate(f"window.dashboardMap.cy.getElementById('g:{ENGINE}').position()")

    page.evaluate(f"void window.dashboardMap.cy.getElementById('g:{ENGINE}').emit('tap')")
    # Inside: its projects' boxes and the networks of none, folded, with their counts.
    assert page.evaluate(count, ".project.folded") == 10
    assert page.evaluate(count, ".network.folded") == 80
    assert page.evaluate(count, ".container") == 0
    opened = page.evaluate(f"window.dashboardMap.cy.getElementById('g:{ENGINE}').position()")
    # Where it stood folded: about the middle of what it holds (their sizes differ).
    assert abs(opened["x"] - box["x"]) < 120 and abs(opened["y"] - box["y"]) < 120, (box, opened)

    # A project's box, then one of its networks: its containers come at their places.
    project = f"P:{ENGINE}|project-2"
    page.evaluate(f"void window.dashboardMap.cy.getElementById('{project}').emit('tap')")
    net = snapshot["topology"]["networks"][2]["id"]
    assert page.evaluate(f"window.dashboardMap.cy.getElementById('n:{net}').hasClass('folded')")
    page.evaluate(f"void window.dashboardMap.cy.getElementById('n:{net}').emit('tap')")
    homed = page.evaluate(f"window.dashboardMap.renderer.members.get('{net}').size")
    assert homed > 0 and page.evaluate(count, ".container") == homed
    # The address says what is folded, and a link to it opens the same.
    page.wait_for_function("() => location.search.includes('fold=all')")
    assert errors == []
