// Folding's pure parts: when a map opens folded, and what a folded network says.
import { test } from "node:test";
import assert from "node:assert/strict";

import { Folding, boxFacts, boxLines, foldedFacts, foldedLines, inBox } from "../../static/js/collapse.js";
import { TopologyModel } from "../../static/js/model.js";
import { container, endpoint, network, snapshot } from "./fixtures.mjs";

function model(count) {
  const m = new TopologyModel();
  m.loadSnapshot(
    snapshot(1, {
      networks: [network("n1", { usable_ipv4: 254 }), network("n2")],
      containers: Array.from({ length: count }, (_, i) => container(`c${i}`, { networks: ["n1"] })),
    }),
  );
  return m;
}

test("the first snapshot's level folds every network, then every box it names", () => {
  const open = new Folding();
  open.decide(model(3), 0);
  assert.ok(!open.isFolded("n1") && !open.isFolded("n2") && !open.groups.size);
  const networks = new Folding();
  networks.decide(model(3), 1);
  assert.ok(networks.isFolded("n1") && networks.isFolded("n2") && !networks.groups.size);
  const engines = new Folding();
  engines.decide(model(3), 3, ["g:local"]);
  assert.ok(engines.isFolded("n1") && engines.isGroupFolded("g:local"));
});

test("the first snapshot decides; the user's folds stand after it", () => {
  const f = new Folding();
  f.decide(model(3), 0);
  f.fold("n2");
  f.decide(model(3), 3, ["g:local"]);
  assert.ok(f.isFolded("n2") && !f.isFolded("n1") && !f.groups.size);
});

test("a folded network counts its members' states, the exposed ones and the addresses in use", () => {
  const m = new TopologyModel();
  m.loadSnapshot(
    snapshot(1, {
      networks: [network("n1", { usable_ipv4: 254 })],
      containers: [
        container("a", {
          networks: ["n1"],
          ports: [{ host_port: 8080, host_ip: "", container_port: 80, protocol: "tcp" }],
        }),
        container("b", { networks: ["n1"] }),
        container("c", { networks: ["n1"], state: "exited", live: false }),
        container("elsewhere", { networks: ["n9", "n1"] }),
      ],
      endpoints: [
        endpoint("n1", "a", { ipv4: "10.0.0.2/24" }),
        endpoint("n1", "b", { ipv4: "10.0.0.3/24" }),
        endpoint("n1", "elsewhere", { ipv4: "10.0.0.4/24" }),
      ],
    }),
  );
  const facts = foldedFacts(m, "n1", new Set(["a", "b", "c", "gone"]));
  assert.deepEqual(facts, { containers: 3, running: 2, stopped: 1, exposed: 1, addresses: 3, usable: 254 });
  assert.deepEqual(foldedLines(facts), [
    "3 containers (2 running, 1 stopped)",
    "3 of 254 addresses in use",
    "1 exposed",
  ]);
  assert.deepEqual(foldedLines({ ...facts, stopped: 0, running: 3, exposed: 0 }), [
    "3 containers (all running)",
    "3 of 254 addresses in use",
  ]);
});

test("a box holds its engine's networks and containers, a project's box only the project's", () => {
  const web = container("w", { project: "shop" });
  const spanning = network("o", { spanning: true, engines: ["local", "other"] });
  assert.ok(inBox(web, "local") && inBox(web, "local|shop"));
  assert.ok(!inBox(web, "local|blog") && !inBox(web, "other") && !inBox(web, "other|shop"));
  assert.ok(!inBox(container("plain"), "local|shop"), "a container of no project is in no project's box");
  assert.ok(!inBox(spanning, "local"), "a network across engines is in no engine's box");
  assert.ok(inBox(network("n", { project: "shop" }), "local|shop"));
});

test("a folded box counts its networks, its containers' states and the exposed ones", () => {
  const m = new TopologyModel();
  m.loadSnapshot(
    snapshot(1, {
      engines: [
        { id: "local", status: "connected", error: "" },
        { id: "other", status: "connected", error: "" },
      ],
      networks: [network("n1", { project: "shop" }), network("n2"), network("n3", { engine: "other" })],
      containers: [
        container("a", {
          project: "shop",
          ports: [{ host_port: 8080, host_ip: "", container_port: 80, protocol: "tcp" }],
        }),
        container("b", { project: "shop", state: "exited", live: false }),
        container("c", { host_network: true }),
        container("d", { engine: "other" }),
      ],
    }),
  );
  const engine = boxFacts(m, "local");
  assert.deepEqual(engine, { networks: 2, containers: 3, running: 2, stopped: 1, exposed: 2 });
  assert.deepEqual(boxFacts(m, "local|shop"), { networks: 1, containers: 2, running: 1, stopped: 1, exposed: 1 });
  assert.deepEqual(boxFacts(m, "other"), { networks: 1, containers: 1, running: 1, stopped: 0, exposed: 0 });
  assert.deepEqual(boxLines(engine), [
    "2 networks · 3 containers (2 running, 1 stopped)",
    "2 exposed",
    "folded: click to unfold",
  ]);
  assert.deepEqual(boxLines(boxFacts(m, "other")), [
    "1 network · 1 container (all running)",
    "folded: click to unfold",
  ]);
});

test("boxes fold apart from networks", () => {
  const f = new Folding();
  f.foldGroup("g:local");
  assert.ok(f.isGroupFolded("g:local") && !f.isGroupFolded("P:local|shop") && !f.isFolded("g:local"));
  f.unfoldGroup("g:local");
  assert.ok(!f.isGroupFolded("g:local"));
});
