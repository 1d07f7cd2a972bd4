// Reproduction: Cytoscape sizes a compound node from its children measured without their
// bounds caches (updateCompoundBounds -> children.boundingBox({ useCache: false })), so any
// change to one child measures every child again, down the tree. In a browser each child's
// labels are measured too; headless, without labels, the cost already grows with the box.
//
// Run from the repository root: node docs/upstream/compound-bounds-uncached.mjs
import cytoscape from "cytoscape";

const STYLE = [
  { selector: "node", style: { width: 18, height: 18, "font-size": 8 } },
  { selector: "node[label]", style: { label: "data(label)" } },
  { selector: ":parent", style: { padding: 10 } },
];

// An engine's box of M boxes (folded networks) with K children each.
function graph(m, k) {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: STYLE });
  const els = [{ data: { id: "engine" } }];
  for (let i = 0; i < m; i += 1) {
    els.push({ data: { id: `b${i}`, parent: "engine" } });
    for (let j = 0; j < k; j += 1)
      els.push({
        data: { id: `c${i}-${j}`, parent: `b${i}`, label: "x" },
        position: { x: i * 100 + (j % 5) * 20, y: Math.floor(j / 5) * 20 },
      });
  }
  cy.add(els);
  cy.$id("engine").boundingBox();
  return cy;
}

// Per change of one child (its position: the cheapest change that moves bounds), the
// elements whose bounds were worked out again and the time, reading the engine's bounds
// as a frame does.
function measure(cy, useCache) {
  const proto = Object.getPrototypeOf(cy.collection());
  const { boundingBox, updateCompoundBounds } = proto;
  let sizing = 0;
  let measured = 0;
  proto.updateCompoundBounds = function counted(...args) {
    sizing += 1;
    try {
      return updateCompoundBounds.apply(this, args);
    } finally {
      sizing -= 1;
    }
  };
  proto.boundingBox = function counted(options) {
    if (sizing > 0 && options?.useCache === false) {
      measured += this.length;
      if (useCache) return boundingBox.call(this, { ...options, useCache: true }); // the proposed change
    }
    return boundingBox.call(this, options);
  };
  const times = [];
  try {
    for (let step = 0; step < 20; step += 1) {
      const t0 = performance.now();
      cy.$id("c0-0").position({ x: step, y: 0 });
      cy.$id("engine").boundingBox();
      times.push(performance.now() - t0);
    }
  } finally {
    proto.boundingBox = boundingBox;
    proto.updateCompoundBounds = updateCompoundBounds;
  }
  times.sort((a, b) => a - b);
  const { x1, y1, x2, y2 } = cy.$id("engine").boundingBox();
  return { measured: measured / 20, ms: times[10], bb: [x1, y1, x2, y2].join() };
}

console.log(`Cytoscape ${cytoscape.version}, Node ${process.version}`);
console.log(
  "boxes x children | children measured afresh per change, today | median ms | children read from their caches instead | median ms | same bounds?",
);
for (const [m, k] of [
  [50, 10],
  [500, 10],
  [500, 20],
]) {
  const today = measure(graph(m, k), false);
  const cached = measure(graph(m, k), true);
  console.log(
    `${m} x ${k} | ${today.measured} | ${today.ms.toFixed(2)} | ${cached.measured} | ${cached.ms.toFixed(2)} | ${today.bb === cached.bb ? "yes" : "NO"}`,
  );
}
process.exit(0);
