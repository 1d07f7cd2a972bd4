// Bench only (scripts/bench/layouts.py, issue 29): layout libraries run on the map's own
// Cytoscape instance, so that their placements are measured with the same figures as
// today's (scripts/harness/readability.js). Bundled apart from the map (`npm run
// build:layouts`) and put in the page by the bench; the map itself never loads it.
// Each layout lays out every node that has no children; boxes (engines, Compose projects,
// swarm nodes) follow their children as Cytoscape's compound nodes do.

import ELK from "elkjs/lib/elk.bundled.js";
import fcose from "cytoscape-fcose";
import dagre from "cytoscape-dagre";

cytoscape.use(fcose);
cytoscape.use(dagre);

// A seeded Math.random (mulberry32) while a layout runs: fcose starts from random places,
// and the same map must give the same figures from one run to the next.
async function seeded(seed, run) {
  const random = Math.random;
  let s = seed;
  Math.random = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try {
    return await run();
  } finally {
    Math.random = random;
  }
}

// A node's box with its label (names are drawn below containers, inside networks), and
// where its centre sits in that box: a layout places the box, the node goes where its
// centre falls.
function boxOf(n) {
  const bb = n.boundingBox({ includeLabels: true, includeOverlays: false, includeEdges: false });
  const p = n.position();
  return { w: Math.max(1, bb.w), h: Math.max(1, bb.h), dx: p.x - bb.x1, dy: p.y - bb.y1 };
}

// The compound that holds both ends of an edge (ELK wants an edge in its nearest common
// ancestor, with INCLUDE_CHILDREN laying out across the hierarchy); null for the root.
function commonParent(a, b) {
  const above = new Set(b.ancestors().map((n) => n.id()));
  for (const p of a.ancestors()) if (above.has(p.id())) return p.id();
  return null;
}

// ELK's layered algorithm (Sugiyama) on the whole hierarchy: engines, projects and swarm
// nodes as ELK's nested graphs, room left at their top for their labels.
async function elkLayered(cy, options = {}) {
  const elk = new ELK();
  const boxes = new Map();
  const graphs = new Map();
  const root = {
    id: "__root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "DOWN",
      "elk.hierarchyHandling": "INCLUDE_CHILDREN",
      ...options,
    },
    children: [],
    edges: [],
  };
  for (const n of cy.nodes()) {
    const g = { id: n.id(), children: [], edges: [] };
    if (n.isParent()) g.layoutOptions = { "elk.padding": "[top=44,left=16,bottom=16,right=16]" };
    else {
      const b = boxOf(n);
      boxes.set(n.id(), b);
      g.width = b.w;
      g.height = b.h;
    }
    graphs.set(n.id(), g);
  }
  for (const n of cy.nodes()) {
    const p = n.parent();
    (p.nonempty() ? graphs.get(p.id()) : root).children.push(graphs.get(n.id()));
  }
  for (const e of cy.edges()) {
    const at = commonParent(e.source(), e.target());
    (at ? graphs.get(at) : root).edges.push({ id: e.id(), sources: [e.source().id()], targets: [e.target().id()] });
  }
  const laid = await elk.layout(root);
  const positions = new Map();
  const walk = (g, x0, y0) => {
    for (const c of g.children || []) {
      const x = x0 + c.x,
        y = y0 + c.y;
      const b = boxes.get(c.id);
      if (b) positions.set(c.id, { x: x + b.dx, y: y + b.dy });
      walk(c, x, y);
    }
  };
  walk(laid, 0, 0);
  cy.batch(() => {
    for (const [id, pos] of positions) cy.getElementById(id).position(pos);
  });
}

// A Cytoscape layout extension run to its end (animation off, no fit: the bench fits as
// the map's first sight does).
function cytoscapeLayout(cy, options) {
  const layout = cy.layout({ animate: false, fit: false, ...options });
  const done = layout.promiseOn("layoutstop");
  layout.run();
  return done;
}

const LAYOUTS = {
  "elk layered": (cy) => elkLayered(cy),
  fcose: (cy) =>
    cytoscapeLayout(cy, { name: "fcose", quality: "default", randomize: true, nodeDimensionsIncludeLabels: true }),
  dagre: (cy) => cytoscapeLayout(cy, { name: "dagre", nodeDimensionsIncludeLabels: true }),
};

// Labels shown before a layout measures nodes: a node's size then includes its name (the
// map leaves containers' names out at zooms where none could be drawn; zoom 1 shows them).
function withNames(cy) {
  if (cy.zoom() !== 1) cy.zoom(1);
}

// fcose's incremental placement (issue 29: "new nodes placed beside what they join without
// moving others"): one new container on the busiest network, every other node fixed where
// it is (fixedNodeConstraint), no random start. Returns the layout's ms, how far the
// others moved (px, model coordinates) and how far the new one landed from its network.
async function fcoseIncremental(cy) {
  const network = cy
    .nodes("node.network")
    .max((n) => n.connectedEdges().length)
    .ele.first();
  const before = new Map(cy.nodes(":childless").map((n) => [n.id(), { ...n.position() }]));
  const parent = network.parent();
  const data = { id: "c:bench-new", kind: "container", label: "bench-new", short: "bench-new", state: "running" };
  if (parent.nonempty()) data.parent = parent.id();
  const added = cy.add([
    { group: "nodes", data, classes: "container", position: { ...network.position() } },
    { group: "edges", data: { id: "e:bench-new", source: network.id(), target: "c:bench-new" }, classes: "endpoint" },
  ]);
  const fixed = [...before].map(([nodeId, position]) => ({ nodeId, position }));
  const t0 = performance.now();
  await seeded(29, () =>
    cytoscapeLayout(cy, {
      name: "fcose",
      quality: "default",
      randomize: false,
      // Nodes' own boxes: with their labels, fcose keeps the labelled box's centre where it
      // was told, and a container (its name below it) then moves by half its label's height.
      nodeDimensionsIncludeLabels: false,
      fixedNodeConstraint: fixed,
    }),
  );
  const ms = performance.now() - t0;
  let moved = 0;
  for (const [id, p] of before) {
    const q = cy.getElementById(id).position();
    moved = Math.max(moved, Math.hypot(p.x - q.x, p.y - q.y));
  }
  const n = cy.getElementById("c:bench-new").position();
  const away = Math.hypot(n.x - network.position("x"), n.y - network.position("y"));
  cy.remove(added);
  return { ms, moved, away };
}

window.benchLayouts = {
  names: Object.keys(LAYOUTS),

  // Today's placement (placement.js): a whole plan of the model, as a first drawing or a
  // "Tidy" makes it, in ms. The map has placed its nodes with it already.
  today() {
    const { renderer, model } = window.dashboardMap;
    const Placement = renderer.placement.constructor;
    const t0 = performance.now();
    new Placement().plan(model);
    return performance.now() - t0;
  },

  // Lay the map out with `name`, then fit it as the map's first sight does (js/map.js,
  // fitFirst: once, and again with the labels the fit's zoom showed). Returns the layout's ms.
  async run(name) {
    const { cy } = window.dashboardMap;
    withNames(cy);
    const t0 = performance.now();
    await seeded(29, () => LAYOUTS[name](cy));
    const ms = performance.now() - t0;
    cy.zoom(cy.minZoom()); // names left out, as at a first drawing
    cy.fit(cy.nodes(), 30);
    cy.fit(cy.nodes(), 30);
    return ms;
  },

  incremental() {
    return fcoseIncremental(window.dashboardMap.cy);
  },
};
