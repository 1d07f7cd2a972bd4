import { test } from "node:test";
import assert from "node:assert/strict";

import { TopologyModel } from "../../static/js/model.js";
import {
  containerEdges,
  containerElement,
  engineElement,
  networkElement,
  projectElement,
} from "../../static/js/elements.js";
import { container, endpoint, network, snapshot } from "./fixtures.mjs";

test("it draws a plugin's network in the plugin shape and marks internal and icc-off", () => {
  const el = networkElement(network("n", { driver: "weave", internal: true, icc: false, plugin: true }));
  assert.equal(el.data.shape, "barrel");
  assert.match(el.classes, /\bplugin\b/);
  assert.match(el.data.label, /weave plugin · local scope/);
  assert.match(el.classes, /\binternal\b/);
  assert.match(el.classes, /\bnoicc\b/);
  assert.match(el.data.label, /internal, icc off/);
});

test("it keeps Docker's text as label data, markup and all", () => {
  const hostile = "<img src=x onerror=alert(1)>";
  assert.ok(networkElement(network("n", { name: hostile })).data.label.startsWith(hostile));
  assert.ok(containerElement(container("c", { name: hostile })).data.label.startsWith(hostile));
});

test("it dims containers the server does not call live", () => {
  assert.match(containerElement(container("c", { state: "exited", live: false })).classes, /\bstopped\b/);
  assert.doesNotMatch(containerElement(container("c", { state: "paused", live: true })).classes, /\bstopped\b/);
  assert.match(containerElement(container("c", { state: "paused", live: true })).classes, /\bpaused\b/);
});

test("it marks an engine that is not connected", () => {
  assert.equal(engineElement({ id: "e", status: "disconnected" }).classes, "engine down");
  assert.equal(engineElement({ id: "e", status: "connected" }).data.label, "e");
});

test("it wants one edge per endpoint, a dashed one per configured network, a dotted one to a shared stack", () => {
  const model = new TopologyModel();
  model.loadSnapshot(
    snapshot(1, {
      networks: [network("a"), network("b")],
      containers: [
        container("owner", { networks: ["a", "b", "removed"] }),
        container("rider", { network_mode: "container:owner" }),
      ],
      endpoints: [endpoint("a", "owner", { ipv4: "10.1.0.2/24" })],
    }),
  );
  const owner = containerEdges(model, model.containers.get("owner"));
  assert.deepEqual([...owner.keys()].sort(), ["e:a|owner", "e:b|owner"]);
  assert.equal(owner.get("e:a|owner").label, "10.1.0.2/24");
  assert.equal(owner.get("e:b|owner").cls, "configured");
  const rider = containerEdges(model, model.containers.get("rider"));
  assert.deepEqual([...rider.entries()], [["s:rider", { source: "c:owner", label: "shares stack", cls: "shares" }]]);
});

test("it draws each published binding from the host, loopback-only ones apart, and host mode as the host's own", () => {
  const model = new TopologyModel();
  const ports = [
    { container_port: 80, protocol: "tcp", host_ip: "0.0.0.0", host_port: 8080, loopback: false },
    { container_port: 80, protocol: "tcp", host_ip: "::", host_port: 8080, loopback: false },
    { container_port: 81, protocol: "tcp", host_ip: "127.0.0.1", host_port: 8081, loopback: true },
    { container_port: 7000, protocol: "tcp", host_ip: "", host_port: 0, loopback: false },
  ];
  model.loadSnapshot(
    snapshot(1, {
      containers: [container("web", { ports }), container("h", { network_mode: "host", host_network: true })],
    }),
  );
  const edges = containerEdges(model, model.containers.get("web"));
  const published = [...edges.entries()].filter(([id]) => id.startsWith("p:"));
  assert.deepEqual(
    published.map(([, e]) => [e.source, e.label, e.cls]),
    [
      ["h:local", "0.0.0.0:8080 → 80/tcp", "published open"],
      ["h:local", "[::]:8080 → 80/tcp", "published open"],
      ["h:local", "127.0.0.1:8081 → 81/tcp", "published loopback"],
    ],
  );
  const host = containerEdges(model, model.containers.get("h"));
  assert.deepEqual(host.get("H:h"), { source: "h:local", label: "host network", cls: "hostnet" });
  assert.match(containerElement(model.containers.get("h")).classes, /\bhostnet\b/);
});

test("it puts a Compose project's networks and containers in the project's box, inside the engine", () => {
  assert.equal(containerElement(container("c", { project: "shop" })).data.parent, "P:local|shop");
  assert.equal(networkElement(network("n", { project: "shop" })).data.parent, "P:local|shop");
  assert.equal(containerElement(container("c")).data.parent, "g:local");
  const box = projectElement("local|odd|name");
  assert.deepEqual([box.data.parent, box.data.label], ["g:local", "project odd|name"]);
});

test("a network across engines sits in no engine's box and names its hosts", () => {
  const el = networkElement(network("ov", { driver: "overlay", scope: "swarm", spanning: true, hosts: ["a", "b"] }));
  assert.equal(el.data.parent, undefined);
  assert.match(el.classes, /\bspanning\b/);
  assert.match(el.data.label, /across a, b/);
  assert.equal(networkElement(network("br")).data.parent, "g:local");
});

test("an engine that is a swarm node says its role and state", () => {
  const node = { role: "manager", leader: true, state: "ready", availability: "drain" };
  assert.equal(
    engineElement({ id: "e", status: "connected" }, node).data.label,
    "e\nswarm · manager (leader) · ready · drain",
  );
});

test("a folded box counts what it holds and shows stopped and exposed ones as a folded network does", () => {
  const facts = { networks: 2, containers: 3, running: 2, stopped: 1, exposed: 1 };
  const engine = engineElement({ id: "local", status: "connected", error: "" }, null, facts);
  assert.equal(
    engine.data.label,
    "local\n2 networks · 3 containers (2 running, 1 stopped)\n1 exposed\nfolded: click to unfold",
  );
  assert.deepEqual(engine.classes.split(" "), ["engine", "folded", "has-stopped", "has-exposed"]);
  const project = projectElement("local|shop", { ...facts, stopped: 0, running: 3, exposed: 0 });
  assert.equal(project.data.label, "project shop\n2 networks · 3 containers (all running)\nfolded: click to unfold");
  assert.equal(project.classes, "project folded");
  assert.equal(projectElement("local|shop").classes, "project");
  assert.equal(engineElement({ id: "local", status: "connected", error: "" }).classes, "engine");
});
