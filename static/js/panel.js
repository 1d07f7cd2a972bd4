// The side panel: what `docker network inspect` or a container's page shows, built with
// textContent only.

import { el, facts, kvTable, table } from "./dom.js";
import { stateText } from "./state-text.js";
import { bindingLabel, nodeLine } from "./elements.js";
import { FROM_ENDPOINTS, FROM_ENDPOINTS_TITLE, poolGateways } from "./gateways.js";
import {
  clusterStale,
  engineOfNode,
  nodeName,
  portText,
  replicasText,
  staleReason,
  taskName,
  taskOfContainer,
  tasksOfService,
} from "./swarm.js";

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
function talksSection(talks) {
  if (!talks) return [];
  const title = el("h3", { text: `Who it talks to (flows, last ${talks.window})` });
  if (!talks.clients.length && !talks.servers.length)
    return [title, el("p", { class: "help", text: "No connection seen in that time." })];
  const rows = [
    ...talks.clients.map(([name, what, n]) => [name, `→ it, ${what}`, String(n)]),
    ...talks.servers.map(([name, what, n]) => [name, `it →, ${what}`, String(n)]),
  ];
  return [title, table(["Peer", "Direction", "Connections"], rows)];
}

// "What if I connect it to… / disconnect it from…?": a choice of networks and a button;
// nothing for a container Docker never connects later (host, none, container:X).
function whatIfRow(id, actions) {
  const { connect, disconnect } = actions.whatIfChoices(id);
  if (!connect.length && !disconnect.length) return [];
  const group = (label, kind, nets) =>
    el(
      "optgroup",
      { label },
      nets.map((n) => el("option", { value: `${kind}:${n.id}`, text: n.name })),
    );
  const choice = el(
    "select",
    { id: "whatif-choice", "aria-label": "What if" },
    ...(connect.length ? [group("connect it to", "connect", connect)] : []),
    ...(disconnect.length ? [group("disconnect it from", "disconnect", disconnect)] : []),
  );
  // The panel is made again at each patch: the choice is kept across.
  const kept = actions.whatIfPicked.get(id);
  if (kept && [...choice.options].some((o) => o.value === kept)) choice.value = kept;
  choice.addEventListener("change", () => actions.whatIfPicked.set(id, choice.value));
  const ask = () => {
    const [kind, networkId] = choice.value.split(":");
    actions.whatIf(id, kind, networkId);
  };
  return [
    el("h3", { text: "What if…" }),
    el(
      "div",
      { class: "panel-actions" },
      choice,
      el("button", { type: "button", class: "secondary", id: "whatif-show", onclick: ask }, "Show what would change"),
    ),
  ];
}

export function containerPanel(model, id, urls, actions, talks = null) {
  const c = model.containers.get(id);
  if (!c) return el("p", { text: "This container is gone." });
  const live = new Map(model.endpointsOfContainer(id).map((e) => [e.network, e]));
  const task = taskOfContainer(model, id);
  const nets = [...new Set([...c.networks, ...live.keys()])];
  const rows = nets.map((nid) => {
    const n = model.networks.get(nid);
    const e = live.get(nid);
    return [
      n ? n.name : nid.slice(0, 12),
      e ? e.ipv4 : "(not attached)",
      e ? e.mac : "",
      e ? e.aliases.join(", ") : "",
    ];
  });
  return el(
    "div",
    { class: "panel-container" },
    el("h2", {}, "Container ", el("span", { class: "name", text: c.name })),
    el("p", {}, el("a", { href: `${urls.container}${c.id}/`, text: "Open the container page" })),
    facts([
      ["ID", el("span", { class: "mono", text: c.id })],
      ["Engine", c.engine],
      ["State", stateText(c, Date.now() / 1000)],
      ["Image", c.image],
      ["Network mode", c.network_mode],
      ...(task ? [["Swarm task", taskName(model, task)]] : []),
    ]),
    el("h3", { text: "Networks" }),
    table(["Network", "IPv4", "MAC", "Aliases"], rows),
    ...talksSection(talks),
    el(
      "div",
      { class: "panel-actions" },
      el(
        "button",
        { type: "button", id: "reach-highlight", onclick: () => actions.highlightReach(id) },
        "Highlight what it can reach",
      ),
      el(
        "button",
        { type: "button", class: "secondary", id: "reach-compare", onclick: () => actions.startCompare(id) },
        "Can it reach…?",
      ),
      el(
        "button",
        { type: "button", class: "secondary", id: "reach-outside", onclick: () => actions.fromOutside(id) },
        "Can the outside reach it?",
      ),
    ),
    ...whatIfRow(id, actions),
    el("h3", { text: "Labels" }),
    kvTable(c.labels),
  );
}

// A Compose project: its services and their containers, the networks it made, and what it
// publishes. `key` is "engine|project".
export function projectPanel(model, key, urls) {
  const [engine, ...rest] = key.split("|");
  const project = rest.join("|");
  const mine = (rec) => rec.engine === engine && rec.project === project;
  const containers = [...model.containers.values()].filter(mine);
  const networks = [...model.networks.values()].filter(mine);
  if (!containers.length && !networks.length) return el("p", { text: "This project is gone." });
  const services = new Map();
  for (const c of containers) {
    if (!services.has(c.service)) services.set(c.service, []);
    services.get(c.service).push(c);
  }
  const serviceRows = [...services]
    .sort()
    .map(([service, cs]) => [
      service || "(no service label)",
      cs
        .map((c) => el("a", { href: `${urls.container}${c.id}/`, text: c.name }))
        .flatMap((a, i) => (i ? [", ", a] : [a])),
      cs.map((c) => c.state).join(", "),
    ]);
  const ports = containers.flatMap((c) => c.ports.filter((p) => p.host_port).map((p) => [c.name, bindingLabel(p)]));
  return el(
    "div",
    { class: "panel-project" },
    el("h2", {}, "Compose project ", el("span", { class: "name", text: project })),
    facts([
      ["Engine", engine],
      ["Containers", String(containers.length)],
      ["Networks", String(networks.length)],
    ]),
    el("h3", { text: "Services" }),
    table(["Service", "Containers", "State"], serviceRows),
    el("h3", { text: "Networks it made" }),
    table(
      ["Network", "Driver", "Subnet"],
      networks.map((n) => [n.name, n.driver, n.ipam.map((p) => p.subnet).join(", ")]),
    ),
    el("h3", { text: "Published ports" }),
    table(["Container", "Binding"], ports),
  );
}

export function outsidePanel(model, v) {
  const c = model.containers.get(v.container);
  const name = c ? c.name : v.container.slice(0, 12);
  const headline = v.reachable
    ? `The outside can reach ${name}.`
    : `The outside cannot reach ${name} from other machines.`;
  return el(
    "div",
    { class: `panel-verdict ${v.reachable ? "verdict-exposed" : "verdict-ok"}` },
    el("h2", { text: "From outside" }),
    el("p", { class: "verdict", text: headline }),
    v.ways.length
      ? el(
          "ul",
          { class: "ways" },
          v.ways.map((w) => el("li", { text: w })),
        )
      : null,
    el(
      "ul",
      { class: "reasons" },
      v.reasons.map((r) => el("li", { text: r })),
    ),
  );
}

export function verdictPanel(model, v) {
  const a = model.containers.get(v.a);
  const b = model.containers.get(v.b);
  const an = a ? a.name : v.a.slice(0, 12);
  const bn = b ? b.name : v.b.slice(0, 12);
  const headline = v.reachable
    ? `${an} can reach ${bn}${v.by_name ? ` by address and by the name ${v.names.join(", ")}` : " by address only"}.`
    : `${an} and ${bn} are isolated: ${an} cannot reach ${bn}.`;
  return el(
    "div",
    { class: `panel-verdict ${v.reachable ? "verdict-ok" : "verdict-isolated"}` },
    el("h2", { text: "Isolation" }),
    el("p", { class: "verdict", text: headline }),
    v.shared.length
      ? table(
          ["Shared network", `${an}`, `${bn}`, "Traffic", "Names"],
          v.shared.map((s) => [
            s.name,
            s.a_address,
            s.b_address,
            s.plugin ? "the plugin decides" : s.traffic ? "allowed" : "blocked",
            s.dns ? s.names.join(", ") : "no DNS",
          ]),
        )
      : null,
    el(
      "ul",
      { class: "reasons" },
      v.reasons.map((r) => el("li", { text: r })),
    ),
  );
}
