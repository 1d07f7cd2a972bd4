import { test } from "node:test";
import assert from "node:assert/strict";

import { TopologyModel } from "../../static/js/model.js";
import { labelMatches, visible } from "../../static/js/filters.js";
import { container, endpoint, network, snapshot } from "./fixtures.mjs";

function m() {
  const model = new TopologyModel();
  model.loadSnapshot(
    snapshot(1, {
      networks: [
        network("br", { labels: { team: "web" } }),
        network("ov", { driver: "overlay" }),
        network("host", { driver: "host" }),
        network("none", { driver: "null" }),
        network("empty", { labels: { team: "db" } }),
      ],
      containers: [
        container("up", { networks: ["br"], labels: { team: "web", tier: "front" } }),
        container("down", { networks: ["ov"], state: "exited", live: false }),
        container("hostc", { networks: ["host"] }),
        container("loose", { networks: [] }),
        container("ovc", { networks: ["ov"], labels: { team: "db" } }),
      ],
      endpoints: [endpoint("br", "up"), endpoint("host", "hostc"), endpoint("ov", "ovc")],
    }),
  );
  return model;
}

const sorted = (set) => [...set].sort();

test("it shows everything when no filter is set", () => {
  const shown = visible(m());
  assert.deepEqual(sorted(shown.networks), ["br", "empty", "host", "none", "ov"]);
  assert.deepEqual(sorted(shown.containers), ["down", "hostc", "loose", "ovc", "up"]);
});

test("it hides stopped containers by the server's live flag", () => {
  assert.deepEqual(sorted(visible(m(), { hideStopped: true }).containers), ["hostc", "loose", "ovc", "up"]);
});

test("it hides host and none networks and the containers only on them", () => {
  const shown = visible(m(), { hideHostNone: true });
  assert.deepEqual(sorted(shown.networks), ["br", "empty", "ov"]);
  assert.ok(!shown.containers.has("hostc"));
  assert.ok(shown.containers.has("loose"), "a container on no network is not on host or none");
});

test("it keeps one driver's networks and their containers", () => {
  const shown = visible(m(), { driver: "overlay" });
  assert.deepEqual(sorted(shown.networks), ["ov"]);
  assert.deepEqual(sorted(shown.containers), ["down", "ovc"]);
});

test("it filters by label key or key=value, keeping the networks of what it shows", () => {
  const byKey = visible(m(), { label: "team" });
  assert.deepEqual(sorted(byKey.containers), ["ovc", "up"]);
  assert.deepEqual(sorted(byKey.networks), ["br", "empty", "ov"]);
  const byValue = visible(m(), { label: "team=db" });
  assert.deepEqual(sorted(byValue.containers), ["ovc"]);
  assert.deepEqual(sorted(byValue.networks), ["empty", "ov"], "empty carries the label itself");
});

test("it matches a label value that holds an equals sign", () => {
  assert.ok(labelMatches({ q: "a=b" }, "q=a=b"));
  assert.ok(!labelMatches({ q: "a" }, "q=a=b"));
  assert.ok(!labelMatches({ toString: "x" }, "constructor"));
});

test("it shows only what the outside reaches: published ports and host mode, with their networks", () => {
  const model = m();
  model.containers.set(
    "pub",
    container("pub", {
      networks: ["br"],
      ports: [{ container_port: 80, protocol: "tcp", host_ip: "0.0.0.0", host_port: 8080, loopback: false }],
    }),
  );
  model.containers.set(
    "exp",
    container("exp", {
      networks: ["ov"],
      ports: [{ container_port: 80, protocol: "tcp", host_ip: "", host_port: 0, loopback: false }],
    }),
  );
  model.containers.set("hm", container("hm", { networks: ["host"], network_mode: "host", host_network: true }));
  const shown = visible(model, { onlyExposed: true });
  assert.deepEqual(sorted(shown.containers), ["hm", "pub"]);
  assert.deepEqual(sorted(shown.networks), ["br", "host"]);
});

test("it shows one Compose project: its containers, the networks it made and those they use", () => {
  const model = m();
  model.networks.set("pnet", network("pnet", { project: "shop" }));
  model.containers.set("web", container("web", { project: "shop", networks: ["pnet", "br"] }));
  model.containers.set("other", container("other", { project: "blog", networks: ["pnet"] }));
  const shown = visible(model, { project: "local|shop" });
  assert.deepEqual(sorted(shown.containers), ["web"]);
  assert.deepEqual(sorted(shown.networks), ["br", "pnet"]);
  assert.deepEqual(sorted(visible(model, { project: "e2|shop" }).containers), []);
});
