// The side panel of a swarm service, task or node, with a word when the swarm's facts are stale.
// Built with textContent only.

import { el, facts, kvTable, table } from "./dom.js";
import { nodeLine } from "./elements.js";
import {
  clusterStale,
  engineOfNode,
  nodeName,
  portText,
  replicasText,
  staleReason,
  taskName,
  tasksOfService,
} from "./swarm.js";

function staleNote(model, cluster) {
  return clusterStale(model, cluster)
    ? el("p", { class: "stale-note", text: `Last known state, stale: ${staleReason(model, cluster)}` })
    : null;
}

export function servicePanel(model, id) {
  const s = model.services.get(id);
  if (!s) return el("p", { text: "This service is gone." });
  const netName = (nid) => model.networks.get(nid)?.name || nid.slice(0, 12);
  const tasks = tasksOfService(model, id).map((t) => [
    taskName(model, t),
    nodeName(model, t.node),
    t.state,
    t.addresses.map((a) => `${netName(a.network)} ${a.address}`).join(", "),
    t.message,
  ]);
  return el(
    "div",
    { class: "panel-service" },
    el("h2", {}, "Service ", el("span", { class: "name", text: s.name })),
    staleNote(model, s.cluster),
    facts([
      ["ID", el("span", { class: "mono", text: s.id })],
      ["Image", s.image],
      ["Mode", s.mode],
      ["Replicas", replicasText(model, s)],
    ]),
    el("h3", { text: "Virtual IPs" }),
    table(
      ["Network", "VIP"],
      s.vips.map((v) => [netName(v.network), v.address]),
    ),
    el("h3", { text: "Ports" }),
    table(
      ["Port"],
      s.ports.map((p) => [portText(p)]),
    ),
    el("h3", { text: "Tasks" }),
    table(["Task", "Node", "State", "Addresses", "Message"], tasks),
    el("h3", { text: "Labels" }),
    kvTable(s.labels),
  );
}

export function taskPanel(model, id) {
  const t = model.tasks.get(id);
  if (!t) return el("p", { text: "This task is gone." });
  const netName = (nid) => model.networks.get(nid)?.name || nid.slice(0, 12);
  return el(
    "div",
    { class: "panel-task" },
    el("h2", {}, "Task ", el("span", { class: "name", text: taskName(model, t) })),
    staleNote(model, t.cluster),
    facts([
      ["ID", el("span", { class: "mono", text: t.id })],
      ["Node", nodeName(model, t.node)],
      ["State", t.state],
      ["Desired state", t.desired_state],
      ["Message", t.message],
      ["Container", el("span", { class: "mono", text: t.container.slice(0, 12) })],
    ]),
    el("h3", { text: "Addresses" }),
    table(
      ["Network", "Address"],
      t.addresses.map((a) => [netName(a.network), a.address]),
    ),
  );
}

export function nodePanel(model, id) {
  const n = model.nodes.get(id);
  if (!n) return el("p", { text: "This node is gone." });
  const tasks = [...model.tasks.values()]
    .filter((t) => t.node === id)
    .map((t) => [taskName(model, t), t.state, t.addresses.map((a) => a.address).join(", ")]);
  const engine = engineOfNode(model, id);
  return el(
    "div",
    { class: "panel-node" },
    el("h2", {}, "Swarm node ", el("span", { class: "name", text: n.hostname })),
    staleNote(model, n.cluster),
    facts([
      ["ID", el("span", { class: "mono", text: n.id })],
      ["Address", n.address],
      ["Status", nodeLine(n)],
      ["Engine version", n.engine_version],
      ["Watched as", engine || "not watched: seen through its manager"],
    ]),
    el("h3", { text: "Tasks" }),
    table(["Task", "State", "Addresses"], tasks),
    el("h3", { text: "Labels" }),
    kvTable(n.labels),
  );
}

// Who a container talks to, when the map shows flows (`talks`: { window, clients, servers }
// from flows.js's talksOf); nothing when it does not.
