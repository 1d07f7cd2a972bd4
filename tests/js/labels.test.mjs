// Small labels (containers', edges'): left out only where Cytoscape would not draw them.
import { test } from "node:test";
import assert from "node:assert/strict";

import { SmallLabels, drawnAt } from "../../static/js/labels.js";
import { SMALL_LABEL_FONTS } from "../../static/js/style.js";

// Cytoscape's own rule (CRp.eleTextBiggerThanMin): the font at the zoom rounded up to a
// power of two, against the style's min-zoomed-font-size.
const cytoscapeDraws = (zoom, size, min) => size * 2 ** Math.ceil(Math.log2(zoom)) >= min;

test("it never leaves out a label Cytoscape would draw, at any zoom", () => {
  for (let zoom = 0.02; zoom <= 4; zoom *= 1.01) {
    for (const [size, min] of SMALL_LABEL_FONTS) {
      if (cytoscapeDraws(zoom, size, min)) assert.ok(drawnAt(zoom, size, min), `font ${size} at zoom ${zoom}`);
    }
  }
});

test("it leaves out exactly the labels Cytoscape would not draw", () => {
  for (let zoom = 0.02; zoom <= 4; zoom *= 1.01) {
    for (const [size, min] of SMALL_LABEL_FONTS)
      assert.equal(drawnAt(zoom, size, min), cytoscapeDraws(zoom, size, min), `font ${size} at zoom ${zoom}`);
  }
});

test("it leaves them out on a zoomed-out map (a thousand containers fit at about 0.13)", () => {
  const labels = new SmallLabels(SMALL_LABEL_FONTS);
  assert.equal(labels.wanted(0.13), false);
  assert.equal(labels.wanted(0.3), false); // a thousand containers' first fit now
  assert.equal(labels.wanted(0.6), true);
});

function fakeCy() {
  const cy = { at: 1, restyled: [], zoom: () => cy.at, batch: (f) => f() };
  cy.elements = (selector) => ({ updateStyle: () => cy.restyled.push(selector) });
  return cy;
}

test("following the zoom restyles containers and edges only when the labels come or go", () => {
  const labels = new SmallLabels(SMALL_LABEL_FONTS);
  const cy = fakeCy();
  const ele = { data: (key) => (key === "label" ? "web-1\nrunning · busybox" : undefined) };
  assert.equal(labels.follow(cy), false);
  assert.equal(labels.text(ele), "web-1\nrunning · busybox");
  cy.at = 0.1;
  assert.equal(labels.follow(cy), true);
  assert.equal(labels.text(ele), "");
  cy.at = 0.3;
  assert.equal(labels.follow(cy), false);
  assert.equal(labels.follow(cy, 2), true, "twice the pixels draw them at half the zoom");
  assert.equal(labels.text(ele), "web-1\nrunning · busybox");
  assert.deepEqual(cy.restyled, ["node.container, edge", "node.container, edge"]);
});

test("before a first render's zoom is known they are left out without restyling", () => {
  const labels = new SmallLabels(SMALL_LABEL_FONTS);
  const cy = fakeCy();
  labels.leaveOut();
  assert.equal(labels.text({ data: () => "x" }), "");
  assert.deepEqual(cy.restyled, []);
});
