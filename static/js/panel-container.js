// A container's side panel: its networks and addresses, who it talks to, what-if rows.
// Built with textContent only.

import { el, facts, kvTable, table } from "./dom.js";
import { stateText } from "./state-text.js";
import { taskName, taskOfContainer } from "./swarm.js";

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
