// The pure part of layer-repaint.js; the repaint itself needs a canvas and is checked in
// Chromium against a bitmap drawn afresh (tests/browser/test_layer_repaint.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import cytoscape from "cytoscape";

import { merged, outOfOrder, repaintLayersInPlace } from "../../static/js/layer-repaint.js";

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
  const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (let round = 0; round < 300; round++) {
    const n = Math.floor(random() * 40);
    const list = shuffledSome(n, Math.floor(random() * 6), random);
    const before = new Map(Array.from({ length: n }, (_, i) => [`e${i}`, i]));
    const moved = outOfOrder(list, before);
    const rest = list.filter((e) => !moved.includes(e)).map((e) => before.get(e));
    assert.ok(rest.every((r, i) => i === 0 || rest[i - 1] < r), `${list} less ${moved}`);
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
  const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (let round = 0; round < 200; round++) {
    const rects = Array.from({ length: Math.floor(random() * 12) }, () => {
      const [x, y] = [Math.floor(random() * 100), Math.floor(random() * 100)];
      return { x1: x, y1: y, x2: x + Math.floor(random() * 30), y2: y + Math.floor(random() * 30) };
    });
    const out = merged(rects);
    const overlap = (a, b) => a.x1 <= b.x2 && b.x1 <= a.x2 && a.y1 <= b.y2 && b.y1 <= a.y2;
    for (const [i, a] of out.entries()) for (const b of out.slice(i + 1)) assert.ok(!overlap(a, b), JSON.stringify(out));
    for (const r of rects.filter((r) => r.x2 > r.x1 && r.y2 > r.y1)) {
      assert.ok(out.some((o) => o.x1 <= r.x1 && r.x2 <= o.x2 && o.y1 <= r.y1 && r.y2 <= o.y2), JSON.stringify(r));
    }
  }
});

test("it leaves a map without a canvas renderer alone", () => {
  const cy = cytoscape({ headless: true });
  assert.equal(repaintLayersInPlace(cy), false);
  cy.destroy();
});
