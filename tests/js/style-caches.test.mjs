// Style caches cleared once per styled element, checked against Cytoscape itself (the
// version package-lock.json pins): the derived facts of a graph styled afresh, for far
// fewer clearings.
import { test } from "node:test";
import assert from "node:assert/strict";
import cytoscape from "cytoscape";

import { restyleAlone } from "../../static/js/restyle-alone.js";
import { clearStyleCachesOnce } from "../../static/js/style-caches.js";

const STYLE = [
  {
    selector: "node",
    style: { label: "data(id)", width: 10, height: 10, "background-color": "#123", "font-size": 9, color: "#000" },
  },
  { selector: "edge", style: { width: 1, "line-color": "#456", "curve-style": "straight", label: "data(id)" } },
  { selector: ".gone", style: { display: "none" } },
  { selector: ".faded", style: { opacity: 0.3 } },
  { selector: ".veiled", style: { visibility: "hidden" } },
  { selector: ".still", style: { events: "no" } },
  { selector: ".wide", style: { width: 40, "border-width": 3 } },
  { selector: "edge.curved", style: { "curve-style": "bezier" } },
  { selector: ".tinted", style: { "background-color": "#f00", "line-color": "#f00" } },
];
const CLASSES = ["gone", "faded", "veiled", "still", "wide", "curved", "tinted"];

// An engine's box holding a project's box and networks, containers in both, and edges from
// networks to containers: the map's shape.
function elements() {
  const els = [{ data: { id: "g" } }, { data: { id: "p", parent: "g" } }];
  for (let n = 0; n < 3; n += 1)
    els.push({ data: { id: `n${n}`, parent: n ? "g" : "p" }, position: { x: 100 * n, y: 0 } });
  for (let c = 0; c < 9; c += 1) {
    els.push({
      data: { id: `c${c}`, parent: c % 3 ? "g" : "p" },
      position: { x: 100 * (c % 3) + 10 * c, y: 50 + 20 * c },
    });
    els.push({ data: { id: `e${c}`, source: `n${c % 3}`, target: `c${c}` } });
  }
  return els;
}

const X = (parent) => [
  { data: { id: "x", parent }, position: { x: 400, y: 400 } },
  { data: { id: "ex", source: "n1", target: "x" } },
];

// `fixed`: as the map has it (its caches cleared once, each element restyled alone).
function graph(fixed, classes = new Map(), labels = new Map(), x = null) {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: STYLE });
  if (fixed) {
    clearStyleCachesOnce(cy);
    assert.ok(restyleAlone(cy));
  }
  cy.add(
    [...elements(), ...(x ? X(x) : [])].map((el) => ({
      ...el,
      data: { ...el.data, label: labels.get(el.data.id) },
      classes: [...(classes.get(el.data.id) || [])],
    })),
  );
  return cy;
}

// What Cytoscape derives from styles through the caches, by id. Read edges first and
// children before their boxes: Cytoscape reads a cached fact without restyling first.
const facts = (cy) => {
  const order = [...cy.edges().toArray(), ...cy.nodes().toArray().reverse()];
  const read = order.map((ele) => [
    ele.id(),
    ele.visible(),
    ele.takesUpSpace(),
    ele.interactive(),
    ele.effectiveOpacity(),
    ele.isEdge() && ele.isBundledBezier(),
    ele.boundingBox(),
  ]);
  return read.sort((a, b) => a[0].localeCompare(b[0]));
};

// A small deterministic generator, so a failure names its step: a class added or removed,
// a label (data-mapped) set, the same or another, or a container "x" and its edge added to
// a box or removed.
function* steps(seed, count) {
  let x = seed;
  const next = (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
  const ids = elements().map((el) => el.data.id);
  for (let i = 0; i < count; i += 1) {
    const [id, kind] = [ids[next(ids.length)], next(5)];
    if (kind === 4) yield { x: ["g", "p"][next(2)] };
    else if (kind === 3) yield { id, label: `L${next(2)}` };
    else yield { id, cls: CLASSES[next(CLASSES.length)], add: kind > 0 };
  }
}

test("it leaves every derived fact as a graph styled afresh has it, through changes on boxes, children and edges", () => {
  const cy = graph(true);
  const [classes, labels] = [new Map(), new Map()];
  let x = null; // the box holding "x", if it is there
  const truth = () => {
    const fresh = graph(false, classes, labels, x);
    const f = facts(fresh);
    fresh.destroy();
    return f;
  };
  assert.deepEqual(facts(cy), truth()); // and fills the caches, so that a missed clearing would show
  for (const [i, s] of [...steps(7, 300)].entries()) {
    if (s.x) {
      if (x) cy.getElementById("x").remove();
      else cy.add(X(s.x));
      x = x ? null : s.x;
      assert.deepEqual(facts(cy), truth(), `after step ${i}: x ${x ? `added to ${x}` : "removed"}`);
      continue;
    }
    const ele = cy.getElementById(s.id);
    const mine = classes.get(s.id) || new Set();
    classes.set(s.id, mine);
    if (s.label !== undefined) {
      ele.data("label", s.label);
      labels.set(s.id, s.label);
    } else if (s.add) {
      ele.addClass(s.cls);
      mine.add(s.cls);
    } else {
      ele.removeClass(s.cls);
      mine.delete(s.cls);
    }
    const what = s.label !== undefined ? `label ${s.label}` : `${s.add ? "add" : "remove"} ${s.cls}`;
    assert.deepEqual(facts(cy), truth(), `after step ${i}: ${what} on ${s.id}`);
  }
  cy.destroy();
});

test("a change to one element leaves the derived facts of the rest of its box in place", () => {
  const cleared = (fixed) => {
    const cy = graph(fixed);
    facts(cy);
    const c = cy.getElementById("c4");
    c.addClass("tinted");
    cy.elements().forEach((e) => e.pstyle("display")); // restyled, as before a frame
    const ids = cy
      .elements()
      .filter((e) => !e._private.styleCache)
      .map((e) => e.id())
      .sort();
    const near = c
      .union(c.parents())
      .union(c.connectedEdges())
      .map((e) => e.id())
      .sort();
    cy.destroy();
    return [ids, near];
  };
  const [fixed, near] = cleared(true);
  assert.deepEqual(fixed, near);
  const [own] = cleared(false);
  assert.ok(own.length > near.length, "Cytoscape's own way clears the whole box");
});

test("it clears an element's relatives once per styling, not once per property", () => {
  const counted = (fixed) => {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: STYLE });
    if (fixed) clearStyleCachesOnce(cy);
    const proto = Object.getPrototypeOf(cy.collection());
    const original = proto.dirtyStyleCache;
    let calls = 0;
    proto.dirtyStyleCache = function countedClearing() {
      calls += 1;
      return original.call(this);
    };
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
