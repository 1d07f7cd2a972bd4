import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { gatewayText, poolGateways } from "../../static/js/gateways.js";
import { endpoint, network } from "./fixtures.mjs";

const CASES = JSON.parse(readFileSync(new URL("../shared/gateway-cases.json", import.meta.url)));

for (const c of CASES.cases) {
  test(`it shows the gateway the server shows: ${c.what}`, () => {
    const n = network("n", { ipam: c.ipam.map((p) => ({ gateway: "", ip_range: "", ...p })) });
    const eps = c.endpoints.map((e, i) => endpoint(e.network, `c${i}`, { gateway: "", ipv6_gateway: "", ...e }));
    const shown = poolGateways(n, eps).map((g) => [g.gateway, g.fromEndpoints]);
    assert.deepEqual(shown, c.expect);
  });
}

test("it marks a gateway read from the endpoints in text, and only that one", () => {
  assert.equal(gatewayText({ gateway: "172.17.0.1", fromEndpoints: true }), "172.17.0.1 (from endpoints)");
  assert.equal(gatewayText({ gateway: "10.9.0.254", fromEndpoints: false }), "10.9.0.254");
  assert.equal(gatewayText({ gateway: "", fromEndpoints: false }), "");
});
