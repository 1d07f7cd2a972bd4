// Who talks to whom: the flows the probes saw, drawn as edges between what the map shows,
// asked for again every second while a window is chosen (off by default).

import { nodeId } from "./elements.js";

export const OUTSIDE_NODE = "flows:outside";
export const WINDOWS = ["1m", "15m", "1h"];

// The node drawn for one end of a flow: a container's own node, or what stands for it when
// it is folded away; its engine's host node; or the one "outside" node.
export function endNode(end, engine, standIn) {
  if (end.kind === "container") return standIn("container", end.id);
  if (end.kind === "host") return nodeId.host(end.id || engine);
  return OUTSIDE_NODE;
}

// The edges to draw, keyed by id: flows whose two ends are drawn (`drawn(id)`), those that
// meet at one node (folded together) left out, and several flows between the same two nodes
// on one protocol and port added up.
export function flowEdges(flows, standIn, drawn) {
  const edges = new Map();
  for (const f of flows) {
    const source = endNode(f.client, f.engine, standIn);
    const target = endNode(f.server, f.engine, standIn);
    if (source === target || !(drawn(source) || source === OUTSIDE_NODE) || !(drawn(target) || target === OUTSIDE_NODE))
      continue;
    const id = `flow:${source}>${target}:${f.proto}/${f.port}`;
    const edge = edges.get(id) || { id, source, target, proto: f.proto, port: f.port, connections: 0 };
    edge.connections += f.connections;
    edges.set(id, edge);
  }
  for (const e of edges.values()) {
    e.label = `${e.proto}/${e.port}${e.connections > 1 ? ` ×${e.connections}` : ""}`;
    e.width = Math.min(8, 1.5 + Math.log2(e.connections));
  }
  return edges;
}

// The name to show for one end of a flow (Docker's text: the caller puts it in as text).
export function endName(end, engine, model) {
  if (end.kind === "container") {
    const c = model.containers.get(end.id);
    return c ? c.name : end.name || end.id.slice(0, 12);
  }
  return end.kind === "host" ? `host of ${end.id || engine}` : "outside";
}

// What one container's panel lists: who connects to it, and to whom it connects, each
// [name, "tcp/8080", connections], busiest first.
export function talksOf(flows, containerId, model) {
  const clients = [];
  const servers = [];
  for (const f of flows) {
    const what = `${f.proto}/${f.port}`;
    if (f.server.kind === "container" && f.server.id === containerId)
      clients.push([endName(f.client, f.engine, model), what, f.connections]);
    if (f.client.kind === "container" && f.client.id === containerId)
      servers.push([endName(f.server, f.engine, model), what, f.connections]);
  }
  const busiest = (a, b) => b[2] - a[2] || a[0].localeCompare(b[0]);
  return { clients: clients.sort(busiest), servers: servers.sort(busiest) };
}

// What the map says of the probes that stopped reporting (/api/flows's `probes`, each
// { engine, last_report, age, silent }): a sentence each, nothing when all report. The age
// is the dashboard's count, not this browser's clock's.
export function silentNotes(probes = []) {
  return probes
    .filter((p) => p.silent)
    .map((p) => `The probe on ${p.engine} has not reported for ${p.age} s; its flows age out of the window.`);
}

const STYLE = {
  "edge.flow": {
    "line-color": "#d9480f",
    "target-arrow-color": "#d9480f",
    "target-arrow-shape": "triangle",
    "curve-style": "bezier",
    "line-style": "dashed",
    width: "data(width)",
    label: "data(label)",
    "font-size": 10,
    color: "#d9480f",
    "text-background-color": "#fff",
    "text-background-opacity": 0.85,
    "text-rotation": "autorotate",
  },
  [`node#${OUTSIDE_NODE.replace(":", "\\:")}`]: {
    shape: "round-rectangle",
    "background-color": "#fff4e6",
    "border-color": "#d9480f",
    "border-width": 1,
    label: "outside",
    "text-valign": "center",
    width: 70,
    height: 28,
    "font-size": 11,
  },
};

export class FlowLayer {
  // `onFlows`: called when what the probes saw changed (the panel lists it). `note`: where
  // the map says which probes are silent (text only: an engine's name is no markup).
  constructor({
    cy,
    url,
    standIn,
    choice,
    note = null,
    paused = () => false,
    onChange = () => {},
    onFlows = () => {},
    every = 1000,
  }) {
    Object.assign(this, { cy, url, standIn, choice, note, paused, onFlows, every });
    this.seen = "[]";
    this.probes = [];
    this.window = "";
    this.timer = null;
    this.flows = [];
    this.drawing = false;
    this.error = "";
    let style = cy.style();
    for (const [selector, props] of Object.entries(STYLE)) style = style.selector(selector).style(props);
    style.update();
    choice.addEventListener("change", () => {
      this.show(choice.value);
      onChange();
    });
  }

  show(window) {
    this.window = WINDOWS.includes(window) ? window : "";
    this.choice.value = this.window;
    clearTimeout(this.timer);
    if (this.window) this.fetch();
    else this._take([], []);
  }

  _take(flows, probes = []) {
    this.probes = probes;
    this.sync(flows);
    const seen = JSON.stringify(flows);
    if (seen !== this.seen) {
      this.seen = seen;
      this.onFlows();
    }
  }

  async fetch() {
    const asked = this.window;
    try {
      const answer = await fetch(`${this.url}?window=${encodeURIComponent(asked)}`, { credentials: "same-origin" });
      if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
      const body = await answer.json();
      if (asked === this.window) this._take(body.flows, body.probes);
      this.error = "";
    } catch (e) {
      this.error = String(e.message || e); // kept: the next tick tries again
    }
    if (asked === this.window) this.timer = setTimeout(() => this.fetch(), this.every);
  }

  // Draw exactly `flows`, and again after the map changed (folding, a patch).
  sync(flows = this.flows) {
    this.flows = flows;
    const cy = this.cy;
    const on = this.window && !this.paused();
    if (this.note) this.note.textContent = on ? silentNotes(this.probes).join(" ") : "";
    const shown = on ? flows : [];
    if (!shown.length && !this.drawing) return; // off: a patch costs nothing more
    const wanted = flowEdges(shown, this.standIn, (id) => cy.getElementById(id).nonempty());
    this.drawing = wanted.size > 0;
    const needOutside = [...wanted.values()].some((e) => e.source === OUTSIDE_NODE || e.target === OUTSIDE_NODE);
    cy.batch(() => {
      cy.edges(".flow").forEach((e) => {
        if (!wanted.has(e.id())) e.remove();
      });
      const outside = cy.getElementById(OUTSIDE_NODE);
      if (needOutside && outside.empty()) {
        const box = cy.nodes().boundingBox();
        const position = box.w > 0 ? { x: box.x1 - 80, y: box.y1 } : { x: 0, y: 0 };
        cy.add({ group: "nodes", data: { id: OUTSIDE_NODE }, position, classes: "flows-outside", selectable: false });
      } else if (!needOutside && outside.nonempty()) outside.remove();
      for (const e of wanted.values()) {
        const have = cy.getElementById(e.id);
        const data = { source: e.source, target: e.target, label: e.label, width: e.width };
        if (have.empty()) cy.add({ group: "edges", data: { id: e.id, ...data }, classes: "flow" });
        else have.data({ label: e.label, width: e.width });
      }
    });
  }
}
