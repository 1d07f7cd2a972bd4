"""Tidy in Debian's chromium: nodes a person dragged around go back, animated, to where a
first look places them, and the map is fitted again (a synthetic map routed into the
socket)."""

import json

import pytest

from scripts.harness.synthetic import synthetic_snapshot
from tests.browser.conftest import open_menu

pytestmark = [pytest.mark.browser]

PLACES = (
    "() => Object.fromEntries(window.dashboardMap.cy.nodes()"
    ".filter(n => !n.isParent()).map(n => [n.id(), n.position()]))"
)


def test_tidy_puts_dragged_nodes_back_where_a_first_look_places_them(routed):
    page, routes, errors = routed
    routes[0].send(json.dumps(synthetic_snapshot(60, 6)))
    page.wait_for_function("() => window.dashboardMap.stats.snapshots === 1", timeout=30_000)
    first = page.evaluate(PLACES)
    containers = sorted(i for i in first if i.startswith("c:"))[:3]
    assert len(containers) == 3
    page.evaluate(
        "ids => ids.forEach((id, k) => window.dashboardMap.cy.getElementById(id)"
        ".position({ x: 5000 + 300 * k, y: -4000 }))",
        containers,
    )
    assert all(page.evaluate(PLACES)[i] != first[i] for i in containers)
    page.evaluate(
        "() => window.dashboardMap.cy.one('layoutstop', () => { window.__tidied = true; })"
    )
    open_menu(page, "menu-fold")
    page.click("#tidy")
    page.wait_for_function("() => window.__tidied === true", timeout=10_000)
    after = page.evaluate(PLACES)
    off = {
        i: (first[i], after[i])
        for i in first
        if abs(first[i]["x"] - after[i]["x"]) > 0.5 or abs(first[i]["y"] - after[i]["y"]) > 0.5
    }
    assert off == {}
    # Fitted again: every node is inside the canvas.
    assert page.evaluate(
        "() => { const cy = window.dashboardMap.cy, b = cy.nodes().renderedBoundingBox();"
        " return b.x1 >= 0 && b.y1 >= 0 && b.x2 <= cy.width() && b.y2 <= cy.height(); }"
    )
    assert errors == []
