// Style caches cleared once per styled element, checked against Cytoscape itself (the
// version package-lock.json pins): the same derived facts as its own way, for far fewer
// clearings.
import { test } from "node:test";
import assert from "node:assert/strict";
import cytoscape from "cytoscape";

import { clearStyleCachesOnce } from "../../static/js/style-caches.js";

const STYLE = [
  { selector: "node", style: { label: "data(id)", width: 10, height: 10, "background-color": "#123", "font-size": 9, color: "#000" } },
  { selector: "edge", style: { width: 1, "line-color": "#456", "curve-style": "straight", label: "data(id)" } },
  { selector: ".gone", style: { display: "none" } },
  { selector: ".faded", style: { opacity: 0.3 } },
  { selector: ".veiled", style: { visibility: "hidden" } },
  { selector: ".still", style: { events: "no" } },
  { selector: ".wide", style: { width: 40, "border-width": 3 } },
  { selector: "edge.curved", style: { "curve-style": "bezier" } },
];
const CLASSES = ["gone", "faded", "veiled", "still", "wide", "curved"];

// An engine's box holding a project's box and networks, containers in both, and edges from
// networks to containers: the map's shape.
function elements() {
  const els = [{ data: { id: "g" } }, { data: { id: "p", parent: "g" } }];
  for (let n = 0; n < 3; n += 1) els.push({ data: { id: `n${n}`, parent: n ? "g" : "p" }, position: { x: 100 * n, y: 0 } });
  for (let c = 0; c < 9; c += 1) {
    els.push({ data: { id: `c${c}`, parent: c % 3 ? "g" : "p" }, position: { x: 100 * (c % 3) + 10 * c, y: 50 + 20 * c } });
    els.push({ data: { id: `e${c}`, source: `n${c % 3}`, target: `c${c}` } });
  }
  return els;
}

function graph(fixed) {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: STYLE });
  if (fixed) clearStyleCachesOnce(cy);
  cy.add(elements());
  return cy;
}

// What Cytoscape derives from styles through the caches.
const facts = (cy) => cy.elements().map((ele) => [ele.id(), ele.visible(), ele.takesUpSpace(), ele.interactive(), ele.effectiveOpacity(), ele.isEdge() && ele.isBundledBezier(), ele.boundingBox()]);

// A small deterministic generator, so a failure names its step.
function* steps(seed, count) {
  let x = seed;
  const next = (n) => { x = (x * 1103515245 + 12345) % 2147483648; return x % n; };
  const ids = elements().map((el) => el.data.id);
  for (let i = 0; i < count; i += 1) yield { id: ids[next(ids.length)], cls: CLASSES[next(CLASSES.length)], add: next(3) > 0 };
}

test("it leaves every derived fact as Cytoscape's own clearing does, through changes on boxes, children and edges", () => {
  const fixed = graph(true);
  const own = graph(false);
  assert.deepEqual(facts(fixed), facts(own)); // and fills the caches, so that a missed clearing would show
  for (const [i, s] of [...steps(7, 150)].entries()) {
    for (const cy of [fixed, own]) {
      const ele = cy.getElementById(s.id);
      if (s.add) ele.addClass(s.cls); else ele.removeClass(s.cls);
    }
    assert.deepEqual(facts(fixed), facts(own), `after step ${i}: ${s.add ? "add" : "remove"} ${s.cls} on ${s.id}`);
  }
  fixed.destroy();
  own.destroy();
});

test("it clears an element's relatives once per styling, not once per property", () => {
  const counted = (fixed) => {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: STYLE });
    if (fixed) clearStyleCachesOnce(cy);
    const proto = Object.getPrototypeOf(cy.collection());
    const original = proto.dirtyStyleCache;
    let calls = 0;
    proto.dirtyStyleCache = function countedClearing() { calls += 1; return original.call(this); };
    try {
      cy.add(elements());
      facts(cy);
    } finally {
      proto.dirtyStyleCache = original;
      cy.destroy();
    }
    return calls;
  };
  const count = elements().length;
  assert.ok(counted(false) > 3 * count, "Cytoscape's own way clears per property");
  assert.ok(counted(true) <= count, `once per element at most (${count})`);
});
