// Finding things on the map: by name, IP address, MAC or id prefix, networks and
// containers alike. Pure: no DOM.

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
    if (n.name.toLowerCase().includes(q) || n.id.startsWith(q) ||
        n.ipam.some((p) => p.subnet.startsWith(q) || p.gateway === q)) {
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
  return hits.slice(0, limit);
}
