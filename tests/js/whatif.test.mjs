// The map's "What if I connect it?": what it offers, what it asks, and what it lights.
import { test } from "node:test";
import assert from "node:assert/strict";
import cytoscape from "cytoscape";

import { applyWhatIf, askWhatIf, clearWhatIf, whatIfChoices, whatIfLines, whatIfSets } from "../../static/js/whatif.js";
import { TopologyModel } from "../../static/js/model.js";
import { container, endpoint, network, snapshot } from "./fixtures.mjs";

function model() {
  const m = new TopologyModel();
  m.loadSnapshot(
    snapshot(7, {
      networks: [network("a"), network("b"), network("h", { driver: "host" }), network("far", { engine: "other" })],
      containers: [
        container("x", { networks: ["a"] }),
        container("y", { networks: ["b"] }),
        container("rider", { network_mode: "container:x" }),
      ],
      endpoints: [endpoint("a", "x"), endpoint("b", "y")],
    }),
  );
  return m;
}

const answer = {
  version: 7,
  nothing: false,
  summary: ["x and y will reach each other."],
  notes: ["Docker picks x's address."],
  paths: [{ a: { id: "x" }, b: { id: "y" }, gained: true }],
  names: [{ from: { id: "y" }, to: { id: "rider" }, gained: ["x"], lost: [] }],
  ports: [],
  outside: [],
};

test("it offers the networks a container could join or leave, and none for a container in another's stack", () => {
  const m = model();
  const x = whatIfChoices(m, "x");
  assert.deepEqual(
    x.connect.map((n) => n.id),
    ["b"],
  );
  assert.deepEqual(
    x.disconnect.map((n) => n.id),
    ["a"],
  );
  assert.deepEqual(whatIfChoices(m, "rider"), { connect: [], disconnect: [] });
});

test("it asks the server with the forms' fields and passes its refusal on in its words", async () => {
  const asked = [];
  const ok = async (url) => {
    asked.push(url);
    return { ok: true, json: async () => answer };
  };
  assert.deepEqual(await askWhatIf("/api/reach", "connect", "b", "x", 7, ok), { ok: true, answer });
  assert.equal(asked[0], "/api/reach?change=connect&network=b&container=x&version=7");
  const refused = async () => ({ ok: false, status: 400, json: async () => ({ error: "container: x is not on b." }) });
  assert.deepEqual(await askWhatIf("/api/reach", "disconnect", "b", "x", 7, refused), {
    ok: false,
    error: "container: x is not on b.",
  });
  const down = async () => {
    throw new TypeError("offline");
  };
  assert.equal((await askWhatIf("/api/reach", "connect", "b", "x", 7, down)).ok, false);
});

test("it lights the pairs gained and the containers whose names change, and fades the rest", () => {
  const { gained, lost, moved } = whatIfSets(answer);
  assert.deepEqual([...gained].sort(), ["x", "y"]);
  assert.equal(lost.size, 0);
  assert.deepEqual([...moved], ["rider"]);
  const cy = cytoscape({
    headless: true,
    elements: ["x", "y", "rider", "z"].map((id) => ({ data: { id: `c:${id}` } })),
  });
  assert.equal(applyWhatIf(cy, answer), 3);
  assert.ok(cy.getElementById("c:x").hasClass("whatif-gained") && !cy.getElementById("c:x").hasClass("faded"));
  assert.ok(cy.getElementById("c:rider").hasClass("whatif-moved"));
  assert.ok(cy.getElementById("c:z").hasClass("faded"));
  clearWhatIf(cy);
  assert.equal(cy.elements(".faded, .whatif-gained, .whatif-moved").length, 0);
});

test("it says when the map moved on since the answer", () => {
  assert.deepEqual(whatIfLines(answer, 7), ["x and y will reach each other.", "Docker picks x's address."]);
  assert.match(whatIfLines(answer, 9).at(-1), /version 7; the map is at 9 now/);
});
