import { test } from "node:test";
import assert from "node:assert/strict";

import { TopologyModel } from "../../static/js/model.js";
import { search } from "../../static/js/search.js";
import { container, endpoint, network, snapshot } from "./fixtures.mjs";

function m() {
  const model = new TopologyModel();
  model.loadSnapshot(
    snapshot(1, {
      networks: [
        network("abc123net", {
          name: "frontend",
          ipam: [{ subnet: "10.20.0.0/24", gateway: "10.20.0.1", ip_range: "" }],
        }),
      ],
      containers: [
        container("def456", { name: "Web-1", networks: ["abc123net"] }),
        container("fff000", { name: "db", state: "exited", live: false }),
      ],
      endpoints: [
        endpoint("abc123net", "def456", { ipv4: "10.20.0.5/24", ipv6: "fd00::5/64", mac: "02:42:0a:14:00:05" }),
      ],
    }),
  );
  return model;
}

const found = (hits) => hits.map((h) => `${h.kind}:${h.id}`);

test("it finds by name, whatever the case, and by id prefix", () => {
  assert.deepEqual(found(search(m(), "web")), ["container:def456"]);
  assert.deepEqual(found(search(m(), "FRONT")), ["network:abc123net"]);
  assert.deepEqual(found(search(m(), "fff")), ["container:fff000"]);
});

test("it finds a container by its IPv4, IPv6 or MAC address, and says which matched", () => {
  for (const [q, shown] of [
    ["10.20.0.5", "10.20.0.5"],
    ["fd00::5", "10.20.0.5"],
    ["02:42:0a", "10.20.0.5"],
  ]) {
    const hits = search(m(), q).filter((h) => h.kind === "container");
    assert.deepEqual(found(hits), ["container:def456"], q);
    assert.equal(hits[0].detail, shown, q);
  }
});

test("it finds a network by subnet prefix or exact gateway", () => {
  assert.ok(found(search(m(), "10.20.0.0")).includes("network:abc123net"));
  assert.ok(found(search(m(), "10.20.0.1")).includes("network:abc123net"));
});

test("it finds the default bridge by the gateway its endpoints report", () => {
  const model = new TopologyModel();
  model.loadSnapshot(
    snapshot(1, {
      networks: [
        network("bridgenet", { name: "bridge", ipam: [{ subnet: "172.17.0.0/16", gateway: "", ip_range: "" }] }),
      ],
      containers: [container("c1", { networks: ["bridgenet"] })],
      endpoints: [endpoint("bridgenet", "c1", { ipv4: "172.17.0.2/16", gateway: "172.17.0.1" })],
    }),
  );
  assert.deepEqual(found(search(model, "172.17.0.1")), ["network:bridgenet"]);
});

test("it finds nothing for a blank query and stops at the limit", () => {
  assert.deepEqual(search(m(), "   "), []);
  assert.equal(search(m(), "", 1).length, 0);
  const model = m();
  for (let i = 0; i < 30; i += 1) model.containers.set(`web${i}`, container(`web${i}`, { name: `web${i}` }));
  assert.equal(search(model, "web", 5).length, 5);
});

test("it finds Compose projects by name, one hit per engine", () => {
  const model = m();
  model.containers.set("p1", container("p1", { project: "shop", service: "web" }));
  model.containers.set("p2", container("p2", { project: "shop", service: "db", engine: "e2" }));
  model.networks.set("pn", network("pn", { project: "shop" }));
  const hits = search(model, "SHO").filter((h) => h.kind === "project");
  assert.deepEqual(
    hits.map((h) => h.id),
    ["e2|shop", "local|shop"],
  );
});
