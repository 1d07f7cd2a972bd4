import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { TopologyModel } from "../../static/js/model.js";
import { visible } from "../../static/js/filters.js";

const CASES = JSON.parse(readFileSync(new URL("../shared/filter-cases.json", import.meta.url)));

test("it leaves what the shared cases say (the server's exports filter the same way)", () => {
  const model = new TopologyModel();
  model.loadSnapshot(CASES.snapshot);
  for (const c of CASES.cases) {
    const shown = visible(model, c.filters);
    const names = (ids, map) => [...ids].map((id) => map.get(id).name).sort();
    assert.deepEqual(names(shown.networks, model.networks), c.networks, JSON.stringify(c.filters));
    assert.deepEqual(names(shown.containers, model.containers), c.containers, JSON.stringify(c.filters));
  }
});
