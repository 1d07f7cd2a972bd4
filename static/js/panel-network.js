// A network's side panel: what `docker network inspect` shows, with each pool's gateway.
// Built with textContent only.

import { el, facts, kvTable, table } from "./dom.js";
import { FROM_ENDPOINTS, FROM_ENDPOINTS_TITLE, poolGateways } from "./gateways.js";
import { nodeName, taskName } from "./swarm.js";

const yes = (b) => (b ? "yes" : "no");

// A pool's gateway, with the mark the server's pages give one read from the endpoints.
function gatewayCell(g) {
  if (!g.fromEndpoints) return g.gateway;
  return el(
    "span",
    { class: "gateway" },
    g.gateway,
    " ",
    el("span", { class: "dim from-endpoints", title: FROM_ENDPOINTS_TITLE, text: FROM_ENDPOINTS }),
  );
}

export function networkPanel(model, id, urls) {
  const n = model.networks.get(id);
  if (!n) return el("p", { text: "This network is gone." });
  const rows = model
    .endpointsOfNetwork(id)
    .map((e) => {
      const c = model.containers.get(e.container);
      return [c ? c.name : e.container.slice(0, 12), c ? c.engine : "", e.ipv4, e.ipv6, e.mac];
    })
    .sort((a, b) => String(a[1]).localeCompare(String(b[1])) || String(a[0]).localeCompare(String(b[0])));
  // What its managers tell: every task's address on it, on every node, and services' VIPs.
  const tasks = [...model.tasks.values()].flatMap((t) =>
    t.addresses
      .filter((a) => a.network === id)
      .map((a) => [taskName(model, t), nodeName(model, t.node), a.address, t.state]),
  );
  const vips = [...model.services.values()].flatMap((s) =>
    s.vips.filter((v) => v.network === id).map((v) => [s.name, v.address]),
  );
  return el(
    "div",
    { class: "panel-network" },
    el("h2", {}, "Network ", el("span", { class: "name", text: n.name })),
    el("p", {}, el("a", { href: `${urls.network}${n.id}/`, text: "Open the network page" })),
    facts([
      ["ID", el("span", { class: "mono", text: n.id })],
      [n.spanning ? "Engines" : "Engine", n.hosts ? n.hosts.join(", ") : n.engine],
      ["Driver", n.driver],
      ["Scope", n.scope],
      ["Linux bridge", n.bridge],
      ["Internal", yes(n.internal)],
      ["Attachable", yes(n.attachable)],
      ["Inter-container traffic", n.icc ? "allowed" : "disabled (icc=false)"],
      ["IPv6", yes(n.enable_ipv6)],
      ["Created", n.created],
    ]),
    el("h3", { text: "IPAM" }),
    table(
      ["Subnet", "Gateway", "IP range"],
      poolGateways(n, model.endpointsOfNetwork(id)).map((g) => [g.pool.subnet, gatewayCell(g), g.pool.ip_range]),
    ),
    el("h3", { text: "Containers" }),
    table(["Name", "Engine", "IPv4", "IPv6", "MAC"], rows),
    vips.length ? el("h3", { text: "Service virtual IPs" }) : null,
    vips.length ? table(["Service", "VIP"], vips) : null,
    tasks.length ? el("h3", { text: "Swarm tasks (every node)" }) : null,
    tasks.length ? table(["Task", "Node", "Address", "State"], tasks) : null,
    el("h3", { text: "Options" }),
    kvTable(n.options),
    el("h3", { text: "Labels" }),
    kvTable(n.labels),
  );
}
