import { test } from "node:test";
import assert from "node:assert/strict";

import { TopologyModel } from "../../static/js/model.js";
import { Placement, SLOT_X, SLOT_Y, homeNetwork } from "../../static/js/placement.js";
import { container, network, snapshot } from "./fixtures.mjs";

function model(networks, containers, engines = [{ id: "local", status: "connected" }]) {
  const m = new TopologyModel();
  m.loadSnapshot(snapshot(1, { engines, networks, containers }));
  return m;
}

const distance = (a, b) => Math.hypot(a.x - b.x, a.y - b.y);

test("it gives a network the same position every time it is asked", () => {
  const m = model([network("n1"), network("n2")], []);
  const p = new Placement();
  p.plan(m);
  const first = p.networkPosition(m.networks.get("n2"));
  p.networkPosition(m.networks.get("n1"));
  assert.deepEqual(p.networkPosition(m.networks.get("n2")), first);
});

test("it keeps networks of one engine apart by a network's column, none on another's spot", () => {
  const nets = ["a", "b", "c", "d", "e"].map((id) => network(id));
  const m = model(nets, []);
  const p = new Placement();
  p.plan(m);
  const spots = nets.map((n) => p.networkPosition(n));
  for (let i = 0; i < spots.length; i += 1) {
    for (let j = i + 1; j < spots.length; j += 1) {
      const [dx, dy] = [Math.abs(spots[i].x - spots[j].x), Math.abs(spots[i].y - spots[j].y)];
      assert.ok(dx >= 2 * SLOT_X || dy >= 2 * SLOT_Y, `${dx}, ${dy}`);
    }
  }
});

test("it puts each engine's grid to the right of the one before", () => {
  const engines = [
    { id: "e1", status: "connected" },
    { id: "e2", status: "connected" },
  ];
  const m = model([network("a", { engine: "e1" }), network("b", { engine: "e2" })], [], engines);
  const p = new Placement();
  p.plan(m);
  assert.ok(p.networkPosition(m.networks.get("b")).x > p.networkPosition(m.networks.get("a")).x);
});

test("it puts a network's containers in the slots beside it, none on another's spot", () => {
  const cs = Array.from({ length: 50 }, (_, i) => container(`c${i}`, { networks: ["gone", "n1"] }));
  const m = model([network("n1"), network("n2")], cs);
  const p = new Placement();
  p.plan(m);
  const own = p.networkPosition(m.networks.get("n1"));
  const other = p.networkPosition(m.networks.get("n2"));
  const spots = cs.map((c) => p.containerPosition(m, c));
  assert.equal(homeNetwork(m, cs[0]), "n1");
  for (const s of spots) {
    assert.ok(distance(s, own) >= SLOT_Y, "outside the network node");
    assert.ok(Math.abs(s.x - own.x) <= SLOT_X, "in its network's column or the slots either side");
    assert.ok(
      Math.abs(s.x - own.x) < Math.abs(s.x - other.x) || s.x === own.x + SLOT_X,
      "nearer its own network than the next one",
    );
  }
  const keys = new Set(spots.map((s) => `${Math.round(s.x)},${Math.round(s.y)}`));
  assert.equal(keys.size, spots.length);
});

test("it sets a container on two networks half-way between them, a published one above its network", () => {
  const m = model(
    [network("front", { project: "s" }), network("back", { project: "s" })],
    [
      container("proxy", {
        project: "s",
        networks: ["front"],
        ports: [{ container_port: 80, protocol: "tcp", host_ip: "0.0.0.0", host_port: 80, loopback: false }],
      }),
      container("web", { project: "s", networks: ["front", "back"] }),
      container("db", { project: "s", networks: ["back"] }),
    ],
  );
  const p = new Placement();
  p.plan(m);
  const at = (id) => p.containerPosition(m, m.containers.get(id));
  const [front, back] = ["front", "back"].map((id) => p.networkPosition(m.networks.get(id)));
  assert.equal(front.y, back.y, "one row");
  assert.ok(Math.min(front.x, back.x) < at("web").x && at("web").x < Math.max(front.x, back.x));
  assert.ok(at("proxy").y < front.y && p.hostPosition("local").y < at("proxy").y, "between the host and its network");
  assert.ok(at("db").y >= back.y, "in the line or below it");
});

test("it sets networks sharing containers side by side, and wraps many into rows wider than high", () => {
  // a chain a-c-b of shared containers: not the draw order (a, b, c)
  const nets = ["a", "b", "c"].map((id) => network(id));
  const links = [
    ["c", "a"],
    ["b", "c"],
  ];
  const cs = [
    ...links.map(([x, y], i) => container(`l${i}`, { networks: [x, y] })),
    container("alone", { networks: ["a"] }),
  ];
  const m = model(nets, cs);
  const p = new Placement();
  p.plan(m);
  for (const [x, y] of links) {
    const [px, py] = [x, y].map((id) => p.networkPosition(m.networks.get(id)));
    assert.equal(Math.abs(px.x - py.x), 2 * SLOT_X, `${x} beside ${y}`);
  }
  const many = model(
    Array.from({ length: 60 }, (_, i) => network(`n${i}`)),
    Array.from({ length: 300 }, (_, i) => container(`c${i}`, { networks: [`n${i % 60}`] })),
  );
  const q = new Placement();
  q.plan(many);
  const spots = [...many.containers.values()].map((c) => q.containerPosition(many, c));
  const xs = spots.map((s) => s.x);
  const ys = spots.map((s) => s.y);
  const [w, h] = [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
  assert.ok(w > 1.2 * h && w < 3 * h, `${w} x ${h}`);
});

test("it gives a container that comes later the nearest free slot, moving none placed before", () => {
  const m = model([network("n1")], [container("a", { networks: ["n1"] })]);
  const p = new Placement();
  p.plan(m);
  const first = { ...p.containerPosition(m, m.containers.get("a")) };
  const later = p.containerPosition(m, container("b", { networks: ["n1"] }));
  assert.deepEqual(p.containerPosition(m, m.containers.get("a")), first);
  assert.notDeepEqual(later, first);
  assert.ok(distance(later, p.networkPosition(m.networks.get("n1"))) < 2 * SLOT_X);
});

test("it lines up containers on no known network below their engine's rows", () => {
  const m = model([network("n1")], [container("lonely", { networks: [] }), container("c", { networks: ["n1"] })]);
  const p = new Placement();
  p.plan(m);
  const below = p.containerPosition(m, m.containers.get("c"));
  const spot = p.containerPosition(m, m.containers.get("lonely"));
  assert.ok(spot.y > below.y);
});

test("it puts host-mode containers in their host's line, above the rows", () => {
  const m = model([network("n1")], [container("hm", { host_network: true, networks: ["n1"] })]);
  const p = new Placement();
  p.plan(m);
  const host = p.hostPosition("local");
  const spot = p.containerPosition(m, m.containers.get("hm"));
  assert.equal(spot.y, host.y);
  assert.ok(distance(spot, host) <= 2 * SLOT_X, "beside the host node");
  assert.ok(host.y < p.networkPosition(m.networks.get("n1")).y);
});

test("it draws a Compose container beside its own project's network first", () => {
  const m = model(
    [network("aaa"), network("zzz", { project: "shop" })],
    [container("web", { project: "shop", networks: ["aaa", "zzz"] })],
  );
  assert.equal(homeNetwork(m, m.containers.get("web")), "zzz");
  assert.equal(homeNetwork(m, container("plain", { networks: ["aaa", "zzz"] })), "aaa");
});
