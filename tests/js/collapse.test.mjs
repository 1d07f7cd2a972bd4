// Folding's pure parts: when a map opens folded, and what a folded network says.
import { test } from "node:test";
import assert from "node:assert/strict";

import { Folding, LARGE_MAP, foldedFacts, foldedLines } from "../../static/js/collapse.js";
import { TopologyModel } from "../../static/js/model.js";
import { container, endpoint, network, snapshot } from "./fixtures.mjs";

function model(count) {
  const m = new TopologyModel();
  m.loadSnapshot(snapshot(1, {
    networks: [network("n1", { usable_ipv4: 254 }), network("n2")],
    containers: Array.from({ length: count }, (_, i) => container(`c${i}`, { networks: ["n1"] })),
  }));
  return m;
}

test("a map bigger than LARGE_MAP opens with every network folded, a smaller one unfolded", () => {
  const big = new Folding();
  big.decide(model(LARGE_MAP + 1));
  assert.ok(big.isFolded("n1") && big.isFolded("n2"));
  const small = new Folding();
  small.decide(model(LARGE_MAP));
  assert.ok(!small.isFolded("n1") && !small.isFolded("n2"));
});

test("the first snapshot decides; the user's folds stand after it", () => {
  const f = new Folding();
  f.decide(model(3));
  f.fold("n2");
  f.decide(model(LARGE_MAP + 1));
  assert.ok(f.isFolded("n2") && !f.isFolded("n1"));
});

test("a folded network counts its members' states, the exposed ones and the addresses in use", () => {
  const m = new TopologyModel();
  m.loadSnapshot(snapshot(1, {
    networks: [network("n1", { usable_ipv4: 254 })],
    containers: [
      container("a", { networks: ["n1"], ports: [{ host_port: 8080, host_ip: "", container_port: 80, protocol: "tcp" }] }),
      container("b", { networks: ["n1"] }),
      container("c", { networks: ["n1"], state: "exited", live: false }),
      container("elsewhere", { networks: ["n9", "n1"] }),
    ],
    endpoints: [endpoint("n1", "a", { ipv4: "10.0.0.2/24" }), endpoint("n1", "b", { ipv4: "10.0.0.3/24" }),
      endpoint("n1", "elsewhere", { ipv4: "10.0.0.4/24" })],
  }));
  const facts = foldedFacts(m, "n1", new Set(["a", "b", "c", "gone"]));
  assert.deepEqual(facts, { containers: 3, running: 2, stopped: 1, exposed: 1, addresses: 3, usable: 254 });
  assert.deepEqual(foldedLines(facts), ["3 containers (2 running, 1 stopped)", "3 of 254 addresses in use · 1 exposed"]);
  assert.deepEqual(foldedLines({ ...facts, stopped: 0, running: 3, exposed: 0 }), ["3 containers (all running)", "3 of 254 addresses in use"]);
});
