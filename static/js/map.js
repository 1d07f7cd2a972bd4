// The live map page: wires the parts together. A snapshot over the WebSocket, then patches
// applied to the model and drawn in place; see each module for its one job.

import { TopologyModel } from "./model.js";
import { SMALL_LABEL_FONTS, mapStyle } from "./style.js";
import { SmallLabels } from "./labels.js";
import { clearStyleCachesOnce } from "./style-caches.js";
import { restyleAlone } from "./restyle-alone.js";
import { repaintLayersInPlace } from "./layer-repaint.js";
import { boxesFromCaches } from "./compound-bounds.js";
import { Placement } from "./placement.js";
import { Renderer } from "./render.js";
import { FIRST_FIT_MAX_ZOOM, FIT_PADDING } from "./overview.js";
import { FilterBar } from "./filters.js";
import { Sidebar } from "./sidebar.js";
import { bindSearch } from "./search-box.js";
import { bindPngExport } from "./export.js";
import { showStatus } from "./status.js";
import { openSocket } from "./socket.js";
import { nodeId } from "./elements.js";
import { WarningsPill } from "./warnings.js";
import { TimeTravel } from "./time-travel.js";
import { engineOfNode } from "./swarm.js";
import { Pacer } from "./pacing.js";
import { bindMenus, rememberOpen } from "./menus.js";
import { ViewLink } from "./view-link.js";
import { FlowLayer, talksOf } from "./flows.js";

const root = document.getElementById("map-app");
const statusEl = document.getElementById("live-status");
const model = new TopologyModel();
const stats = {
  warm: false,
  snapshots: 0,
  patches: 0,
  resyncs: 0,
  renderMs: null,
  paintMs: null,
  lastPatchMs: null,
  version: -1,
};

const smallLabels = new SmallLabels(SMALL_LABEL_FONTS);
const cy = cytoscape({
  container: document.getElementById("cy"),
  textureOnViewport: true,
  hideEdgesOnViewport: true,
  minZoom: 0.02,
  maxZoom: 4,
  style: mapStyle(smallLabels),
});
clearStyleCachesOnce(cy);
restyleAlone(cy);
repaintLayersInPlace(cy);
const boxes = boxesFromCaches(cy);
const renderer = new Renderer(cy, model, new Placement());
const filters = new FilterBar(model, cy, { onChange: () => link.save() });
const sidebar = new Sidebar({
  cy,
  model,
  urls: { network: root.dataset.networkUrl, container: root.dataset.containerUrl, reach: root.dataset.reachUrl },
  panel: document.getElementById("panel"),
  hint: document.getElementById("map-hint"),
  clearButton: document.getElementById("clear-highlight"),
  standIn: (kind, id) => renderer.standIn(kind, id),
  talks: (id) => (flows.window ? { window: flows.window, ...talksOf(flows.flows, id, model) } : null),
});

// Who talks to whom, when a window is chosen in the Filters menu (flows.js); the live map's
// only, so none while the past is on show.
const flows = new FlowLayer({
  cy,
  url: root.dataset.flowsUrl,
  choice: document.getElementById("flow-window"),
  note: document.getElementById("flow-note"),
  standIn: (kind, id) => renderer.standIn(kind, id),
  paused: () => travel.active,
  onChange: () => link.save(),
  onFlows: () => {
    if (sidebar.subject?.kind === "container") sidebar.refresh();
  },
});

// A swarm node that is a watched engine is that engine's box.
const elementOf = (kind, id) => {
  if (kind === "container") return renderer.reveal(id);
  if (kind === "network") return renderer.revealNetwork(id);
  if (kind === "project") return renderer.revealProject(id);
  const engine = kind === "node" ? engineOfNode(model, id) : "";
  return cy.getElementById(engine ? nodeId.engine(engine) : nodeId[kind](id));
};

bindSearch(model, (kind, id) => {
  const node = elementOf(kind, id);
  if (node.empty()) return;
  filters.apply();
  node.removeClass("hidden");
  cy.elements().unselect();
  node.select();
  // Searching for the second container of "Can it reach…?" compares the two.
  if (kind === "container" && sidebar.compareFrom && sidebar.compareFrom !== id) sidebar.compareWith(id);
  else sidebar.show(kind, id);
  cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1) }, { duration: 250 });
});
bindPngExport(cy, model);
bindMenus([...document.querySelectorAll(".toolbar details.menu")]);
rememberOpen(document.getElementById("legend"), "map.legend");
// Small labels follow the zoom (labels.js).
const followZoom = () => smallLabels.follow(cy, window.devicePixelRatio || 1);
cy.on("zoom", followZoom);
let lastWarnings = [];
const warnings = new WarningsPill(root.dataset.warningsUrl, (found) => {
  lastWarnings = found;
  renderer.markWarnings(found);
});

// Folding: a click on a folded network unfolds it, a double click on a network folds it.
const refold = (change) => {
  change();
  filters.apply();
  renderer.markWarnings(lastWarnings);
  flows.sync();
  link.save();
};
cy.on("tap", "node.network.folded", (evt) => refold(() => renderer.unfold(evt.target.data("ref"))));
cy.on("dbltap", "node.network", (evt) => refold(() => renderer.fold(evt.target.data("ref"))));
// The same for an engine's box, or a Compose project's.
// An opened box goes round what it holds, which may lie elsewhere (folded engines stand in a
// row, overview.js): the view glides after it, the zoom kept.
cy.on("tap", "node.engine.folded, node.project.folded", (evt) => {
  const box = evt.target;
  const was = { ...box.renderedPosition() };
  refold(() => renderer.unfoldBox(box.id()));
  const now = box.renderedPosition();
  const by = { x: was.x - now.x, y: was.y - now.y };
  if (Math.hypot(by.x, by.y) > 40) cy.animate({ panBy: by }, { duration: 300 });
});
cy.on("dbltap", "node.engine, node.project", (evt) => refold(() => renderer.foldBox(evt.target.id())));
document
  .getElementById("fold-all")
  .addEventListener("click", () => refold(() => renderer.fold(...model.networks.keys())));
document
  .getElementById("unfold-all")
  .addEventListener("click", () => refold(() => renderer.unfold(...model.networks.keys())));
document.getElementById("tidy").addEventListener("click", () => renderer.tidy().one("layoutstop", () => link.save()));

let socketState = "connecting";
const refreshStatus = () => {
  showStatus(root, statusEl, socketState, model);
  statusEl.title = statusEl.textContent;
};

// Patches are drawn in paced flushes (pacing.js); `stats.patches` counts the drawn ones.
const pacer = new Pacer((changed, count) => {
  renderer.patch(changed);
  filters.apply();
  flows.sync();
  stats.patches += count;
  sidebar.refresh();
});
cy.on("render", () => pacer.drawn());

// The first drawing (a live snapshot, or the past a link asked for) is fitted to the window,
// with what the link asked folded first, and its selection, zoom and pan after.
let drawn = false;
function draw(msg) {
  const first = !drawn;
  drawn = true;
  if (first) {
    smallLabels.leaveOut();
    renderer.askedLevel = link.foldLevel(); // else the first sight folds what cannot be read
  }
  pacer.clear();
  model.loadSnapshot(msg);
  cy.nodes().removeClass("appeared moved");
  renderer.all();
  if (first) link.restoreFolds();
  filters.apply();
  flows.sync();
  sidebar.refresh();
  if (first) {
    fitFirst();
    link.restoreView();
  } else link.retrySelect();
}

// Fitted to the nodes: the edges' curves need not be measured for that. Labels shown at
// that zoom take their room, so it is fitted again with them (the fit's own zoom event has
// already shown them, when the zoom changed). A folded map (a few boxes) is not blown up.
function fitFirst() {
  cy.fit(cy.nodes(), FIT_PADDING);
  followZoom();
  if (smallLabels.shown) cy.fit(cy.nodes(), FIT_PADDING);
  const folded = renderer.folding.folded.size || renderer.folding.groups.size;
  if (folded && cy.zoom() > FIRST_FIT_MAX_ZOOM)
    cy.zoom({ level: FIRST_FIT_MAX_ZOOM, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  warmUp();
}

const travel = new TimeTravel({
  onChange: () => link.save(),
  show: (topology) => {
    draw({ type: "snapshot", version: topology.version, topology });
    socketState = "past";
    refreshStatus();
  },
  live: () => {
    cy.nodes().removeClass("appeared moved");
    const ws = connection.socket;
    socketState = ws && ws.readyState === WebSocket.OPEN ? "open" : "connecting";
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: "resync" }));
  },
  mark: ({ appeared, moved }) => {
    for (const [kind, id] of appeared) cy.getElementById(nodeId[kind](id)).addClass("appeared");
    for (const [kind, id] of moved) cy.getElementById(nodeId[kind](id)).addClass("moved");
  },
});

// Cytoscape fills its caches of drawn elements on the first move of the viewport, which
// made the first pan of a big map stutter; a few imperceptible moves once the map is idle
// fill them before anyone pans.
function warmUp() {
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 200));
  idle(() => {
    let left = 20;
    const step = () => {
      cy.panBy({ x: left % 2 ? 0.5 : -0.5, y: 0 });
      if (--left > 0) requestAnimationFrame(step);
      else stats.warm = true;
    };
    requestAnimationFrame(step);
  });
}

function onMessage(msg, ws, arrived = performance.now()) {
  if (travel.active) return; // the past is on show; "Back to live" resynchronises
  const t0 = performance.now();
  if (msg.type === "snapshot") {
    draw(msg);
    stats.snapshots += 1;
    stats.renderMs = performance.now() - t0;
    // From the snapshot's arrival to the end of the frame that draws it (Cytoscape's
    // render event comes after it drew; none comes while this code runs).
    cy.one("render", () => {
      stats.paintMs = performance.now() - arrived;
    });
  } else if (msg.type === "patch") {
    const changed = model.applyPatch(msg);
    if (changed === null) {
      stats.resyncs += 1;
      ws.send(JSON.stringify({ type: "resync" }));
      return;
    }
    pacer.add(changed);
    stats.lastPatchMs = performance.now() - t0;
  }
  stats.version = model.version;
  refreshStatus();
  warnings.refreshSoon();
}

// The view in the address bar, and back from it (view-link.js).
const link = new ViewLink({ cy, model, renderer, filters, travel, sidebar, elementOf, flows });
link.restoreEarly();

const connection = openSocket({
  path: root.dataset.wsPath,
  loginUrl: root.dataset.loginUrl,
  onMessage,
  onState: (state) => {
    if (!travel.active) {
      socketState = state;
      refreshStatus();
    }
  },
});

// For the browser tests and the bench.
window.dashboardMap = { model, stats, cy, warnings, travel, renderer, pacer, boxes, link, flows };
Object.defineProperty(window.dashboardMap, "socket", { get: () => connection.socket });
