import { test } from "node:test";
import assert from "node:assert/strict";

import {
  CLOSE_FLOODING,
  FLOODING_FIRST_WAIT_MS,
  FLOODING_LONGEST_WAIT_MS,
  LONGEST_WAIT_MS,
  openSocket,
} from "../../static/js/socket.js";

// A page's socket against a scripted server: each try opens or not, then closes with a code.
function harness() {
  const sockets = [];
  const waits = [];
  const states = [];
  let pending = null;
  class FakeSocket {
    constructor(url) {
      this.url = url;
      sockets.push(this);
    }
  }
  const place = { protocol: "http:", host: "dash.test", href: "/" };
  openSocket(
    { path: "/ws/topology/", loginUrl: "/login/", onMessage: () => {}, onState: (s) => states.push(s) },
    {
      WebSocketImpl: FakeSocket,
      schedule: (fn, ms) => {
        waits.push(ms);
        pending = fn;
      },
      random: () => 0.5,
      place,
    },
  );
  return {
    sockets,
    waits,
    states,
    place,
    // The current socket opens (or not) and closes with `code`; the page's next try starts.
    close(code, { open = true } = {}) {
      const ws = sockets.at(-1);
      if (open) ws.onopen();
      ws.onclose({ code });
      const said = states.at(-1);
      const run = pending;
      pending = null;
      if (run) run();
      return said;
    },
  };
}

test("it comes back after a flooding close only after a long wait, longer each time, and says why", () => {
  const h = harness();
  const waits = [];
  for (let i = 0; i < 8; i += 1) {
    const said = h.close(CLOSE_FLOODING);
    waits.push(h.waits.at(-1));
    assert.match(said, /asked for updates too often; retry in \d+ s/);
  }
  assert.ok(waits[0] >= FLOODING_FIRST_WAIT_MS, `${waits[0]} ms`);
  for (let i = 1; i < waits.length; i += 1) assert.ok(waits[i] >= waits[i - 1], waits.join(", "));
  assert.ok(waits.at(-1) > waits[0] * 4, waits.join(", "));
  assert.ok(waits.at(-1) <= FLOODING_LONGEST_WAIT_MS, waits.join(", "));
});

test("an ordinary close after flooding is forgiven, but reopening alone is not", () => {
  const h = harness();
  h.close(CLOSE_FLOODING);
  h.close(CLOSE_FLOODING); // it opened in between, and flooded again
  const second = h.waits.at(-1);
  assert.ok(second > FLOODING_FIRST_WAIT_MS, `${second} ms`);
  const said = h.close(1006); // later, the network drops an open socket: back to the quick pace
  assert.ok(h.waits.at(-1) < LONGEST_WAIT_MS);
  assert.match(said, /^retry in \d+ s$/);
  h.close(CLOSE_FLOODING);
  assert.equal(h.waits.at(-1), FLOODING_FIRST_WAIT_MS);
});

test("ordinary closes back off quickly, doubling to a cap, and reset once a socket opens", () => {
  const h = harness();
  for (let i = 0; i < 8; i += 1) h.close(1006, { open: false });
  const waits = h.waits.slice();
  assert.ok(waits[1] > waits[0] && waits.at(-1) === LONGEST_WAIT_MS, waits.join(", "));
  h.close(1006); // this one opened first
  assert.ok(h.waits.at(-1) < waits[1]);
});

test("a logged-out close goes to the login page and does not reconnect", () => {
  const h = harness();
  h.close(4401);
  assert.equal(h.place.href, "/login/");
  assert.equal(h.sockets.length, 1);
  assert.equal(h.sockets[0].url, "ws://dash.test/ws/topology/");
});
