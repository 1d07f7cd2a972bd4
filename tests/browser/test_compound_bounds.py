"""Boxes (engines', networks', Compose projects') sized from their children's cached bounds
(compound-bounds.js), against Cytoscape's own uncached way, after random changes to a
synthetic map routed into the page's socket."""

import json

import pytest

from scripts.harness.synthetic import synthetic_snapshot
from tests.browser.random_changes import RandomChanges, two_frames

pytestmark = [pytest.mark.browser, pytest.mark.engine2]

# Every node's bounds, and every box's place and size, as the map has them (a box
# Cytoscape has not sized since a change is sized on reading, the map's way).
BOXES = """() => Object.fromEntries(window.dashboardMap.cy.nodes().map((n) => {
  const bb = n.boundingBox();
  const box = n.isParent() ? [n.position('x'), n.position('y'), n.width(), n.height()] : [];
  return [n.id(), [bb.x1, bb.y1, bb.x2, bb.y2, ...box]];
}))"""

# The same with nothing cached: every element's drawn style worked out again, its bounds
# measured again, and every box sized Cytoscape's way.
BOXES_AFRESH = (
    """() => {
  const { cy, boxes } = window.dashboardMap;
  boxes.on = false;
  try {
    cy.elements().dirtyBoundingBoxCache();
    cy.renderer().recalculateRenderedStyle(cy.elements(), false);
    cy.nodes(':parent').updateCompoundBounds(true);
    return ("""
    + BOXES
    + """)();
  } finally {
    boxes.on = true;
  }
}"""
)

# Counts the children Cytoscape works out again without its caches, from now on.
COUNT_UNCACHED = """() => {
  const r = window.dashboardMap.cy.renderer();
  window.__uncached = 0;
  if (r.countedUncached) return;
  r.countedUncached = true;
  const recalculate = r.recalculateRenderedStyle.bind(r);
  r.recalculateRenderedStyle = (eles, useCache) => {
    if (useCache === false) window.__uncached += eles.length;
    return recalculate(eles, useCache);
  };
}"""


class Folds(RandomChanges):
    """Random changes, with folds and unfolds of networks and boxes besides."""

    def change(self, kind, among, step):
        if kind in ("fold", "unfold"):
            net = self.rnd.choice(self.snapshot["topology"]["networks"])["id"]
            self.page.evaluate(f"id => window.dashboardMap.renderer.{kind}(id)", net)
        elif kind in ("fold box", "unfold box"):
            projects = "() => window.dashboardMap.cy.nodes('.project').map((n) => n.id())"
            box = self.rnd.choice(self.page.evaluate(projects))
            method = "foldBox" if kind == "fold box" else "unfoldBox"
            self.page.evaluate(f"id => window.dashboardMap.renderer.{method}(id)", box)
        else:
            return super().change(kind, among, step)
        two_frames(self.page)


def opened(page, routes, snapshot):
    routes[0].send(json.dumps(snapshot))
    page.wait_for_function("() => window.dashboardMap.stats.warm", timeout=30_000)


def differences(kept, afresh):
    if kept.keys() != afresh.keys():
        return {"boxes": sorted(kept.keys() ^ afresh.keys())}
    return {
        box: (kept[box], afresh[box])
        for box in kept
        if any(abs(a - b) > 1e-6 for a, b in zip(kept[box], afresh[box], strict=True))
    }


def test_it_sizes_every_box_and_measures_every_node_as_cytoscape_would_afresh(routed):
    page, routes, errors = routed
    snapshot = synthetic_snapshot(300, 30)
    opened(page, routes, snapshot)
    assert page.evaluate(BOXES) == page.evaluate(BOXES_AFRESH)
    # A third of the networks folded: their nodes' labels reach past their boxes' edges.
    third = [n["id"] for n in snapshot["topology"]["networks"][1::3]]
    page.evaluate("ids => window.dashboardMap.renderer.fold(...ids)", third)
    two_frames(page)
    steps = Folds(page, routes, snapshot, seed=21)
    kinds = ["stop or start", "several", "add", "remove", "select", "fold", "unfold"]
    kinds += ["fold box", "unfold box"]

    def check(step, kind):
        kept = page.evaluate(BOXES)
        assert differences(kept, page.evaluate(BOXES_AFRESH)) == {}, f"step {step} ({kind})"

    for step in range(30):
        kind = steps.rnd.choice(kinds)
        steps.change(kind, list(steps.containers), step)
        check(step, kind)
    # Zoomed in on the first network: containers' and edges' labels shown (labels.js),
    # every one of them restyled at once.
    net = snapshot["topology"]["networks"][0]["id"]
    page.evaluate(
        "id => { const cy = window.dashboardMap.cy;"
        " cy.zoom({ level: 0.9, position: cy.$id('n:' + id).position() }); }",
        net,
    )
    two_frames(page)
    check(30, "zoom in")
    near = [c["id"] for c in snapshot["topology"]["containers"] if c["networks"][0] == net]
    for step in range(31, 41):
        kind = steps.rnd.choice(["stop or start", "several", "select", "remove", "add"])
        steps.change(kind, near, step)
        check(step, kind)
    assert errors == []


def test_a_start_in_a_folded_network_measures_no_other_child_of_its_box_again(routed):
    page, routes, errors = routed
    snapshot = synthetic_snapshot(300, 30)
    opened(page, routes, snapshot)
    page.evaluate(
        "() => { const { renderer, model } = window.dashboardMap;"
        " renderer.fold(...model.networks.keys()); }"
    )
    two_frames(page)
    steps = RandomChanges(page, routes, snapshot, seed=22)

    def measured_again(step):
        page.evaluate(COUNT_UNCACHED)
        steps.change("stop or start", list(steps.containers), step)
        return page.evaluate("window.__uncached")

    counted = [measured_again(step) for step in range(5)]
    # Only what the start changed: its folded network's node, and the box it sits in.
    assert max(counted) <= 2, counted
    # Cytoscape's way: every child of the engine's box (30 folded networks, the projects'
    # boxes and all they hold) at each start.
    page.evaluate("() => { window.dashboardMap.boxes.on = false; }")
    assert measured_again(5) >= 30
    page.evaluate("() => { window.dashboardMap.boxes.on = true; }")
    assert page.evaluate(BOXES) == page.evaluate(BOXES_AFRESH)
    assert errors == []
