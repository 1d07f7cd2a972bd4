import { test } from "node:test";
import assert from "node:assert/strict";

import { duration, stateText } from "../../static/js/state-text.js";
import { container } from "./fixtures.mjs";

const NOW = 1800000000;

test("it rounds a span down to its largest unit, as the server does", () => {
  const cases = [
    [0, "0 s"],
    [59, "59 s"],
    [60, "1 min"],
    [3599, "59 min"],
    [3600, "1 h"],
    [47 * 3600, "47 h"],
    [2 * 86400, "2 d"],
    [-5, "0 s"],
  ];
  for (const [s, text] of cases) assert.equal(duration(s), text, String(s));
});

test("it words the state from the facts, at the time asked", () => {
  const cases = [
    [{ state: "running", started_at: NOW - 90 }, "running, up 1 min"],
    [{ state: "running", started_at: NOW - 30, health: "starting" }, "running, up 30 s (starting)"],
    [{ state: "running", started_at: 0 }, "running"],
    [{ state: "paused", started_at: NOW - 7200 }, "paused, up 2 h"],
    [{ state: "exited", exit_code: 137, finished_at: NOW - 300, live: false }, "exited (137) 5 min ago"],
    [{ state: "exited", exit_code: 0, finished_at: 0, live: false }, "exited (0)"],
    [{ state: "restarting", exit_code: 1, finished_at: NOW - 2 }, "restarting (1) 2 s ago"],
    [{ state: "created", live: false }, "created"],
  ];
  for (const [fields, text] of cases) {
    assert.equal(
      stateText(container("c", { started_at: 0, finished_at: 0, exit_code: null, health: "", ...fields }), NOW),
      text,
    );
  }
});
