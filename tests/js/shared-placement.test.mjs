import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { TopologyModel } from "../../static/js/model.js";
import { Placement, drawOrder } from "../../static/js/placement.js";

const CASE = JSON.parse(readFileSync(new URL("../shared/placement-case.json", import.meta.url)));

test("it places every node as the shared case says (the server's exports follow the same rules)", () => {
  const model = new TopologyModel();
  model.loadSnapshot(CASE.snapshot);
  const p = new Placement();
  p.plan(model);
  const got = {};
  for (const id of model.engines.keys()) {
    const h = p.hostPosition(id);
    got[`h:${id}`] = [h.x, h.y];
  }
  for (const n of drawOrder(model.networks.values())) {
    const q = p.networkPosition(n);
    got[`n:${n.id}`] = [q.x, q.y];
  }
  for (const c of model.containers.values()) {
    const q = p.containerPosition(model, c);
    got[`c:${c.id}`] = [q.x, q.y];
  }
  assert.deepEqual(Object.keys(got).sort(), Object.keys(CASE.positions).sort());
  for (const [key, [x, y]] of Object.entries(CASE.positions)) {
    assert.ok(Math.abs(got[key][0] - x) < 1e-5 && Math.abs(got[key][1] - y) < 1e-5, `${key}: ${got[key]} vs ${[x, y]}`);
  }
});
