import { test } from "node:test";
import assert from "node:assert/strict";

import { statusOf } from "../../static/js/status.js";

const up = { id: "local", status: "connected", error: "" };

test("it says live with the version when the socket is open and every engine answers", () => {
  assert.deepEqual(statusOf("open", [up], 12), { cls: "live", text: "Live · version 12" });
});

test("it names each engine that is down, with Docker's reason", () => {
  const down = { id: "e2", status: "disconnected", error: "Cannot reach Docker" };
  assert.deepEqual(statusOf("open", [up, down], 3), {
    cls: "engine-down",
    text: "Engine e2 disconnected: Cannot reach Docker",
  });
});

test("it says the socket is reconnecting before anything about engines", () => {
  assert.equal(statusOf("retry in 2 s", [], 1).text, "Reconnecting… (retry in 2 s)");
  assert.equal(statusOf("connecting", [], 1).text, "Connecting…");
});

test("it says the map shows the past, not live, while time travelling", () => {
  assert.deepEqual(statusOf("past", [up], 7), { cls: "past", text: "The past · version 7 (not live)" });
});

test("it is not live while the socket is open but no snapshot has come", () => {
  assert.deepEqual(statusOf("open", [up], -1), { cls: "reconnecting", text: "Loading the map…" });
});
