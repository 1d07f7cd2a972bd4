import { test } from "node:test";
import assert from "node:assert/strict";

import { LONGEST_WAIT_MS, attemptUrl, backoff, retrying } from "../../static/js/loader.js";

test("it waits twice as long after each failure, up to its longest wait", () => {
  const middle = () => 0.5; // no jitter
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 9].map((a) => backoff(a, middle)),
    [500, 1000, 2000, 4000, 8000, 10000, 10000],
  );
  assert.equal(backoff(20, middle), LONGEST_WAIT_MS);
});

test("it jitters each wait by a quarter either way", () => {
  assert.equal(
    backoff(1, () => 0),
    750,
  );
  assert.equal(
    backoff(1, () => 1),
    1250,
  );
});

test("it asks for the page's own URL first and a URL of its own at each retry", () => {
  assert.equal(attemptUrl("/static/bundle/map.js", 0), "/static/bundle/map.js");
  assert.equal(attemptUrl("/static/bundle/map.js", 2), "/static/bundle/map.js?attempt=2");
  assert.equal(attemptUrl("/static/x.js?v=1", 1), "/static/x.js?v=1&attempt=1");
});

test("it retries a failed load with backoff until it comes, saying each time", async () => {
  const tried = [],
    said = [],
    waited = [];
  const load = async (attempt) => {
    tried.push(attempt);
    if (attempt < 3) throw new TypeError("Failed to fetch dynamically imported module");
    return "the map";
  };
  const got = await retrying(load, (ms, error) => said.push([ms, error.message]), {
    wait: async (ms) => {
      waited.push(ms);
    },
    random: () => 0.5,
  });
  assert.equal(got, "the map");
  assert.deepEqual(tried, [0, 1, 2, 3]);
  assert.deepEqual(waited, [500, 1000, 2000]);
  assert.deepEqual(
    said.map(([ms]) => ms),
    waited,
  );
  assert.equal(said[0][1], "Failed to fetch dynamically imported module");
});

test("it does not wait or say anything when the first load comes", async () => {
  const said = [];
  const got = await retrying(
    async () => 1,
    () => said.push("retry"),
    { wait: async () => assert.fail("waited") },
  );
  assert.equal(got, 1);
  assert.deepEqual(said, []);
});
