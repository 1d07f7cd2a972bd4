"""The map page's chrome and its link, in Debian's chromium on a synthetic map routed into
the socket: the toolbar in one row and the map taking the window's height, the legend
folded away and remembered, the menus worked by keyboard, and a view set by clicks opened
the same from its address in a fresh browser."""

import json

import pytest

from scripts.harness.browser import map_loaded
from scripts.harness.server import USERS
from scripts.harness.synthetic import ENGINE, synthetic_snapshot

pytestmark = [pytest.mark.browser, pytest.mark.engine2]

SLOW = 60_000  # ms: other test runs share this machine's two cores

# Where the toolbar's visible parts are, and how tall the map's canvas is.
LAYOUT = """() => {
  const box = (e) => {
    const r = e.getBoundingClientRect();
    return { id: e.id || e.className, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  };
  const parts = [...document.querySelectorAll('.toolbar > *')]
    .filter((e) => e.getBoundingClientRect().width > 0).map(box);
  return {
    bar: box(document.querySelector('.toolbar')),
    parts,
    control: document.querySelector('#menu-export > summary').getBoundingClientRect().height,
    canvas: document.querySelector('#cy canvas').getBoundingClientRect().height,
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
  };
}"""

# The page at its fullest: every button that shows at times, the longest hint, and a long
# status (an engine down with its error).
WIDEST = """() => {
  for (const id of ['travel-banner', 'travel-live', 'clear-highlight', 'warnings-pill']) {
    document.getElementById(id).hidden = false;
  }
  document.getElementById('warnings-pill').textContent = '12 warnings';
  document.getElementById('live-status').textContent =
    'Engine e2 disconnected: Error while fetching server API version: Connection refused';
  document.getElementById('map-hint').textContent = 'Now click the container to compare with.';
}"""

# What a person sees of the view.
VIEW = """() => {
  const cy = window.dashboardMap.cy;
  const picked = cy.nodes(':selected');
  const panel = document.getElementById('panel');
  return {
    hidden: cy.nodes('.hidden').map((n) => n.id()).sort(),
    folded: cy.nodes('.folded').map((n) => n.id()).sort(),
    drawn: cy.nodes().length,
    selected: picked.map((n) => n.id()),
    at: picked.length ? picked[0].renderedPosition() : null,
    zoom: cy.zoom(),
    panel: panel.hidden ? '' : panel.textContent,
    hideStopped: document.getElementById('hide-stopped').checked,
  };
}"""


def snapshot_shown(page, routes, snapshot):
    routes[0].send(json.dumps(snapshot))
    page.wait_for_function("() => window.dashboardMap.stats.snapshots === 1", timeout=SLOW)


def one_row(layout):
    bar = layout["bar"]
    assert bar["bottom"] - bar["top"] < 1.6 * layout["control"], layout
    for part in layout["parts"]:
        assert bar["top"] <= part["top"] and part["bottom"] <= bar["bottom"], part


def test_the_toolbar_is_one_row_and_the_map_takes_the_height_of_the_window(routed):
    """Before, at 1400x900 the toolbar took three rows and the legend three: the canvas had
    631 px of 900 (70%); at 1280x720, 451 of 720 (63%)."""
    page, routes, errors = routed
    snapshot_shown(page, routes, synthetic_snapshot(300, 10))
    layout = page.evaluate(LAYOUT)
    one_row(layout)
    assert layout["canvas"] >= 0.82 * 900, layout["canvas"]
    assert layout["height"] <= 900 and layout["width"] <= 1400  # nothing scrolls

    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_function(  # Cytoscape follows its box's size a frame later
        "() => document.querySelector('#cy canvas').getBoundingClientRect().width"
        " === document.getElementById('cy').getBoundingClientRect().width"
    )
    assert page.evaluate(LAYOUT)["canvas"] >= 0.75 * 720
    page.evaluate(WIDEST)
    layout = page.evaluate(LAYOUT)
    one_row(layout)
    parts = sorted(layout["parts"], key=lambda p: p["left"])
    for a, b in zip(parts, parts[1:], strict=False):
        assert a["right"] <= b["left"], f"{a['id']} overlaps {b['id']}"
    assert parts[-1]["right"] <= layout["bar"]["right"] and layout["width"] <= 1280
    assert {"live-status", "warnings-box"} <= {p["id"] for p in parts}
    for part in ("#travel-live", "#clear-highlight", "#map-hint", "#warnings-pill"):
        assert page.is_visible(part), part
    assert errors == []


def test_the_legend_folds_away_and_stays_folded_after_a_reload(routed):
    page, routes, errors = routed
    snapshot_shown(page, routes, synthetic_snapshot(100, 5))
    opened = page.evaluate(LAYOUT)["canvas"]
    assert page.get_attribute("#legend > summary", "aria-expanded") == "true"
    assert page.is_visible("#legend li")
    page.click("#legend > summary")
    page.wait_for_function("() => !document.getElementById('legend').open")
    assert not page.is_visible("#legend li")
    page.wait_for_function(
        "h => document.querySelector('#cy canvas').getBoundingClientRect().height > h", arg=opened
    )
    assert page.get_attribute("#legend > summary", "aria-expanded") == "false"

    page.reload()
    map_loaded(page)
    assert not page.evaluate("document.getElementById('legend').open")
    assert not page.is_visible("#legend li")
    page.click("#legend > summary")  # and open again, for the next reload
    page.reload()
    map_loaded(page)
    assert page.is_visible("#legend li")
    assert errors == []


def test_the_menus_open_from_the_keyboard_and_close_with_escape_or_a_click_away(routed):
    page, routes, errors = routed
    snapshot_shown(page, routes, synthetic_snapshot(100, 5))
    summary = "#menu-export > summary"
    assert not page.is_visible("#export-png")
    page.focus(summary)
    page.keyboard.press("Enter")
    page.wait_for_selector("#export-png", state="visible")
    assert page.get_attribute(summary, "aria-expanded") == "true"
    page.keyboard.press("Escape")
    page.wait_for_selector("#export-png", state="hidden")
    assert page.get_attribute(summary, "aria-expanded") == "false"
    assert page.evaluate(f"document.activeElement === document.querySelector('{summary}')")

    page.keyboard.press("Space")
    page.wait_for_selector("#export-png", state="visible")
    page.click("#menu-fold > summary")  # one menu at a time
    page.wait_for_selector("#fold-all", state="visible")
    assert not page.is_visible("#export-png")
    box = page.locator("#cy").bounding_box()
    page.mouse.click(box["x"] + 5, box["y"] + box["height"] - 5)  # on the map
    page.wait_for_selector("#fold-all", state="hidden")
    assert page.get_attribute("#menu-fold > summary", "aria-expanded") == "false"
    assert errors == []


def fresh_page(browser, server, url):
    """A new browser (no cookie, nothing stored) given `url`: it logs in on the way."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    routes = []
    page.route_web_socket("**/ws/topology/", lambda ws: routes.append(ws))
    page.goto(url)
    name, password = USERS["viewer"]
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    map_loaded(page)
    page.wait_for_function("() => window.dashboardMap.socket.readyState === 1", timeout=SLOW)
    return context, page, routes


def test_a_view_set_by_clicks_opens_the_same_from_its_address(routed, browser, server):
    page, routes, errors = routed
    snapshot = synthetic_snapshot(100, 10)
    snapshot_shown(page, routes, snapshot)
    cy = "window.dashboardMap.cy"

    page.check("#hide-stopped")
    net = snapshot["topology"]["networks"][5]["id"]
    page.evaluate(f"void {cy}.getElementById('n:{net}').emit('dbltap')")  # fold a network
    page.evaluate(f"void {cy}.getElementById('P:{ENGINE}|project-2').emit('dbltap')")  # and a box
    # Click a running container outside what is folded, where it is drawn.
    target = page.evaluate(
        f"""() => {{
          const n = {cy}.nodes('.container').filter((c) => !c.hasClass('stopped')
            && c.data('parent') === 'g:{ENGINE}')[0];
          return {{ id: n.id(), at: n.renderedPosition() }};
        }}"""
    )
    box = page.locator("#cy").bounding_box()
    page.mouse.click(box["x"] + target["at"]["x"], box["y"] + target["at"]["y"])
    page.wait_for_function(f"id => {cy}.getElementById(id).selected()", arg=target["id"])
    page.wait_for_selector("#panel:not([hidden])")
    zoom = page.evaluate(f"{cy}.zoom()")
    # Zoomed in about a point off the centre (as a wheel there would): zoom and pan change.
    page.evaluate(
        f"z => {cy}.zoom({{ level: z * 2, renderedPosition: {{ x: 300, y: 500 }} }})", zoom
    )
    asked = ["hide_stopped=1", "fold=", "box=", "select=container", "zoom=", "center="]
    page.wait_for_function("keys => keys.every((k) => location.search.includes(k))", arg=asked)
    page.wait_for_timeout(400)  # the address follows a moment after the last change
    url = page.url
    before = page.evaluate(VIEW)
    assert before["hideStopped"] and before["hidden"] and before["selected"] == [target["id"]]
    assert f"n:{net}" in before["folded"] and f"P:{ENGINE}|project-2" in before["folded"]

    context, fresh, fresh_routes = fresh_page(browser, server, url)
    try:
        assert fresh.url == url  # the login kept it
        snapshot_shown(fresh, fresh_routes, snapshot)
        fresh.wait_for_function(f"id => {cy}.getElementById(id).selected()", arg=target["id"])
        after = fresh.evaluate(VIEW)
        for key in ("hidden", "folded", "drawn", "selected", "panel", "hideStopped"):
            assert after[key] == before[key], key
        assert after["zoom"] == pytest.approx(before["zoom"], rel=0.005)
        # The selected container is where it was on the screen, to a pixel or two.
        assert after["at"]["x"] == pytest.approx(before["at"]["x"], abs=3)
        assert after["at"]["y"] == pytest.approx(before["at"]["y"], abs=3)
    finally:
        context.close()
    assert errors == []
