// Facts about the swarms the model holds, from what their managers tell (nodes, services,
// tasks) and which watched engines are which nodes. Pure: no DOM, no Cytoscape.

// The watched engine that is this swarm node, or "" for a node seen through a manager only.
export function engineOfNode(model, nodeId) {
  for (const e of model.engines.values()) if (e.node_id === nodeId) return e.id;
  return "";
}

// The watched engines that manage a cluster: they read it for the map.
export function managersOf(model, cluster) {
  return [...model.engines.values()].filter((e) => e.manager && e.cluster === cluster);
}

// Whether no watched manager reads the cluster now (down, or without a leader): what the
// map shows of the swarm is then the last state read.
export function clusterStale(model, cluster) {
  return !managersOf(model, cluster).some((e) => e.status === "connected" && !e.cluster_error);
}

// Why a cluster is stale, in the engines' own words.
export function staleReason(model, cluster) {
  const why = managersOf(model, cluster)
    .map((e) =>
      e.status !== "connected"
        ? `${e.id}: ${e.error || e.status}`
        : e.cluster_error
          ? `${e.id}: ${e.cluster_error}`
          : "",
    )
    .filter(Boolean);
  return why.length ? why.join("; ") : "No watched manager reads this swarm.";
}

export function tasksOfService(model, serviceId) {
  return [...model.tasks.values()].filter((t) => t.service === serviceId);
}

// "2/3": running tasks over the replicas wanted (a global service wants one per node).
export function replicasText(model, s) {
  const running = tasksOfService(model, s.id).filter((t) => t.live).length;
  return s.mode === "global" ? `${running} running (global)` : `${running}/${s.replicas ?? 0}`;
}

// A task's name as `docker service ps` shows it: service.slot (service.node for global).
export function taskName(model, t) {
  const s = model.services.get(t.service);
  const name = s ? s.name : t.service.slice(0, 12);
  return t.slot ? `${name}.${t.slot}` : `${name}.${t.node.slice(0, 12)}`;
}

// The task whose container this is, if any.
export function taskOfContainer(model, containerId) {
  for (const t of model.tasks.values()) if (t.container === containerId) return t;
  return null;
}

export function nodeName(model, nodeId) {
  const n = model.nodes.get(nodeId);
  return n ? n.hostname : nodeId.slice(0, 12);
}

export function portText(p) {
  if (!p.published) return `${p.target}/${p.protocol}`;
  return `${p.published} → ${p.target}/${p.protocol} (${p.mode === "host" ? "its node" : "every node"})`;
}
