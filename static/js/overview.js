// A map's first sight: what is drawn is what can be read. On the first snapshot the map is
// folded, coarser and coarser, until every label that would be drawn is 10 px or more on
// screen at the fit's zoom: nothing folded, then every network, then every Compose
// project's box too, then every engine's box. The fit's zoom is worked out before anything
// is drawn, from where the placement puts what would be drawn (its extent) and the canvas's
// size. A map of up to SMALL_MAP nodes is laid out to be read whole (placement.js), and is
// never folded. Pure: no DOM, no Cytoscape.

import { boxesOf } from "./collapse.js";
import { nodeId } from "./elements.js";

export const LEGIBLE_PX = 10; // the smallest label one reads on screen
export const SMALL_MAP = 60; // networks and containers: a map this small opens unfolded
export const FIT_PADDING = 30; // map.js fits the first drawing with this padding
export const FIRST_FIT_MAX_ZOOM = 1.5; // a folded first sight is not blown up past this
export const LEVELS = ["nothing", "networks", "projects", "engines"]; // what is folded, coarser and coarser

// What is drawn, as style.js draws it: width, height and font size (px at zoom 1).
const SIZE = {
  container: [102, 18 + 3 + 30, 12], // its dot, and its name (two lines at most) below
  network: [120, 46, 12],
  folded: [206, 96, 12],
  host: [120, 40, 12],
  project: [240, 96, 13],
  engine: [300, 120, 16],
};
const UNSIZED = { width: 1280, height: 600 }; // a canvas not laid out yet: a laptop's, say
// Around what an open box holds: Cytoscape's padding on each side, and its title above.
const BOX_PAD = 12;
const ROW_GAP = 60; // between folded engines' boxes in a row, and above what they hold
const TITLE = { project: 22, engine: 26 };

// On a planned `placement` (its plan(model) done), on a canvas of `canvas.width` by
// `canvas.height` px: the finest level whose labels are all legible at the predicted fit
// (the coarsest if none is), its predicted zoom and smallest label (px on screen), and where
// each box folded by it stands (box node id -> the centre of what it holds: where the box
// is when open, so that unfolding it moves nothing).
export function overview(model, placement, canvas) {
  if (!(canvas.width > 2 * FIT_PADDING && canvas.height > 2 * FIT_PADDING)) canvas = UNSIZED; // not laid out yet
  const small = model.networks.size + model.containers.size <= SMALL_MAP;
  const places = placesOf(model, placement);
  let level = 0;
  let drawn = drawnItems(places, 0);
  let fit = fitOf(drawn, canvas);
  while (!small && !fit.legible && level < LEVELS.length - 1) {
    level += 1;
    drawn = drawnItems(places, level);
    fit = fitOf(drawn, canvas);
  }
  return { level, zoom: fit.zoom, smallest: fit.smallest, labels: drawn.items.length, boxes: drawn.boxes };
}

// The zoom a fit of `drawn` would take on `canvas`, the smallest label on screen at it, and
// whether that is legible.
export function fitOf({ items, nesting }, canvas) {
  if (!items.length) return { zoom: FIRST_FIT_MAX_ZOOM, smallest: Infinity, legible: true };
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  let font = Infinity;
  for (const { x, y, w, h, size } of items) {
    x1 = Math.min(x1, x - w / 2);
    x2 = Math.max(x2, x + w / 2);
    y1 = Math.min(y1, y - h / 2);
    y2 = Math.max(y2, y + h / 2);
    font = Math.min(font, size);
  }
  const side = nesting.length * BOX_PAD;
  const top = nesting.reduce((s, kind) => s + BOX_PAD + TITLE[kind], 0);
  const zoom = Math.min(
    FIRST_FIT_MAX_ZOOM,
    (canvas.width - 2 * FIT_PADDING) / Math.max(1, x2 - x1 + 2 * side),
    (canvas.height - 2 * FIT_PADDING) / Math.max(1, y2 - y1 + side + top),
  );
  return { zoom, smallest: font * zoom, legible: font * zoom >= LEGIBLE_PX };
}

const isProject = (ref) => ref.includes("|");

// Where the placement puts each node: its kind (a network's, a container's in a network
// that folds, or one that stays: in host network mode or on none), the boxes it is in, and
// the extent of every box.
export function placesOf(model, placement) {
  const places = [];
  const extent = new Map(); // box ref -> [x1, y1, x2, y2] of the places it holds
  const put = (rec, kind, at) => {
    const boxes = boxesOf(rec);
    for (const ref of boxes) {
      const b = extent.get(ref);
      if (!b) extent.set(ref, [at.x, at.y, at.x, at.y]);
      else {
        if (at.x < b[0]) b[0] = at.x;
        if (at.y < b[1]) b[1] = at.y;
        if (at.x > b[2]) b[2] = at.x;
        if (at.y > b[3]) b[3] = at.y;
      }
    }
    places.push({ kind, boxes, x: at.x, y: at.y });
  };
  for (const id of model.engines.keys()) put({ engine: id }, "host", placement.hostPosition(id));
  for (const n of model.networks.values()) put(n, "network", placement.networkPosition(n));
  for (const c of model.containers.values()) {
    const homed = !c.host_network && c.networks.some((id) => model.networks.has(id));
    put(c, homed ? "homed" : "container", placement.containerPosition(model, c));
  }
  return { places, extent };
}

// What a level draws: each node's place, size and font, and the open boxes around them
// (for the extent); the folded boxes, each at the centre of what it holds (those inside a
// folded engine too: where they stand once it unfolds).
export function drawnItems({ places, extent }, level) {
  const items = [];
  const folded = (ref) => (isProject(ref) ? level >= 2 : level >= 3);
  const kindAt = { host: "host", network: level >= 1 ? "folded" : "network", container: "container" };
  kindAt.homed = level >= 1 ? null : "container"; // in a folded network: no node of its own
  for (const { kind, boxes, x, y } of places) {
    const drawn = kindAt[kind];
    if (!drawn || (level >= 2 && boxes.some(folded))) continue;
    const [w, h, size] = SIZE[drawn];
    items.push({ x, y, w, h, size });
  }
  const boxes = new Map();
  const row = level >= 3 ? engineRow(extent) : new Map();
  for (const [ref, [x1, y1, x2, y2]] of extent) {
    if (!folded(ref)) continue;
    const at = row.get(ref) || { x: (x1 + x2) / 2, y: (y1 + y2) / 2 };
    const kind = isProject(ref) ? "project" : "engine";
    boxes.set(nodeId[kind](ref), at);
    if (kind === "project" && level >= 3) continue; // inside a folded engine: not drawn yet
    const [w, h, size] = SIZE[kind];
    items.push({ x: at.x, y: at.y, w, h, size });
  }
  const projects = level < 2 && [...extent.keys()].some(isProject);
  const nesting = level >= 3 ? [] : projects ? ["engine", "project"] : ["engine"];
  return { items, nesting, boxes };
}

// Folded engines' boxes, more than one: side by side in a row above everything they hold
// (each engine's middle would be a whole engine's width from the next: unreadable at the
// fit), in the engines' order, about the middle of them all. Opened, a box goes round what
// it holds (map.js follows it with the view).
export function engineRow(extent) {
  const engines = [...extent].filter(([ref]) => !isProject(ref));
  const row = new Map();
  if (engines.length < 2) return row;
  engines.sort((a, b) => a[1][0] + a[1][2] - (b[1][0] + b[1][2]));
  const left = Math.min(...engines.map(([, b]) => b[0]));
  const right = Math.max(...engines.map(([, b]) => b[2]));
  const top = Math.min(...engines.map(([, b]) => b[1]));
  const step = SIZE.engine[0] + ROW_GAP;
  const x0 = (left + right) / 2 - ((engines.length - 1) * step) / 2;
  engines.forEach(([ref], k) => row.set(ref, { x: x0 + k * step, y: top - SIZE.engine[1] - ROW_GAP }));
  return row;
}
