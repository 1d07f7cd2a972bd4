// The first sight's folding (overview.js): folded, coarser and coarser, until every label
// drawn is 10 px or more at the fit's predicted zoom; a small map never.
import { test } from "node:test";
import assert from "node:assert/strict";

import { Folding } from "../../static/js/collapse.js";
import { LEGIBLE_PX, overview } from "../../static/js/overview.js";
import { Placement } from "../../static/js/placement.js";
import { TopologyModel } from "../../static/js/model.js";
import { container, network, snapshot } from "./fixtures.mjs";

const WINDOW = { width: 1400, height: 760 }; // a 1400x900 window's canvas

// `networks` networks of `each` containers; networks (and their containers) in Compose
// projects `project(i)` when it gives one.
function map(networks, each, project = () => "") {
  const nets = [];
  const ctrs = [];
  for (let i = 0; i < networks; i += 1) {
    nets.push(network(`n${i}`, { name: `net-${i}`, project: project(i) }));
    for (let k = 0; k < each; k += 1)
      ctrs.push(container(`c${i}-${k}`, { name: `ctr-${i}-${k}`, networks: [`n${i}`], project: project(i) }));
  }
  const m = new TopologyModel();
  m.loadSnapshot(snapshot(1, { networks: nets, containers: ctrs }));
  return m;
}

function firstSight(m, canvas = WINDOW) {
  const placement = new Placement();
  placement.plan(m);
  return overview(m, placement, canvas);
}

test("a map whose every name is legible at its fit opens as it is", () => {
  const o = firstSight(map(8, 8));
  assert.equal(o.level, 0);
  assert.ok(o.smallest >= LEGIBLE_PX, o);
  assert.equal(o.boxes.size, 0);
});

test("a small map (60 nodes or fewer) is never folded, even on a window too small for it", () => {
  const o = firstSight(map(6, 9), { width: 500, height: 300 });
  assert.equal(o.level, 0);
  assert.ok(o.smallest < LEGIBLE_PX, "its names are small there: the layout, not folding, answers for it");
});

test("networks fold first, when their names and counts are legible so", () => {
  const o = firstSight(map(10, 12));
  assert.equal(o.level, 1);
  assert.ok(o.smallest >= LEGIBLE_PX, o);
  assert.equal(o.labels, 11); // ten folded networks and the host
});

test("then the projects' boxes, before the engine's", () => {
  const o = firstSight(map(30, 3, (i) => `p${i % 2}`));
  assert.equal(o.level, 2);
  assert.ok(o.smallest >= LEGIBLE_PX, o);
  assert.deepEqual([...o.boxes.keys()].sort(), ["P:local|p0", "P:local|p1"]);
});

test("a map too big for anything finer opens as its engines' boxes, with what they hold", () => {
  for (const [networks, each] of [
    [100, 10],
    [500, 10],
  ]) {
    const o = firstSight(map(networks, each, (i) => (i < 20 ? `p${i % 10}` : "")));
    assert.equal(o.level, 3);
    assert.ok(o.smallest >= LEGIBLE_PX, o);
    assert.equal(o.labels, 1);
    assert.ok(o.boxes.has("g:local"));
    assert.equal([...o.boxes.keys()].filter((id) => id.startsWith("P:")).length, 10, "its projects fold in it");
  }
});

test("a folded box stands at the centre of what it holds: where it is when open", () => {
  const m = map(30, 3, (i) => `p${i % 2}`);
  const placement = new Placement();
  placement.plan(m);
  const at = overview(m, placement, WINDOW).boxes.get("P:local|p0");
  const xs = [];
  const ys = [];
  for (const n of m.networks.values())
    if (n.project === "p0") ({ x: xs[xs.length], y: ys[ys.length] } = placement.networkPosition(n));
  for (const c of m.containers.values())
    if (c.project === "p0") ({ x: xs[xs.length], y: ys[ys.length] } = placement.containerPosition(m, c));
  const mid = (v) => (Math.min(...v) + Math.max(...v)) / 2;
  assert.deepEqual(at, { x: mid(xs), y: mid(ys) });
});

test("the Folding takes the first sight's level and boxes", () => {
  const m = map(10, 12);
  const f = new Folding();
  const o = firstSight(m);
  f.decide(m, o.level, [...o.boxes.keys()]);
  assert.ok([...m.networks.keys()].every((id) => f.isFolded(id)));
  assert.equal(f.groups.size, 0);
});

test("a canvas not laid out yet (no size) is taken for a laptop's, not for nothing", () => {
  const o = firstSight(map(10, 12), { width: 0, height: 0 });
  assert.equal(o.level, 1);
  assert.ok(o.zoom > 0);
});

test("engines folded stand side by side in a row above what they hold, each named", () => {
  const engines = ["a", "b", "c"].map((id) => ({ id, status: "connected", error: "" }));
  const nets = [];
  const ctrs = [];
  for (const { id } of engines)
    for (let i = 0; i < 30; i += 1) {
      nets.push(network(`${id}${i}`, { engine: id }));
      for (let k = 0; k < 10; k += 1) ctrs.push(container(`${id}${i}-${k}`, { engine: id, networks: [`${id}${i}`] }));
    }
  const m = new TopologyModel();
  m.loadSnapshot(snapshot(1, { engines, networks: nets, containers: ctrs }));
  const o = firstSight(m);
  assert.equal(o.level, 3);
  assert.ok(o.smallest >= LEGIBLE_PX, o);
  const [a, b, c] = ["g:a", "g:b", "g:c"].map((id) => o.boxes.get(id));
  assert.ok(a.x < b.x && b.x < c.x && a.y === b.y && b.y === c.y);
  const placement = new Placement();
  placement.plan(m);
  const top = Math.min(...[...m.networks.values()].map((n) => placement.networkPosition(n).y));
  assert.ok(a.y < top - 60, "above every network");
});
