// The words and times of time travel (the module's pure parts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { describeComparison, utcParam } from "../../static/js/time-travel.js";

test("it reads a datetime-local value as UTC, with or without seconds", () => {
  assert.equal(utcParam("2026-11-28T10:32"), "2026-11-28T10:32:00Z");
  assert.equal(utcParam("2026-11-28T10:32:15"), "2026-11-28T10:32:15Z");
  assert.equal(utcParam(""), "");
});

test("it names what appeared, vanished and moved, from whichever map knows the name", () => {
  const before = { networks: new Map([["n1", { name: "old-net" }]]), containers: new Map([["c1", { name: "web" }]]) };
  const after = { networks: new Map([["n2", { name: "new-net" }]]), containers: new Map([["c1", { name: "web" }]]) };
  const diff = {
    networks: { appeared: ["n2"], vanished: ["n1"] },
    containers: { appeared: ["c9abcdef0123456789"], vanished: [], moved: ["c1"] },
  };
  assert.equal(
    describeComparison(diff, before, after),
    "1 network appeared: new-net; 1 network vanished: old-net; 1 container appeared: c9abcdef0123; 1 container moved: web",
  );
  const none = { networks: { appeared: [], vanished: [] }, containers: { appeared: [], vanished: [], moved: [] } };
  assert.equal(describeComparison(none, before, after), "nothing changed");
});
