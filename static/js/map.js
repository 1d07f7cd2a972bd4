// The live map: a snapshot over the WebSocket, then patches applied in place. Positions are
// computed here (a grid of networks, containers on a sunflower spiral around their first
// network), so the first render needs no force layout and patches never move old nodes.

import { TopologyModel, epKey } from "./model.js";
import { el } from "./dom.js";
import { containerPanel, networkPanel, verdictPanel } from "./panel.js";

const root = document.getElementById("map-app");
const urls = { network: root.dataset.networkUrl, container: root.dataset.containerUrl, reach: root.dataset.reachUrl };
const statusEl = document.getElementById("live-status");
const panel = document.getElementById("panel");
const model = new TopologyModel();
const stats = { snapshots: 0, patches: 0, resyncs: 0, renderMs: null, lastPatchMs: null, version: -1 };
window.dashboardMap = { model, stats };

const DRIVER_SHAPES = { bridge: "round-rectangle", overlay: "hexagon", host: "diamond", null: "octagon", macvlan: "tag", ipvlan: "star" };
const DRIVER_COLOURS = { bridge: "#2563eb", overlay: "#7c3aed", host: "#ea580c", null: "#6b7280", macvlan: "#0d9488", ipvlan: "#ca8a04" };
const PLUGIN_SHAPE = "barrel";
const PLUGIN_COLOUR = "#be185d";

const cy = cytoscape({
  container: document.getElementById("cy"),
  textureOnViewport: true,
  hideEdgesOnViewport: true,
  minZoom: 0.02,
  maxZoom: 4,
  style: [
    { selector: "node", style: { label: "data(label)", "text-wrap": "wrap", "text-max-width": 220, "font-size": 11, "min-zoomed-font-size": 7, color: "#1d2733" } },
    { selector: "node.engine", style: { shape: "round-rectangle", "background-color": "#f8fafc", "border-color": "#cbd5e1", "border-width": 1, "text-valign": "top", "text-halign": "center", "font-size": 16, "font-weight": 600 } },
    { selector: "node.engine.down", style: { "border-color": "#b42318", "border-width": 3, "background-color": "#fef3f2" } },
    { selector: "node.network", style: { shape: "data(shape)", "background-color": "data(colour)", "background-opacity": 0.15, "border-color": "data(colour)", "border-width": 2, width: 150, height: 64, "text-valign": "center", "text-halign": "center", "font-size": 11 } },
    { selector: "node.network.internal", style: { "border-style": "dashed", "border-width": 3 } },
    { selector: "node.network.noicc", style: { "border-style": "double", "border-width": 6 } },
    { selector: "node.container", style: { shape: "ellipse", width: 18, height: 18, "background-color": "#16a34a", "text-valign": "bottom", "text-margin-y": 3, "font-size": 9 } },
    { selector: "node.container.paused", style: { "background-color": "#f59e0b" } },
    { selector: "node.container.stopped", style: { "background-color": "#9ca3af", opacity: 0.45 } },
    { selector: "edge", style: { width: 1.2, "line-color": "#94a3b8", "curve-style": "straight", label: "data(label)", "font-size": 8, "min-zoomed-font-size": 8, "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1, color: "#334155" } },
    { selector: "edge.configured", style: { "line-style": "dashed", "line-color": "#cbd5e1" } },
    { selector: "edge.shares", style: { "line-style": "dotted", "line-color": "#64748b", "target-arrow-shape": "triangle", "target-arrow-color": "#64748b" } },
    { selector: ".hidden", style: { display: "none" } },
    { selector: ".faded", style: { opacity: 0.12 } },
    { selector: ".hl", style: { "border-width": 4, "border-color": "#f59e0b", "line-color": "#f59e0b", opacity: 1 } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#f59e0b" } },
  ],
});
window.dashboardMap.cy = cy;

// Placement
const layout = { spacing: 420, cols: 1, slots: new Map(), rings: new Map(), orphans: new Map(), engineOrigin: new Map() };

function shapeOf(driver) { return DRIVER_SHAPES[driver] || PLUGIN_SHAPE; }
function colourOf(driver) { return DRIVER_COLOURS[driver] || PLUGIN_COLOUR; }

function planLayout() {
  const perNetwork = new Map();
  for (const c of model.containers.values()) {
    const home = homeNetwork(c);
    if (home) perNetwork.set(home, (perNetwork.get(home) || 0) + 1);
  }
  const most = Math.max(1, ...perNetwork.values());
  layout.spacing = 2 * (70 + 22 * Math.sqrt(most)) + 160;
  const byEngine = new Map();
  for (const n of model.networks.values()) {
    if (!byEngine.has(n.engine)) byEngine.set(n.engine, []);
    byEngine.get(n.engine).push(n);
  }
  layout.cols = Math.max(1, Math.ceil(Math.sqrt(Math.max(...[...byEngine.values()].map((v) => v.length), 1))));
  let x = 0;
  for (const engine of model.engines.keys()) {
    layout.engineOrigin.set(engine, { x, y: 0, next: 0, orphans: 0 });
    const count = (byEngine.get(engine) || []).length;
    x += (Math.min(count, layout.cols) + 1) * layout.spacing;
  }
  layout.slots.clear();
  layout.rings.clear();
}

function homeNetwork(c) {
  for (const id of c.networks) if (model.networks.has(id)) return id;
  return null;
}

function networkPosition(n) {
  if (layout.slots.has(n.id)) return layout.slots.get(n.id);
  if (!layout.engineOrigin.has(n.engine)) {
    const maxX = Math.max(0, ...[...layout.engineOrigin.values()].map((o) => o.x));
    layout.engineOrigin.set(n.engine, { x: maxX + (layout.cols + 1) * layout.spacing, y: 0, next: 0, orphans: 0 });
  }
  const origin = layout.engineOrigin.get(n.engine);
  const i = origin.next++;
  const pos = { x: origin.x + (i % layout.cols) * layout.spacing, y: origin.y + Math.floor(i / layout.cols) * layout.spacing };
  layout.slots.set(n.id, pos);
  return pos;
}

function containerPosition(c) {
  const home = homeNetwork(c);
  if (home) {
    const centre = layout.slots.get(home) || networkPosition(model.networks.get(home));
    const j = (layout.rings.get(home) || 0);
    layout.rings.set(home, j + 1);
    const r = 70 + 22 * Math.sqrt(j + 1);
    const theta = (j + 1) * 2.399963;
    return { x: centre.x + r * Math.cos(theta), y: centre.y + r * Math.sin(theta) };
  }
  const origin = layout.engineOrigin.get(c.engine) || { x: 0, y: 0, next: 0, orphans: 0 };
  const k = origin.orphans++;
  const rows = Math.ceil(Math.max(origin.next, 1) / layout.cols);
  return { x: origin.x + (k % 20) * 60, y: origin.y + rows * layout.spacing + Math.floor(k / 20) * 60 };
}

// Elements
function networkData(n) {
  const subnets = n.ipam.map((p) => p.subnet).filter(Boolean).join(", ");
  const gateways = n.ipam.map((p) => p.gateway).filter(Boolean).join(", ");
  const flags = [n.internal ? "internal" : "", n.icc ? "" : "icc off"].filter(Boolean).join(", ");
  const lines = [n.name, `${n.driver}${n.bridge ? ` · ${n.bridge}` : ""}${flags ? ` · ${flags}` : ""}`];
  if (subnets) lines.push(subnets);
  if (gateways) lines.push(`gw ${gateways}`);
  return { id: `n:${n.id}`, parent: `g:${n.engine}`, kind: "network", ref: n.id, label: lines.join("\n"), shape: shapeOf(n.driver), colour: colourOf(n.driver), driver: n.driver };
}

function networkClasses(n) {
  return ["network", n.internal ? "internal" : "", n.icc ? "" : "noicc", `driver-${n.driver}`].filter(Boolean).join(" ");
}

function containerData(c) {
  return { id: `c:${c.id}`, parent: `g:${c.engine}`, kind: "container", ref: c.id, label: `${c.name}\n${c.state} · ${c.image}`, state: c.state };
}

function containerClasses(c) {
  const live = ["running", "restarting"].includes(c.state);
  return ["container", c.state === "paused" ? "paused" : "", live || c.state === "paused" ? "" : "stopped"].filter(Boolean).join(" ");
}

function engineData(e) {
  return { id: `g:${e.id}`, kind: "engine", ref: e.id, label: `${e.id}${e.status !== "connected" ? ` (${e.status})` : ""}` };
}

function setNode(data, classes, position) {
  const node = cy.getElementById(data.id);
  if (node.nonempty()) {
    node.data(data);
    node.classes(classes);
    return node;
  }
  return cy.add({ group: "nodes", data, classes, position });
}

function syncEngine(id) {
  const e = model.engines.get(id);
  const node = cy.getElementById(`g:${id}`);
  if (!e) { node.remove(); return; }
  setNode(engineData(e), `engine${e.status !== "connected" ? " down" : ""}`);
}

function syncNetwork(id) {
  const n = model.networks.get(id);
  const node = cy.getElementById(`n:${id}`);
  if (!n) { node.remove(); layout.slots.delete(id); return; }
  if (cy.getElementById(`g:${n.engine}`).empty()) syncEngine(n.engine);
  setNode(networkData(n), networkClasses(n), node.empty() ? networkPosition(n) : undefined);
}

function syncContainer(id) {
  const c = model.containers.get(id);
  const node = cy.getElementById(`c:${id}`);
  if (!c) { node.remove(); return; }
  if (cy.getElementById(`g:${c.engine}`).empty()) syncEngine(c.engine);
  setNode(containerData(c), containerClasses(c), node.empty() ? containerPosition(c) : undefined);
  // Edges: one per live endpoint, dashed for configured-but-down networks, dotted for container: mode.
  const wanted = new Map();
  for (const e of model.endpointsOfContainer(id)) {
    if (model.networks.has(e.network)) {
      wanted.set(`e:${epKey(e.network, id)}`, { source: `n:${e.network}`, label: e.ipv4 || e.ipv6, cls: "endpoint" });
    }
  }
  for (const nid of c.networks) {
    if (model.networks.has(nid) && !wanted.has(`e:${epKey(nid, id)}`)) {
      wanted.set(`e:${epKey(nid, id)}`, { source: `n:${nid}`, label: "", cls: "configured" });
    }
  }
  if (c.network_mode.startsWith("container:")) {
    const owner = c.network_mode.slice(10);
    if (model.containers.has(owner)) wanted.set(`s:${id}`, { source: `c:${owner}`, label: "shares stack", cls: "shares" });
  }
  node.connectedEdges().filter((edge) => edge.target().id() === `c:${id}` && !wanted.has(edge.id())).remove();
  for (const [eid, w] of wanted) {
    const edge = cy.getElementById(eid);
    if (edge.nonempty()) { edge.data("label", w.label); edge.classes(w.cls); }
    else cy.add({ group: "edges", data: { id: eid, source: w.source, target: `c:${id}`, label: w.label }, classes: w.cls });
  }
}

function renderAll() {
  const t0 = performance.now();
  cy.batch(() => {
    const keep = new Set();
    if (cy.nodes().empty()) planLayout();
    for (const id of model.engines.keys()) { syncEngine(id); keep.add(`g:${id}`); }
    const nets = [...model.networks.values()].sort((a, b) => a.name.localeCompare(b.name));
    for (const n of nets) { syncNetwork(n.id); keep.add(`n:${n.id}`); }
    for (const id of model.containers.keys()) { syncContainer(id); keep.add(`c:${id}`); }
    cy.nodes().filter((n) => !keep.has(n.id())).remove();
  });
  applyFilters();
  if (!stats.snapshots) cy.fit(undefined, 30);
  stats.snapshots += 1;
  stats.renderMs = performance.now() - t0;
}

function renderPatch(changed) {
  const t0 = performance.now();
  cy.batch(() => {
    for (const id of new Set(changed.engines)) syncEngine(id);
    for (const id of new Set(changed.networks)) syncNetwork(id);
    const containers = new Set(changed.containers);
    // A network that came back needs its containers' edges again.
    for (const nid of changed.networks) {
      if (!model.networks.has(nid)) continue;
      for (const c of model.containers.values()) if (c.networks.includes(nid)) containers.add(c.id);
    }
    for (const id of containers) syncContainer(id);
  });
  applyFilters();
  stats.patches += 1;
  stats.lastPatchMs = performance.now() - t0;
  refreshPanel();
}

// Filters
const filters = {
  stopped: document.getElementById("hide-stopped"),
  hostNone: document.getElementById("hide-hostnone"),
  driver: document.getElementById("driver-filter"),
  label: document.getElementById("label-filter"),
};

function labelMatches(labels, query) {
  if (!query) return true;
  const [k, ...rest] = query.split("=");
  const v = rest.join("=");
  return Object.prototype.hasOwnProperty.call(labels || {}, k) && (!rest.length || labels[k] === v);
}

function applyFilters() {
  const hideStopped = filters.stopped.checked;
  const hideHostNone = filters.hostNone.checked;
  const driver = filters.driver.value;
  const label = filters.label.value.trim();
  refreshDriverOptions();
  cy.batch(() => {
    const shownNetworks = new Set();
    for (const n of model.networks.values()) {
      const show = !(hideHostNone && (n.driver === "host" || n.driver === "null")) && (!driver || n.driver === driver);
      cy.getElementById(`n:${n.id}`).toggleClass("hidden", !show);
      if (show) shownNetworks.add(n.id);
    }
    for (const c of model.containers.values()) {
      const stopped = !["running", "paused", "restarting"].includes(c.state);
      const onShown = c.networks.some((id) => shownNetworks.has(id)) || model.endpointsOfContainer(c.id).some((e) => shownNetworks.has(e.network)) || (!driver && !c.networks.length);
      const show = !(hideStopped && stopped) && onShown && labelMatches(c.labels, label);
      cy.getElementById(`c:${c.id}`).toggleClass("hidden", !show);
    }
    if (label) {
      for (const n of model.networks.values()) {
        const node = cy.getElementById(`n:${n.id}`);
        if (labelMatches(n.labels, label)) continue;
        const anyShown = node.neighborhood("node.container").some((x) => !x.hasClass("hidden"));
        node.toggleClass("hidden", node.hasClass("hidden") || !anyShown);
      }
    }
  });
}

function refreshDriverOptions() {
  const drivers = new Set([...model.networks.values()].map((n) => n.driver));
  const have = new Set([...filters.driver.options].map((o) => o.value));
  for (const d of [...drivers].sort()) if (!have.has(d)) filters.driver.append(el("option", { value: d, text: d }));
}

for (const f of Object.values(filters)) f.addEventListener(f.tagName === "INPUT" && f.type !== "checkbox" ? "input" : "change", applyFilters);

// Selection and the side panel
let panelSubject = null;
let compareFrom = null;

function showPanel(kind, id) {
  panelSubject = { kind, id };
  refreshPanel();
}

function refreshPanel() {
  if (!panelSubject || panelSubject.kind === "verdict") return;
  const { kind, id } = panelSubject;
  const content = kind === "network" ? networkPanel(model, id, urls) : containerPanel(model, id, urls, actions);
  panel.replaceChildren(content);
  openPanel();
}

function openPanel() {
  if (panel.hidden) { panel.hidden = false; cy.resize(); }
}

const actions = {
  async highlightReach(id) {
    const r = await fetch(`${urls.reach}?a=${encodeURIComponent(id)}`, { credentials: "same-origin" });
    if (!r.ok) return;
    const body = await r.json();
    const ids = new Set(body.reachable.map((x) => `c:${x}`));
    cy.batch(() => {
      cy.elements().addClass("faded").removeClass("hl");
      const me = cy.getElementById(`c:${id}`);
      const reach = cy.nodes().filter((n) => ids.has(n.id()));
      const via = me.edgesWith(cy.nodes("node.network")).connectedNodes();
      me.union(reach).union(via).union(reach.edgesWith(via)).union(me.connectedEdges()).removeClass("faded").addClass("hl");
    });
    document.getElementById("clear-highlight").hidden = false;
  },
  startCompare(id) {
    compareFrom = id;
    setHint("Now click the container to compare with.");
  },
};

async function compare(a, b) {
  compareFrom = null;
  setHint("");
  const r = await fetch(`${urls.reach}?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`, { credentials: "same-origin" });
  if (!r.ok) return;
  panelSubject = { kind: "verdict" };
  panel.replaceChildren(verdictPanel(model, await r.json()));
  openPanel();
}

function setHint(text) { document.getElementById("map-hint").textContent = text; }

function clearHighlight() {
  cy.elements().removeClass("faded hl");
  document.getElementById("clear-highlight").hidden = true;
}
document.getElementById("clear-highlight").addEventListener("click", clearHighlight);

cy.on("tap", "node", (evt) => {
  const d = evt.target.data();
  if (d.kind === "container" && compareFrom && compareFrom !== d.ref) { compare(compareFrom, d.ref); return; }
  if (d.kind === "network" || d.kind === "container") showPanel(d.kind, d.ref);
});

// Search
const searchBox = document.getElementById("search");
const results = document.getElementById("search-results");

function focusNode(kind, id) {
  const node = cy.getElementById(`${kind === "network" ? "n" : "c"}:${id}`);
  if (node.empty()) return;
  node.removeClass("hidden");
  cy.elements().unselect();
  node.select();
  results.replaceChildren();
  showPanel(kind, id);
  cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1) }, { duration: 250 });
}

searchBox.addEventListener("input", () => {
  const hits = model.search(searchBox.value);
  results.replaceChildren(...hits.map((h) =>
    el("li", {}, el("button", { type: "button", class: `hit hit-${h.kind}`, "data-id": h.id, onclick: () => focusNode(h.kind, h.id) },
      el("span", { class: "hit-name", text: h.name }), " ", el("span", { class: "dim", text: `${h.kind} · ${h.detail}` })))));
});
searchBox.addEventListener("keydown", (e) => {
  if (e.key === "Enter") { const first = results.querySelector("button"); if (first) first.click(); }
});

// Export
document.getElementById("export-png").addEventListener("click", () => {
  const blob = cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
  const a = el("a", { href: URL.createObjectURL(blob), download: `docker-networks-v${model.version}.png` });
  document.body.append(a);
  a.click();
  a.remove();
});

// Status
let socketState = "connecting";
function showStatus() {
  const down = [...model.engines.values()].filter((e) => e.status !== "connected");
  let text, cls;
  if (socketState !== "open") {
    text = socketState === "connecting" ? "Connecting…" : `Reconnecting… (${socketState})`;
    cls = "reconnecting";
  } else if (down.length) {
    text = down.map((e) => `Engine ${e.id} ${e.status}${e.error ? `: ${e.error}` : ""}`).join("; ");
    cls = "engine-down";
  } else {
    text = `Live · version ${model.version}`;
    cls = "live";
  }
  statusEl.textContent = text;
  statusEl.className = `status status-${cls}`;
  root.dataset.state = cls;
  root.dataset.version = String(model.version);
}

// The socket, with backoff
let delay = 500;
function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const ws = new WebSocket(`${scheme}://${location.host}${root.dataset.wsPath}`);
  window.dashboardMap.socket = ws;
  ws.onopen = () => { delay = 500; socketState = "open"; showStatus(); };
  ws.onmessage = (event) => {
    const msg = JSON.parse(event.data);
    if (msg.type === "snapshot") {
      model.loadSnapshot(msg);
      renderAll();
      refreshPanel();
    } else if (msg.type === "patch") {
      const changed = model.applyPatch(msg);
      if (changed === null) { stats.resyncs += 1; ws.send(JSON.stringify({ type: "resync" })); return; }
      renderPatch(changed);
    }
    stats.version = model.version;
    showStatus();
  };
  ws.onclose = (event) => {
    if (event.code === 4401) { location.href = root.dataset.loginUrl; return; }
    const wait = Math.min(delay, 10000) * (0.75 + Math.random() / 2);
    delay = Math.min(delay * 2, 10000);
    socketState = `retry in ${Math.round(wait / 1000)} s`;
    showStatus();
    setTimeout(connect, wait);
  };
}
connect();
