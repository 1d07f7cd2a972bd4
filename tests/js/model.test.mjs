import { test } from "node:test";
import assert from "node:assert/strict";

import { TopologyModel } from "../../static/js/model.js";
import { container, endpoint, network, patch, snapshot } from "./fixtures.mjs";

function loaded() {
  const m = new TopologyModel();
  m.loadSnapshot(
    snapshot(7, {
      networks: [network("n1"), network("n2")],
      containers: [container("c1", { networks: ["n1", "n2"] }), container("c2", { networks: ["n1"] })],
      endpoints: [endpoint("n1", "c1", { ipv4: "10.0.0.2/24" }), endpoint("n2", "c1"), endpoint("n1", "c2")],
    }),
  );
  return m;
}

test("it takes a snapshot whole, with each container's endpoints indexed", () => {
  const m = loaded();
  assert.equal(m.version, 7);
  assert.deepEqual(
    m
      .endpointsOfContainer("c1")
      .map((e) => e.network)
      .sort(),
    ["n1", "n2"],
  );
  assert.deepEqual(
    m
      .endpointsOfNetwork("n1")
      .map((e) => e.container)
      .sort(),
    ["c1", "c2"],
  );
});

test("it applies a patch that follows its version and says what changed", () => {
  const m = loaded();
  const changed = m.applyPatch(
    patch(7, {
      upsert: { containers: [container("c3", { networks: ["n2"] })], endpoints: [endpoint("n2", "c3")] },
      remove: { endpoints: [["n1", "c2"]] },
    }),
  );
  assert.equal(m.version, 8);
  assert.deepEqual(new Set(changed.containers), new Set(["c3", "c2"]));
  assert.deepEqual(m.endpointsOfContainer("c2"), []);
  assert.equal(m.endpointsOfContainer("c3").length, 1);
});

test("it answers null to a patch that skips a version, and changes nothing", () => {
  const m = loaded();
  assert.equal(m.applyPatch(patch(8, { remove: { networks: ["n1"] } })), null);
  assert.equal(m.version, 7);
  assert.ok(m.networks.has("n1"));
});

test("it ignores a patch it already holds", () => {
  const m = loaded();
  const old = patch(6, { remove: { containers: ["c1"] } });
  assert.deepEqual(m.applyPatch(old), {
    networks: [],
    containers: [],
    endpoints: [],
    engines: [],
    nodes: [],
    services: [],
    tasks: [],
  });
  assert.ok(m.containers.has("c1"));
});

test("it forgets a removed container's endpoints in its index", () => {
  const m = loaded();
  m.applyPatch(
    patch(7, {
      remove: {
        containers: ["c1"],
        endpoints: [
          ["n1", "c1"],
          ["n2", "c1"],
        ],
      },
    }),
  );
  assert.equal(m.byContainer.has("c1"), false);
  assert.deepEqual(m.endpointsOfNetwork("n2"), []);
});

test("it replays a stream of patches to the same state as a snapshot of the end", () => {
  const m = loaded();
  let base = 7;
  for (let i = 0; i < 20; i += 1) {
    const id = `x${i}`;
    m.applyPatch(
      patch(base++, { upsert: { containers: [container(id, { networks: ["n1"] })], endpoints: [endpoint("n1", id)] } }),
    );
    if (i % 2) m.applyPatch(patch(base++, { remove: { containers: [id], endpoints: [["n1", id]] } }));
  }
  const end = new TopologyModel();
  end.loadSnapshot(
    snapshot(base, {
      networks: [...m.networks.values()],
      containers: [...m.containers.values()],
      endpoints: [...m.endpoints.values()],
    }),
  );
  assert.deepEqual([...m.containers.keys()].sort(), [...end.containers.keys()].sort());
  for (const id of end.containers.keys()) {
    assert.deepEqual(m.endpointsOfContainer(id), end.endpointsOfContainer(id));
  }
});
