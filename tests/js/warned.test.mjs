// The warnings' marks on the map (Renderer.markWarnings): set and cleared from the last
// answer alone, and kept through a patch of the marked node.
import { test } from "node:test";
import assert from "node:assert/strict";
import cytoscape from "cytoscape";

import { Renderer } from "../../static/js/render.js";
import { Placement } from "../../static/js/placement.js";
import { TopologyModel } from "../../static/js/model.js";
import { container, endpoint, network, patch, snapshot } from "./fixtures.mjs";

function map() {
  const model = new TopologyModel();
  model.loadSnapshot(
    snapshot(1, {
      networks: [network("n1")],
      containers: ["a", "b", "c"].map((id) => container(id, { networks: ["n1"] })),
      endpoints: ["a", "b", "c"].map((id) => endpoint("n1", id, { ipv4: "10.0.0.2" })),
    }),
  );
  const cy = cytoscape({ headless: true });
  const renderer = new Renderer(cy, model, new Placement());
  renderer.all();
  return { model, cy, renderer };
}

const about = (...ids) => [{ objects: ids.map(([kind, id]) => ({ kind, id })) }];
const warned = (cy) =>
  cy
    .nodes(".warned")
    .map((n) => n.id())
    .sort();

test("the nodes a warning names are marked, and unmarked once it no longer holds", () => {
  const { cy, renderer } = map();
  try {
    renderer.markWarnings(about(["container", "a"], ["network", "n1"]));
    assert.deepEqual(warned(cy), ["c:a", "n:n1"]);
    renderer.markWarnings(about(["container", "b"]));
    assert.deepEqual(warned(cy), ["c:b"]);
    renderer.markWarnings([]);
    assert.deepEqual(warned(cy), []);
  } finally {
    cy.destroy();
  }
});

test("a patch of a marked node keeps its mark until the next answer", () => {
  const { model, cy, renderer } = map();
  try {
    renderer.markWarnings(about(["container", "a"]));
    const changed = model.applyPatch(
      patch(1, { upsert: { containers: [container("a", { networks: ["n1"], state: "exited", live: false })] } }),
    );
    renderer.patch(changed);
    assert.ok(cy.getElementById("c:a").hasClass("stopped"), "the patch was drawn");
    assert.deepEqual(warned(cy), ["c:a"]);
  } finally {
    cy.destroy();
  }
});
