// What a swarm adds to the map, from its managers' word: the nodes no engine is watched
// for (a box each, with their tasks), and the services (with an edge to each network they
// have a virtual IP on). A task on a watched engine is its container, drawn already.
// Pure: no DOM, no Cytoscape.

import { nodeId, nodeLine } from "./elements.js";
import { clusterStale, engineOfNode, managersOf, portText, replicasText, taskName } from "./swarm.js";

// Every swarm element wanted now, by id: { data, classes, at } where `at` says how to
// place a new node ({ task: nodeId } or { service: serviceId }); compounds have none.
export function swarmElements(model) {
  const wanted = new Map();
  const stale = new Map();
  const staleOf = (cluster) => {
    if (!stale.has(cluster)) stale.set(cluster, clusterStale(model, cluster));
    return stale.get(cluster);
  };
  const seenThrough = (cluster) =>
    managersOf(model, cluster)
      .map((e) => e.id)
      .join(", ");
  const boxes = new Set();
  for (const n of model.nodes.values()) {
    if (engineOfNode(model, n.id)) continue;
    boxes.add(n.id);
    const old = staleOf(n.cluster) ? " (stale)" : "";
    wanted.set(nodeId.node(n.id), {
      data: {
        id: nodeId.node(n.id),
        kind: "node",
        ref: n.id,
        label: `${n.hostname}${old}\n${nodeLine(n)}\nseen through ${seenThrough(n.cluster) || "a manager"}`,
      },
      classes: ["engine", "swarm-node", n.up ? "" : "down", old ? "stale" : ""].filter(Boolean).join(" "),
    });
  }
  for (const t of model.tasks.values()) {
    if (!boxes.has(t.node) || model.containers.has(t.container)) continue;
    const id = nodeId.task(t.id);
    wanted.set(id, {
      data: { id, parent: nodeId.node(t.node), kind: "task", ref: t.id, label: `${taskName(model, t)}\n${t.state}` },
      classes: ["task", t.live ? "" : "stopped", staleOf(t.cluster) ? "stale" : ""].filter(Boolean).join(" "),
      at: { task: t.node },
    });
    for (const [nid, address] of t.addresses.map((a) => [a.network, a.address])) {
      if (model.networks.has(nid))
        wanted.set(`t:${nid}|${t.id}`, {
          data: { id: `t:${nid}|${t.id}`, source: nodeId.network(nid), target: id, label: address },
          classes: "endpoint",
          edge: true,
        });
    }
  }
  const services = [...model.services.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const s of services) {
    const id = nodeId.service(s.id);
    const lines = [
      `service ${s.name}`,
      `${replicasText(model, s)} · ${s.mode}`,
      ...s.ports.filter((p) => p.published).map(portText),
    ];
    if (staleOf(s.cluster)) lines.push("(stale)");
    wanted.set(id, {
      data: { id, kind: "service", ref: s.id, label: lines.join("\n") },
      classes: `service${staleOf(s.cluster) ? " stale" : ""}`,
      at: { service: s.id },
    });
    for (const v of s.vips) {
      if (!model.networks.has(v.network)) continue;
      const eid = `v:${s.id}|${v.network}`;
      wanted.set(eid, {
        data: { id: eid, source: id, target: nodeId.network(v.network), label: `VIP ${v.address}` },
        classes: "vip",
        edge: true,
      });
    }
  }
  return wanted;
}
