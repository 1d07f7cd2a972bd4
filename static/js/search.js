// Finding things on the map: by name, IP address, MAC or id prefix, networks and
// containers alike, and a swarm's services, tasks and nodes. Pure: no DOM.

import { taskName } from "./swarm.js";
import { poolGateways } from "./gateways.js";

const addressHit = (list, q) => list.find((a) => a.address.split("/")[0].startsWith(q));

export function search(model, query, limit = 20) {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const hits = [];
  const projects = new Map();
  for (const rec of [...model.networks.values(), ...model.containers.values()]) {
    if (rec.project && rec.project.toLowerCase().includes(q)) projects.set(`${rec.engine}|${rec.project}`, rec);
  }
  for (const [key, rec] of [...projects].sort()) {
    hits.push({ kind: "project", id: key, name: rec.project, detail: `Compose project on ${rec.engine}` });
  }
  for (const n of model.networks.values()) {
    if (
      n.name.toLowerCase().includes(q) ||
      n.id.startsWith(q) ||
      n.ipam.some((p) => p.subnet.startsWith(q)) ||
      // The gateway the panel shows: configured, or read from the endpoints (the default bridge).
      poolGateways(n, model.endpointsOfNetwork(n.id)).some((g) => g.gateway === q)
    ) {
      hits.push({ kind: "network", id: n.id, name: n.name, detail: n.driver });
    }
  }
  const ipMatch = new Map();
  for (const e of model.endpoints.values()) {
    const ip4 = e.ipv4.split("/")[0];
    const ip6 = e.ipv6.split("/")[0];
    if ((ip4 && ip4.startsWith(q)) || (ip6 && ip6.startsWith(q)) || e.mac.startsWith(q)) {
      ipMatch.set(e.container, ip4 || ip6 || e.mac);
    }
  }
  for (const c of model.containers.values()) {
    if (c.name.toLowerCase().includes(q) || c.id.startsWith(q) || ipMatch.has(c.id)) {
      hits.push({ kind: "container", id: c.id, name: c.name, detail: ipMatch.get(c.id) || c.state });
    }
  }
  for (const s of model.services.values()) {
    const vip = addressHit(s.vips, q);
    if (s.name.toLowerCase().includes(q) || s.id.startsWith(q) || vip) {
      hits.push({ kind: "service", id: s.id, name: s.name, detail: vip ? `VIP ${vip.address}` : "service" });
    }
  }
  for (const t of model.tasks.values()) {
    const name = taskName(model, t);
    const at = addressHit(t.addresses, q);
    if (name.toLowerCase().includes(q) || t.id.startsWith(q) || at) {
      // A task on a watched engine is its container on the map.
      const drawn = model.containers.has(t.container);
      hits.push({
        kind: drawn ? "container" : "task",
        id: drawn ? t.container : t.id,
        name,
        detail: at ? at.address : t.state,
      });
    }
  }
  for (const n of model.nodes.values()) {
    if (n.hostname.toLowerCase().includes(q) || n.id.startsWith(q) || (n.address && n.address.startsWith(q))) {
      hits.push({ kind: "node", id: n.id, name: n.hostname, detail: `swarm ${n.role} · ${n.address}` });
    }
  }
  return hits.slice(0, limit);
}
