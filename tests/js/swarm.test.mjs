import { test } from "node:test";
import assert from "node:assert/strict";

import { TopologyModel } from "../../static/js/model.js";
import { swarmElements } from "../../static/js/swarm-elements.js";
import { clusterStale, replicasText, taskName } from "../../static/js/swarm.js";
import { search } from "../../static/js/search.js";
import { container, network, patch, snapshot } from "./fixtures.mjs";

const engine = (id, extra = {}) => ({
  id,
  status: "connected",
  error: "",
  manager: false,
  cluster: "",
  node_id: "",
  cluster_error: "",
  ...extra,
});
const node = (id, hostname, extra = {}) => ({
  id,
  cluster: "x",
  hostname,
  address: "",
  role: "worker",
  availability: "active",
  state: "ready",
  leader: false,
  up: true,
  labels: {},
  ...extra,
});
const task = (id, service, nodeId, extra = {}) => ({
  id,
  cluster: "x",
  service,
  node: nodeId,
  slot: 1,
  state: "running",
  desired_state: "running",
  container: "",
  addresses: [],
  message: "",
  live: true,
  ...extra,
});
const service = (id, name, extra = {}) => ({
  id,
  cluster: "x",
  name,
  image: "img",
  mode: "replicated",
  replicas: 2,
  networks: [],
  vips: [],
  ports: [],
  labels: {},
  ...extra,
});

// hosta is watched (a manager); hostb is seen through it only.
function swarmModel({ managerUp = true, clusterError = "" } = {}) {
  const m = new TopologyModel();
  const snap = snapshot(3, {
    engines: [
      engine("hosta", {
        manager: true,
        cluster: "x",
        node_id: "NA",
        status: managerUp ? "connected" : "disconnected",
        cluster_error: clusterError,
      }),
    ],
    networks: [network("ov", { engine: "hosta", driver: "overlay", scope: "swarm" })],
    containers: [container("ca", { engine: "hosta", networks: ["ov"] })],
  });
  Object.assign(snap.topology, {
    nodes: [node("NA", "hosta", { role: "manager", leader: true }), node("NB", "hostb")],
    services: [
      service("S1", "web", {
        vips: [{ network: "ov", address: "10.0.1.2/24" }],
        ports: [{ target: 80, published: 8080, protocol: "tcp", mode: "ingress" }],
      }),
    ],
    tasks: [
      task("T1", "S1", "NA", { container: "ca" }),
      task("T2", "S1", "NB", { slot: 2, container: "cb", addresses: [{ network: "ov", address: "10.0.1.4/24" }] }),
    ],
  });
  m.loadSnapshot(snap);
  return m;
}

test("it draws a box for a node seen through its manager only, with its tasks on their networks", () => {
  const w = swarmElements(swarmModel());
  assert.ok(w.has("N:NB") && !w.has("N:NA"), "a watched node is its engine's box, not another");
  assert.match(w.get("N:NB").data.label, /seen through hosta/);
  assert.equal(w.get("T:T2").data.parent, "N:NB");
  assert.ok(!w.has("T:T1"), "a task on a watched engine is its container, drawn already");
  assert.equal(w.get("t:ov|T2").data.label, "10.0.1.4/24");
  assert.equal(w.get("v:S1|ov").data.label, "VIP 10.0.1.2/24");
  assert.match(w.get("S:S1").data.label, /2\/2 · replicated\n8080 → 80\/tcp \(every node\)/);
});

test("it marks the swarm stale when no watched manager reads it", () => {
  assert.equal(clusterStale(swarmModel(), "x"), false);
  for (const m of [swarmModel({ managerUp: false }), swarmModel({ clusterError: "no leader" })]) {
    assert.equal(clusterStale(m, "x"), true);
    const w = swarmElements(m);
    assert.match(w.get("N:NB").classes, /stale/);
    assert.match(w.get("S:S1").data.label, /\(stale\)/);
  }
});

test("it counts running replicas and names tasks as docker service ps does", () => {
  const m = swarmModel();
  assert.equal(replicasText(m, m.services.get("S1")), "2/2");
  assert.equal(taskName(m, m.tasks.get("T2")), "web.2");
  const changed = m.applyPatch(
    patch(3, {
      upsert: { tasks: [task("T2", "S1", "NB", { slot: 2, state: "failed", live: false })] },
      remove: { services: [] },
    }),
  );
  assert.deepEqual(changed.tasks, ["T2"]);
  assert.equal(replicasText(m, m.services.get("S1")), "1/2");
  m.applyPatch(patch(4, { remove: { tasks: ["T1"], services: ["S1"] } }));
  assert.ok(!m.services.has("S1") && !m.tasks.has("T1"));
});

test("search finds services by VIP, tasks by address, nodes by hostname; a task on a watched engine is its container", () => {
  const m = swarmModel();
  assert.deepEqual(
    search(m, "10.0.1.2").map((h) => [h.kind, h.id]),
    [["service", "S1"]],
  );
  assert.deepEqual(
    search(m, "10.0.1.4").map((h) => [h.kind, h.id]),
    [["task", "T2"]],
  );
  assert.deepEqual(
    search(m, "web.1").map((h) => [h.kind, h.id]),
    [["container", "ca"]],
  );
  assert.deepEqual(
    search(m, "hostb").map((h) => h.kind),
    ["node"],
  );
});
