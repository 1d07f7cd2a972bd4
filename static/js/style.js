// How the map looks: shapes and colours by network driver (palette.json, which the
// server's diagram exports read too), and Cytoscape's stylesheet.

import palette from "./palette.json" with { type: "json" };
import { SLOT_X } from "./placement.js";

// Any driver not in the palette is a plugin's (Weave, Calico, ...).
export function shapeOf(driver) {
  return (palette.drivers[driver] || palette.plugin).shape;
}
export function colourOf(driver) {
  return (palette.drivers[driver] || palette.plugin).colour;
}

// Names are drawn at 12 px, so that at the first fit of a map of up to 60 nodes
// (placement.js lays them out for it) they are 10 px or more on screen.
// Containers' and edges' labels: font size and the smallest Cytoscape draws on screen
// (labels.js leaves them out below the zoom where neither could be drawn). A node's label
// smaller than 10 px is not read: Cytoscape leaves it out (as near as its texture levels
// go; overview.js folds a first sight until none is that small).
const NODE_MIN_FONT = 10;
export const SMALL_LABEL_FONTS = [
  [12, NODE_MIN_FONT],
  [8, 8],
];
const [[CONTAINER_FONT], [EDGE_FONT, EDGE_MIN_FONT]] = SMALL_LABEL_FONTS;
const NAME_WIDTH = SLOT_X - 8; // a container's name wraps within its slot

// A stopped container or task: faded to 45 %.
const STOPPED = { "background-opacity": 0.45, "border-opacity": 0.45, "text-opacity": 0.45 };

// Cytoscape's stylesheet; `smallLabels` (a SmallLabels) gives containers' and edges' labels.
export const mapStyle = (smallLabels) => [
  // Where Cytoscape's own "auto" would put them (above every box), said outright: "auto"
  // counts each element's ancestors at every comparison of the sort it redoes whenever an
  // element is added or removed, 40 ms at 1,000 containers. Edges join childless nodes only.
  { selector: "node:childless, edge", style: { "z-compound-depth": "top" } },
  {
    selector: "node",
    style: {
      label: "data(label)",
      "text-wrap": "wrap",
      "text-max-width": 220,
      "font-size": 11,
      "min-zoomed-font-size": NODE_MIN_FONT,
      color: "#1d2733",
    },
  },
  {
    selector: "node.engine",
    style: {
      shape: "round-rectangle",
      "background-color": "#f8fafc",
      "border-color": "#cbd5e1",
      "border-width": 1,
      "text-valign": "top",
      "text-halign": "center",
      "font-size": 16,
      "font-weight": 600,
    },
  },
  {
    selector: "node.engine.down",
    style: { "border-color": "#b42318", "border-width": 3, "background-color": "#fef3f2" },
  },
  {
    selector: "node.network",
    style: {
      shape: "data(shape)",
      "background-color": "data(colour)",
      "background-opacity": 0.15,
      "border-color": "data(colour)",
      "border-width": 2,
      width: SLOT_X + 10,
      height: 46,
      "text-valign": "center",
      "text-halign": "center",
      "font-size": 12,
      label: "data(short)",
      "text-max-width": NAME_WIDTH,
      "text-overflow-wrap": "anywhere",
    },
  },
  { selector: "node.network.internal", style: { "border-style": "dashed", "border-width": 3 } },
  { selector: "node.network.noicc", style: { "border-style": "double", "border-width": 6 } },
  {
    selector: "node.container",
    style: {
      label: (ele) => smallLabels.text(ele),
      shape: "ellipse",
      width: 18,
      height: 18,
      "background-color": "#16a34a",
      "text-valign": "bottom",
      "text-margin-y": 3,
      "font-size": CONTAINER_FONT,
      "text-max-width": NAME_WIDTH,
      "text-overflow-wrap": "anywhere",
    },
  },
  { selector: "node.container.paused", style: { "background-color": "#f59e0b" } },
  // Faded by its parts, not `opacity`: Cytoscape sorts every element again when an
  // element's opacity is set or unset, as a start or a stop would do.
  { selector: "node.container.stopped", style: { "background-color": "#9ca3af", ...STOPPED } },
  {
    selector: "edge",
    style: {
      width: 1.2,
      "line-color": "#94a3b8",
      "curve-style": "straight",
      label: (ele) => smallLabels.text(ele),
      "font-size": EDGE_FONT,
      "min-zoomed-font-size": EDGE_MIN_FONT,
      "text-rotation": "autorotate",
      "text-background-color": "#fff",
      "text-background-opacity": 0.8,
      "text-background-padding": 1,
      color: "#334155",
    },
  },
  { selector: "edge.configured", style: { "line-style": "dashed", "line-color": "#cbd5e1" } },
  {
    selector: "edge.shares",
    style: {
      "line-style": "dotted",
      "line-color": "#64748b",
      "target-arrow-shape": "triangle",
      "target-arrow-color": "#64748b",
    },
  },
  {
    selector: "node.host",
    style: {
      shape: "round-rectangle",
      width: 120,
      height: 40,
      "background-color": "#fff7ed",
      "border-color": "#ea580c",
      "border-width": 2,
      "text-valign": "center",
      "text-halign": "center",
      "font-size": 12,
      "font-weight": 600,
    },
  },
  {
    selector: "edge.published",
    style: {
      "curve-style": "bezier",
      width: 2,
      "line-color": "#dc2626",
      "target-arrow-shape": "triangle",
      "target-arrow-color": "#dc2626",
      color: "#991b1b",
    },
  },
  {
    selector: "edge.published.loopback",
    style: { "line-color": "#0891b2", "target-arrow-color": "#0891b2", "line-style": "dashed", color: "#155e75" },
  },
  { selector: "edge.hostnet", style: { width: 4, "line-color": "#ea580c", opacity: 0.7 } },
  { selector: "node.container.hostnet", style: { "border-width": 3, "border-color": "#ea580c" } },
  {
    selector: "node.project",
    style: {
      shape: "round-rectangle",
      "background-color": "#7c3aed",
      "background-opacity": 0.04,
      "border-color": "#a78bfa",
      "border-style": "dashed",
      "border-width": 2,
      "text-valign": "top",
      "text-halign": "center",
      "font-size": 13,
      color: "#5b21b6",
    },
  },
  // Its counts wrap between words: wrapping "anywhere" has Cytoscape measure a too-long
  // line again after each character (500 folded networks: 53,000 measurements, most of the
  // first paint of 5,000 containers). Only a long name (elements.js) breaks anywhere.
  {
    selector: "node.network.folded",
    style: {
      width: 2 * SLOT_X - 14,
      height: 96,
      "text-max-width": 2 * SLOT_X - 24,
      "text-overflow-wrap": "whitespace",
      "border-width": 4,
      "background-opacity": 0.3,
      "font-size": 12,
    },
  },
  { selector: "node.network.folded.long-name", style: { "text-overflow-wrap": "anywhere" } },
  { selector: "node.folded.has-stopped", style: { "border-style": "dashed" } },
  {
    selector: "node.folded.has-exposed",
    style: { "underlay-color": "#dc2626", "underlay-opacity": 0.18, "underlay-padding": 8 },
  },
  {
    selector: "node.engine.folded",
    style: {
      width: 300,
      height: 120,
      "text-valign": "center",
      "border-width": 4,
      "background-color": "#e2e8f0",
      "font-size": 16,
    },
  },
  {
    selector: "node.project.folded",
    style: { width: 240, height: 96, "text-valign": "center", "border-width": 4, "background-opacity": 0.2 },
  },
  { selector: "node.warned", style: { "outline-color": "#d97706", "outline-width": 4, "outline-opacity": 0.9 } },
  { selector: "node.appeared", style: { "border-width": 5, "border-color": "#16a34a", "border-style": "solid" } },
  { selector: "node.moved", style: { "border-width": 5, "border-color": "#d97706", "border-style": "solid" } },
  { selector: "node.network.spanning", style: { "border-width": 4, width: 190 } },
  {
    selector: "node.swarm-node",
    style: { "border-style": "dashed", "background-color": "#f5f3ff", "border-color": "#8b5cf6", "font-size": 13 },
  },
  {
    selector: "node.task",
    style: {
      shape: "diamond",
      width: 20,
      height: 20,
      "background-color": "#7c3aed",
      "text-valign": "bottom",
      "text-margin-y": 3,
      "font-size": 9,
    },
  },
  { selector: "node.task.stopped", style: { "background-color": "#9ca3af", ...STOPPED } },
  {
    selector: "node.service",
    style: {
      shape: "tag",
      width: 170,
      height: 60,
      "background-color": "#ede9fe",
      "border-color": "#7c3aed",
      "border-width": 2,
      "text-valign": "center",
      "text-halign": "center",
      "font-size": 11,
    },
  },
  { selector: "edge.vip", style: { "line-style": "dotted", width: 2, "line-color": "#7c3aed", color: "#5b21b6" } },
  { selector: ".stale", style: { opacity: 0.55, "border-style": "dotted" } },
  { selector: ".hidden", style: { display: "none" } },
  { selector: ".faded", style: { opacity: 0.12 } },
  { selector: ".hl", style: { "border-width": 4, "border-color": "#f59e0b", "line-color": "#f59e0b", opacity: 1 } },
  // What a previewed change does (whatif.js): gains a path, loses one, or changes otherwise.
  { selector: ".whatif-gained", style: { "border-width": 4, "border-color": "#16a34a", opacity: 1 } },
  { selector: ".whatif-lost", style: { "border-width": 4, "border-color": "#dc2626", opacity: 1 } },
  { selector: ".whatif-moved", style: { "border-width": 4, "border-color": "#2563eb", opacity: 1 } },
  { selector: "node:selected", style: { "border-width": 4, "border-color": "#f59e0b" } },
  // Selected: all it says (a container's state and image, a network's driver and gateway).
  {
    selector: "node.container:selected, node.network:selected",
    style: { label: "data(label)", "text-background-color": "#fff", "text-background-opacity": 0.9, "z-index": 10 },
  },
];
