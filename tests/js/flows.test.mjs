// The flows drawn on the map (flows.js): which edges, between which nodes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { OUTSIDE_NODE, endNode, flowEdges, silentNotes, talksOf } from "../../static/js/flows.js";

const C = (id) => ({ kind: "container", id, name: id });
const flow = (client, server, port = 80, connections = 1, proto = "tcp") => ({
  engine: "local",
  client,
  server,
  proto,
  port,
  connections,
});
const own = (kind, id) => `c:${id}`;
const all = () => true;

test("a flow between two drawn containers is one edge, labelled with protocol, port and count", () => {
  const edges = flowEdges([flow(C("a"), C("b"), 8080, 3)], own, all);
  assert.deepEqual(
    [...edges.values()].map(({ source, target, label }) => ({ source, target, label })),
    [{ source: "c:a", target: "c:b", label: "tcp/8080 ×3" }],
  );
  assert.ok(
    [...edges.values()][0].width >
      flowEdges([flow(C("a"), C("b"), 8080, 1)], own, all)
        .values()
        .next().value.width,
  );
});

test("the host is its engine's host node and anything else the outside node", () => {
  assert.equal(endNode({ kind: "host", id: "e2" }, "local", own), "h:e2");
  assert.equal(endNode({ kind: "host", id: "" }, "local", own), "h:local");
  assert.equal(endNode({ kind: "outside", id: "" }, "local", own), OUTSIDE_NODE);
  const edges = flowEdges([flow(C("a"), { kind: "outside", id: "" }, 443)], own, (id) => id === "c:a");
  assert.deepEqual(
    [...edges.values()].map((e) => [e.source, e.target]),
    [["c:a", OUTSIDE_NODE]],
  );
});

test("folded containers take what stands for them; flows inside one fold are not drawn, others add up", () => {
  const standIn = (kind, id) => (id === "a" || id === "b" ? "n:front" : `c:${id}`);
  const edges = flowEdges(
    [flow(C("a"), C("b")), flow(C("a"), C("db"), 5432, 2), flow(C("b"), C("db"), 5432, 1)],
    standIn,
    all,
  );
  assert.deepEqual(
    [...edges.values()].map((e) => [e.source, e.target, e.label]),
    [["n:front", "c:db", "tcp/5432 ×3"]],
  );
});

test("a flow to a node the map does not draw (filtered, another engine's) is left out", () => {
  const edges = flowEdges([flow(C("a"), C("gone"))], own, (id) => id === "c:a");
  assert.equal(edges.size, 0);
});

test("a container's panel lists who connects to it and to whom it connects, busiest first", () => {
  const model = {
    containers: new Map([
      ["a", { name: "web" }],
      ["b", { name: "api" }],
      ["d", { name: "db" }],
    ]),
  };
  const flows = [
    flow(C("a"), C("b"), 8080, 1),
    flow({ kind: "host", id: "" }, C("b"), 8080, 4),
    flow(C("b"), C("d"), 5432, 2),
    flow(C("b"), { kind: "outside", id: "" }, 443, 1),
  ];
  assert.deepEqual(talksOf(flows, "b", model), {
    clients: [
      ["host of local", "tcp/8080", 4],
      ["web", "tcp/8080", 1],
    ],
    servers: [
      ["db", "tcp/5432", 2],
      ["outside", "tcp/443", 1],
    ],
  });
  assert.deepEqual(talksOf(flows, "zzz", model), { clients: [], servers: [] });
});

test("a silent probe is said in plain words, with its seconds, and nothing when all report", () => {
  const probe = (engine, age, silent) => ({ engine, last_report: 1_000_000 - age, age, silent });
  assert.deepEqual(silentNotes([probe("local", 1, false), probe("e2", 0, false)]), []);
  assert.deepEqual(silentNotes([]), []);
  assert.deepEqual(silentNotes(undefined), []);
  assert.deepEqual(silentNotes([probe("local", 1, false), probe("<b>e2</b>", 42, true)]), [
    "The probe on <b>e2</b> has not reported for 42 s; its flows age out of the window.",
  ]);
});
