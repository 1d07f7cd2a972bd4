// Elements restyled alone, in real Cytoscape (the version package-lock.json pins); that the
// derived facts stay those of a graph styled afresh is checked in style-caches.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import cytoscape from "cytoscape";

import { readsStructure, restyleAlone } from "../../static/js/restyle-alone.js";
import { mapStyle } from "../../static/js/style.js";

test("it tells the selectors that match an element by another one", () => {
  for (const s of ["node > node", "node.engine node", "$node > node", "node, .a .b", "node ~ node"])
    assert.ok(readsStructure(s), s);
  for (const s of [
    "node",
    "node.container.stopped",
    "node:childless, edge",
    "node[label = 'a b']",
    "node[weight > 3]",
    ".hidden",
    "node:selected",
  ])
    assert.ok(!readsStructure(s), s);
});

// A box of ten containers and an edge to each from a network beside them.
function graph(style, alone) {
  const cy = cytoscape({ headless: true, styleEnabled: true, style });
  const installed = alone && restyleAlone(cy);
  const els = [{ data: { id: "g", label: "box" } }, { data: { id: "n", parent: "g" } }];
  for (let c = 0; c < 10; c += 1) {
    els.push({ data: { id: `c${c}`, parent: "g" } }, { data: { id: `e${c}`, source: "n", target: `c${c}` } });
  }
  cy.add(els);
  cy.elements().forEach((e) => e.pstyle("display")); // all styled
  return { cy, installed };
}

const marked = (cy) =>
  cy
    .elements()
    .filter((e) => e._private.styleDirty)
    .map((e) => e.id())
    .sort();
const STYLE = [
  { selector: "node", style: { label: "data(label)" } },
  { selector: ".x", style: { "background-color": "#f00" } },
];

// The elements Cytoscape styles again for `change`, until every element is read.
function restyledBy(cy, change) {
  const style = cy.style();
  const ids = [];
  style.apply = function counted(eles) {
    ids.push(...eles.map((e) => e.id()));
    return Object.getPrototypeOf(this).apply.call(this, eles);
  };
  try {
    change();
    cy.elements().forEach((e) => e.pstyle("display"));
  } finally {
    delete style.apply;
  }
  return [...new Set(ids)].sort();
}

test("a container added to a box restyles it and the box, not the rest of the box", () => {
  const { cy, installed } = graph(STYLE, true);
  const own = graph(STYLE, false).cy;
  try {
    assert.ok(installed);
    assert.deepEqual(
      restyledBy(cy, () => cy.add({ data: { id: "new", parent: "g" } })),
      ["g", "new"],
    );
    assert.deepEqual(
      restyledBy(cy, () => cy.getElementById("c3").addClass("x")),
      ["c3"],
    );
    const whole = restyledBy(own, () => own.add({ data: { id: "new", parent: "g" } }));
    assert.ok(whole.includes("c3"), "Cytoscape's own way restyles the whole box");
  } finally {
    cy.destroy();
    own.destroy();
  }
});

test("a stylesheet that reads the structure keeps Cytoscape's own restyling", () => {
  const { cy, installed } = graph([...STYLE, { selector: "node.x > node", style: { opacity: 0.5 } }], true);
  assert.equal(installed, false);
  cy.getElementById("g").addClass("x");
  assert.ok(marked(cy).includes("c3"));
  cy.destroy();
});

test("the map's stylesheet lets elements be restyled alone", () => {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: mapStyle({ text: () => "" }) });
  assert.ok(restyleAlone(cy));
  cy.destroy();
});
