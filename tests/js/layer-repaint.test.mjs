// The pure part of layer-repaint.js; the repaint itself needs a canvas and is checked in
// Chromium against a bitmap drawn afresh (tests/browser/test_layer_repaint.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import cytoscape from "cytoscape";

import { merged, outOfOrder, reaches, repaintLayersInPlace, segmentMeets } from "../../static/js/layer-repaint.js";

// The longest run of `ranks` in increasing order, by the plain quadratic way.
function longestRun(ranks) {
  const best = ranks.map(() => 1);
  for (let i = 0; i < ranks.length; i++) {
    for (let j = 0; j < i; j++) if (ranks[j] < ranks[i]) best[i] = Math.max(best[i], best[j] + 1);
  }
  return ranks.length ? Math.max(...best) : 0;
}

function shuffledSome(n, moves, random) {
  const list = Array.from({ length: n }, (_, i) => `e${i}`);
  for (let m = 0; m < moves; m++) {
    const [from, to] = [Math.floor(random() * n), Math.floor(random() * n)];
    list.splice(to, 0, ...list.splice(from, 1));
  }
  return list;
}

test("it names the fewest elements whose moving broke the order, and the rest keep it", () => {
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let round = 0; round < 300; round++) {
    const n = Math.floor(random() * 40);
    const list = shuffledSome(n, Math.floor(random() * 6), random);
    const before = new Map(Array.from({ length: n }, (_, i) => [`e${i}`, i]));
    const moved = outOfOrder(list, before);
    const rest = list.filter((e) => !moved.includes(e)).map((e) => before.get(e));
    assert.ok(
      rest.every((r, i) => i === 0 || rest[i - 1] < r),
      `${list} less ${moved}`,
    );
    assert.equal(moved.length, n - longestRun(list.map((e) => before.get(e))), `${list}`);
  }
});

test("it names none when the order is kept, and one moved to the end", () => {
  const before = new Map(["a", "b", "c", "d"].map((e, i) => [e, i]));
  assert.deepEqual(outOfOrder(["a", "b", "c", "d"], before), []);
  assert.deepEqual(outOfOrder(["a", "c", "d", "b"], before), ["b"]);
  assert.deepEqual(outOfOrder([], before), []);
});

test("it merges overlapping rectangles until none overlap, covering what they covered", () => {
  let seed = 5;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let round = 0; round < 200; round++) {
    const rects = Array.from({ length: Math.floor(random() * 12) }, () => {
      const [x, y] = [Math.floor(random() * 100), Math.floor(random() * 100)];
      return { x1: x, y1: y, x2: x + Math.floor(random() * 30), y2: y + Math.floor(random() * 30) };
    });
    const out = merged(rects);
    const overlap = (a, b) => a.x1 <= b.x2 && b.x1 <= a.x2 && a.y1 <= b.y2 && b.y1 <= a.y2;
    for (const [i, a] of out.entries())
      for (const b of out.slice(i + 1)) assert.ok(!overlap(a, b), JSON.stringify(out));
    for (const r of rects.filter((r) => r.x2 > r.x1 && r.y2 > r.y1)) {
      assert.ok(
        out.some((o) => o.x1 <= r.x1 && r.x2 <= o.x2 && o.y1 <= r.y1 && r.y2 <= o.y2),
        JSON.stringify(r),
      );
    }
  }
});

// Whether segments [a, b] and [c, d] share a point, by orientations (exact on integers).
function crosses(a, b, c, d) {
  const turn = (p, q, r) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const within = (p, q, r) =>
    Math.min(p[0], q[0]) <= r[0] &&
    r[0] <= Math.max(p[0], q[0]) &&
    Math.min(p[1], q[1]) <= r[1] &&
    r[1] <= Math.max(p[1], q[1]);
  const [t1, t2, t3, t4] = [turn(a, b, c), turn(a, b, d), turn(c, d, a), turn(c, d, b)];
  if (t1 !== t2 && t3 !== t4) return true;
  return (
    (t1 === 0 && within(a, b, c)) ||
    (t2 === 0 && within(a, b, d)) ||
    (t3 === 0 && within(c, d, a)) ||
    (t4 === 0 && within(c, d, b))
  );
}

test("it tells whether a segment meets a box, touching included", () => {
  let seed = 11;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const grid = () => Math.floor(random() * 12); // small: segments often touch a side or a corner
  let met = 0;
  for (let round = 0; round < 3000; round++) {
    const [x, y] = [grid(), grid()];
    const box = { x1: x, y1: y, x2: x + Math.floor(random() * 5), y2: y + Math.floor(random() * 5) };
    const [a, b] = [
      [grid(), grid()],
      [grid(), grid()],
    ];
    const corners = [
      [box.x1, box.y1],
      [box.x2, box.y1],
      [box.x2, box.y2],
      [box.x1, box.y2],
    ];
    const inBox = ([px, py]) => box.x1 <= px && px <= box.x2 && box.y1 <= py && py <= box.y2;
    const expected = inBox(a) || inBox(b) || corners.some((c, i) => crosses(a, b, c, corners[(i + 1) % 4]));
    assert.equal(segmentMeets([...a, ...b], box), expected, JSON.stringify({ a, b, box }));
    met += expected;
  }
  assert.ok(met > 300 && met < 2700, `${met} of 3000 met: the cases are too alike`);
});

// An edge as the renderer leaves it: a straight line from (0, 0) to (100, 100), 2 wide, its
// label across its middle, an arrowhead at its end; `style` overrides its properties.
function edge({ type = "straight", label = null, arrow = true, style = {} } = {}) {
  const values = {
    width: 2,
    "line-outline-width": 0,
    "overlay-opacity": 0,
    "overlay-padding": 10,
    "underlay-opacity": 0,
    "underlay-padding": 0,
    ...style,
  };
  const box = (x1, y1, x2, y2) => ({ x1, y1, x2, y2, w: x2 - x1, h: y2 - y1 });
  return {
    isEdge: () => true,
    boundingBox: () => box(-2, -2, 102, 102),
    pstyle: (name) => ({ value: values[name], pfValue: values[name] }),
    _private: {
      rscratch: { edgeType: type, allpts: [0, 0, 100, 100] },
      labelBounds: { all: label ?? box(35, 45, 65, 55) },
      arrowBounds: { source: null, target: arrow ? box(85, 85, 115, 115) : null },
    },
  };
}

test("an edge reaches a box by its line, its label or its arrowhead, not by its bounds alone", () => {
  const box = (x1, y1, x2, y2) => ({ x1, y1, x2, y2 });
  assert.equal(reaches(edge(), box(10, 8, 14, 12)), true, "on the line");
  assert.equal(reaches(edge(), box(70, 10, 90, 30)), false, "in the bounds, far from the line");
  assert.equal(reaches(edge(), box(24, 20, 28, 22)), true, "within the line's width and its caps");
  assert.equal(reaches(edge(), box(60, 46, 63, 50)), true, "on the label, off the line");
  assert.equal(reaches(edge({ label: box(0, 0, 0, 0) }), box(60, 46, 63, 50)), false, "no label there");
  assert.equal(reaches(edge(), box(110, 86, 114, 90)), true, "on the arrowhead, off the line");
  assert.equal(reaches(edge({ arrow: false }), box(110, 86, 114, 90)), false, "no arrowhead");
  const overlaid = edge({ style: { "overlay-opacity": 0.2 } });
  assert.equal(reaches(overlaid, box(70, 55, 72, 57)), true, "within the selection's overlay");
  assert.equal(reaches(edge(), box(70, 55, 72, 57)), false, "as far, with no overlay");
  assert.equal(reaches(edge({ type: "bezier" }), box(70, 10, 90, 30)), true, "a curve is taken whole");
  const node = { isEdge: () => false };
  assert.equal(reaches(node, box(70, 10, 90, 30)), true, "a node is taken whole");
});

test("it leaves a map without a canvas renderer alone", () => {
  const cy = cytoscape({ headless: true });
  assert.equal(repaintLayersInPlace(cy), false);
  cy.destroy();
});
