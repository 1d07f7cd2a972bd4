import { test } from "node:test";
import assert from "node:assert/strict";

import { TopologyModel } from "../../static/js/model.js";
import { Placement, homeNetwork } from "../../static/js/placement.js";
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

test("it keeps networks of one engine apart by the grid spacing", () => {
  const nets = ["a", "b", "c", "d", "e"].map((id) => network(id));
  const m = model(nets, []);
  const p = new Placement();
  p.plan(m);
  const spots = nets.map((n) => p.networkPosition(n));
  for (let i = 0; i < spots.length; i += 1) {
    for (let j = i + 1; j < spots.length; j += 1) assert.ok(distance(spots[i], spots[j]) >= p.spacing);
  }
});

test("it puts each engine's grid to the right of the one before", () => {
  const engines = [{ id: "e1", status: "connected" }, { id: "e2", status: "connected" }];
  const m = model([network("a", { engine: "e1" }), network("b", { engine: "e2" })], [], engines);
  const p = new Placement();
  p.plan(m);
  assert.ok(p.networkPosition(m.networks.get("b")).x > p.networkPosition(m.networks.get("a")).x);
});

test("it spirals containers around their first known network without two on one spot", () => {
  const cs = Array.from({ length: 50 }, (_, i) => container(`c${i}`, { networks: ["gone", "n1"] }));
  const m = model([network("n1")], cs);
  const p = new Placement();
  p.plan(m);
  const centre = p.networkPosition(m.networks.get("n1"));
  const spots = cs.map((c) => p.containerPosition(m, c));
  assert.equal(homeNetwork(m, cs[0]), "n1");
  for (const s of spots) {
    assert.ok(distance(s, centre) > 60, "outside the network node");
    assert.ok(distance(s, centre) < p.spacing / 2, "nearer its own network than the next one");
  }
  const keys = new Set(spots.map((s) => `${Math.round(s.x)},${Math.round(s.y)}`));
  assert.equal(keys.size, spots.length);
});

test("it widens the grid for the busiest network, so spirals do not meet", () => {
  const small = model([network("n1")], [container("c", { networks: ["n1"] })]);
  const busy = model([network("n1")], Array.from({ length: 400 }, (_, i) => container(`c${i}`, { networks: ["n1"] })));
  const a = new Placement();
  const b = new Placement();
  a.plan(small);
  b.plan(busy);
  assert.ok(b.spacing > a.spacing);
});

test("it lines up containers on no known network below their engine's grid", () => {
  const m = model([network("n1")], [container("lonely", { networks: [] })]);
  const p = new Placement();
  p.plan(m);
  const net = p.networkPosition(m.networks.get("n1"));
  const spot = p.containerPosition(m, m.containers.get("lonely"));
  assert.ok(spot.y >= net.y + p.spacing);
});

test("it puts host-mode containers on their host's spiral, above the grid", () => {
  const m = model([network("n1")], [container("hm", { host_network: true, networks: ["n1"] })]);
  const p = new Placement();
  p.plan(m);
  const host = p.hostPosition("local");
  const spot = p.containerPosition(m, m.containers.get("hm"));
  assert.ok(distance(spot, host) < 120, "beside the host node");
  assert.ok(host.y < p.networkPosition(m.networks.get("n1")).y);
});

test("it draws a Compose container beside its own project's network first", () => {
  const m = model([network("aaa"), network("zzz", { project: "shop" })], [container("web", { project: "shop", networks: ["aaa", "zzz"] })]);
  assert.equal(homeNetwork(m, m.containers.get("web")), "zzz");
  assert.equal(homeNetwork(m, container("plain", { networks: ["aaa", "zzz"] })), "aaa");
});
