// The map's stylesheet, in real Cytoscape (the version package-lock.json pins).
import { test } from "node:test";
import assert from "node:assert/strict";
import cytoscape from "cytoscape";

import { mapStyle } from "../../static/js/style.js";

const labels = { text: (ele) => ele.data("label") || "" };
const Z_RULE = "node:childless, edge";

// The map's shape: an engine's box with its host, a Compose project's box (and a folded
// one), networks and containers in both, endpoint, published and shared-stack edges.
function elements() {
  const els = [
    { data: { id: "g", label: "engine" }, classes: "engine" },
    { data: { id: "h", parent: "g", label: "host" }, classes: "host" },
    { data: { id: "P", parent: "g", label: "project" }, classes: "project" },
    { data: { id: "F", parent: "g", label: "folded" }, classes: "project folded" },
  ];
  for (let n = 0; n < 4; n += 1)
    els.push({
      data: { id: `n${n}`, parent: n % 2 ? "g" : "P", shape: "ellipse", colour: "#123" },
      classes: "network",
    });
  for (let c = 0; c < 12; c += 1) {
    els.push({
      data: { id: `c${c}`, parent: c % 3 ? "g" : "P", label: `c${c}` },
      classes: c % 4 ? "container" : "container stopped",
    });
    els.push({ data: { id: `e${c}`, source: `n${c % 4}`, target: `c${c}` }, classes: "endpoint" });
  }
  els.push({ data: { id: "p0", source: "h", target: "c1" }, classes: "published open" });
  els.push({ data: { id: "s0", source: "c2", target: "c5" }, classes: "shares" });
  els.push({ data: { id: "f0", source: "n1", target: "F" }, classes: "endpoint" });
  return els;
}

function graph(style) {
  const cy = cytoscape({ headless: true, styleEnabled: true, style });
  cy.add(elements());
  return cy;
}

test("it draws in the order Cytoscape's own compound depths would", () => {
  const style = mapStyle(labels);
  assert.equal(style[0].selector, Z_RULE);
  const [mine, auto] = [graph(style), graph(style.slice(1))];
  const order = (cy) =>
    cy
      .elements()
      .sortByZIndex()
      .map((e) => e.id());
  assert.deepEqual(order(mine), order(auto));
  assert.deepEqual(order(mine).slice(0, 2), ["g", "P"]); // boxes under what they hold
  mine.destroy();
  auto.destroy();
});

test("its sort asks for compound depths of boxes only", () => {
  const cy = graph(mapStyle(labels));
  const proto = Object.getPrototypeOf(cy.collection());
  const zDepth = proto.zDepth;
  const asked = new Set();
  proto.zDepth = function countedDepth() {
    asked.add(this.id());
    return zDepth.call(this);
  };
  try {
    cy.elements().sortByZIndex();
  } finally {
    proto.zDepth = zDepth;
  }
  assert.deepEqual(
    [...asked].sort(),
    cy
      .nodes(":parent")
      .map((n) => n.id())
      .sort(),
  );
  cy.destroy();
});

test("a container started or stopped leaves the drawing order alone (no re-sort of the map)", () => {
  const cy = graph(mapStyle(labels));
  cy.elements().forEach((e) => e.pstyle("opacity")); // all styled
  const sorts = [];
  const notify = cy.notify.bind(cy);
  cy.notify = (name, eles) => {
    if (name === "zorder") sorts.push(eles[0].id());
    return notify(name, eles);
  };
  for (const id of ["c0", "c1", "c0", "c1"]) {
    cy.getElementById(id).toggleClass("stopped");
    cy.getElementById(id).pstyle("opacity");
  }
  assert.deepEqual(sorts, []);
  assert.ok(cy.getElementById("c0").hasClass("stopped"));
  assert.equal(cy.getElementById("c0").pstyle("background-opacity").value, 0.45);
  cy.destroy();
});
