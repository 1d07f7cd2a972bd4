// Pacing: patches drawn at once when the map is quiet, merged while redraws run long.
import { test } from "node:test";
import assert from "node:assert/strict";

import { MAX_WAIT, Pacer, mergeChanged } from "../../static/js/pacing.js";

const changed = (...containers) => ({ engines: [], networks: [], containers, endpoints: [] });

function paced() {
  const clock = { t: 0, timers: [] };
  const flushes = [];
  const pacer = new Pacer((c, count) => flushes.push({ at: clock.t, containers: c.containers, count }), {
    now: () => clock.t,
    later: (f, ms) => clock.timers.push({ at: clock.t + ms, f }),
  });
  const advance = (to) => {
    clock.t = to;
    for (const timer of clock.timers.filter((x) => x.at <= to)) {
      clock.timers.splice(clock.timers.indexOf(timer), 1);
      timer.f();
    }
  };
  return { clock, flushes, pacer, advance };
}

test("a patch on a quiet map is drawn at once", () => {
  const { flushes, pacer } = paced();
  pacer.add(changed("a"));
  assert.deepEqual(flushes, [{ at: 0, containers: ["a"], count: 1 }]);
});

test("while redraws run long, the patches that come meanwhile are drawn together, as long after as the last redraw took", () => {
  const { clock, flushes, pacer, advance } = paced();
  pacer.add(changed("a"));
  advance(120);
  pacer.drawn(); // that redraw took 120 ms: nothing more until 240
  advance(150);
  pacer.add(changed("b"));
  advance(200);
  pacer.add(changed("c", "b"));
  assert.equal(flushes.length, 1);
  advance(239);
  assert.equal(flushes.length, 1);
  advance(240);
  assert.deepEqual(flushes[1], { at: 240, containers: ["b", "c", "b"], count: 2 });
  assert.equal(clock.timers.length, 0);
});

test("once the wait is over, the next patch is drawn at once again", () => {
  const { flushes, pacer, advance } = paced();
  pacer.add(changed("a"));
  advance(10);
  pacer.drawn();
  advance(25);
  pacer.add(changed("b"));
  assert.deepEqual(
    flushes.map((f) => f.at),
    [0, 25],
  );
});

test("a redraw not caused by a flush (a pan) sets no wait", () => {
  const { flushes, pacer, advance } = paced();
  pacer.add(changed("a"));
  advance(5);
  pacer.drawn();
  advance(500);
  pacer.drawn();
  pacer.add(changed("b"));
  assert.deepEqual(
    flushes.map((f) => f.at),
    [0, 500],
  );
});

test("a snapshot drops what waits", () => {
  const { flushes, pacer, advance } = paced();
  pacer.add(changed("a"));
  advance(100);
  pacer.drawn();
  pacer.add(changed("b"));
  pacer.clear();
  advance(300);
  assert.deepEqual(
    flushes.map((f) => f.containers),
    [["a"]],
  );
});

test("merging keeps every id and leaves the first answer alone", () => {
  const first = changed("a");
  const merged = mergeChanged(mergeChanged(null, first), { ...changed("b"), nodes: ["n"] });
  assert.deepEqual(merged.containers, ["a", "b"]);
  assert.deepEqual(merged.nodes, ["n"]);
  assert.deepEqual(first.containers, ["a"]);
});

test("a wait is never longer than MAX_WAIT, even when the redraw came long after the flush", () => {
  const { flushes, pacer, advance } = paced();
  pacer.add(changed("a")); // drew nothing: no redraw of its own
  advance(10_000);
  pacer.drawn(); // a pan
  pacer.add(changed("b"));
  advance(10_000 + MAX_WAIT);
  assert.deepEqual(
    flushes.map((f) => f.at),
    [0, 10_000 + MAX_WAIT],
  );
});
