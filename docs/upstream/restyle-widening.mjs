// Reproduction: on a graph with compound nodes, Cytoscape restyles an element together with
// its ancestors and descendants, even when no selector of the stylesheet reads the compound
// structure. Adding one node to a box of N children restyles all N.
//
// Run from the repository root: node docs/upstream/restyle-widening.mjs
import cytoscape from "cytoscape";

// No selector here reads the structure (no "a > b", "a b", "$a b").
const STYLE = [
  { selector: "node", style: { label: "data(id)", width: 18, height: 18 } },
  { selector: ":parent", style: { "background-opacity": 0.1 } },
  { selector: ".stopped", style: { "background-color": "#999" } },
];

function graph(n) {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: STYLE });
  const els = [{ data: { id: "box" } }];
  for (let i = 0; i < n; i += 1)
    els.push({ data: { id: `c${i}`, parent: "box" }, position: { x: (i % 50) * 30, y: Math.floor(i / 50) * 30 } });
  cy.add(els);
  cy.elements().forEach((ele) => ele.pstyle("display")); // everything styled
  return cy;
}

// How many elements Style#apply styled for `change` and the reads a frame makes, and the
// time spent in it.
function measure(cy, change) {
  const style = cy.style();
  let applied = 0;
  let ms = 0;
  style.apply = function counted(eles) {
    applied += eles.length;
    const t0 = performance.now();
    try {
      return Object.getPrototypeOf(this).apply.call(this, eles);
    } finally {
      ms += performance.now() - t0;
    }
  };
  change();
  cy.elements().forEach((ele) => ele.pstyle("display")); // what the renderer reads next frame
  delete style.apply;
  return { applied, ms };
}

// What the same change costs when Cytoscape restyles the changed elements alone (the
// proposed behaviour for stylesheets without compound selectors), emulated by hiding the
// compound flag from Collection#updateStyle.
function alone(cy, change) {
  const proto = Object.getPrototypeOf(cy.collection());
  const updateStyle = proto.updateStyle;
  proto.updateStyle = function updateStyleAlone(...args) {
    const p = cy._private;
    const compound = p.hasCompoundNodes;
    p.hasCompoundNodes = false;
    try {
      return updateStyle.apply(this, args);
    } finally {
      p.hasCompoundNodes = compound;
    }
  };
  try {
    return measure(cy, change);
  } finally {
    proto.updateStyle = updateStyle;
  }
}

const rows = [];
for (const n of [1000, 5000]) {
  for (const [what, change] of [
    ["add one child to the box", (cy) => cy.add({ data: { id: "new", parent: "box" }, position: { x: -50, y: -50 } })],
    ["add a class to one child", (cy) => cy.$id("c7").addClass("stopped")],
    ["set one child's data", (cy) => cy.$id("c7").data("label", "x")],
  ]) {
    rows.push({ n, what, change });
  }
}
// Each on a fresh graph; the second pass is kept (warm).
for (const row of rows) {
  for (let pass = 0; pass < 2; pass += 1) {
    const a = graph(row.n);
    row.today = measure(a, () => row.change(a));
    a.destroy();
    const b = graph(row.n);
    row.alone = alone(b, () => row.change(b));
    b.destroy();
  }
}
console.log(`Cytoscape ${cytoscape.version}, Node ${process.version}`);
console.log("children | change | elements restyled today (ms in Style#apply) | restyled alone (ms)");
for (const { n, what, today, alone: a } of rows) {
  console.log(`${n} | ${what} | ${today.applied} (${today.ms.toFixed(1)} ms) | ${a.applied} (${a.ms.toFixed(1)} ms)`);
}
process.exit(0); // headless graphs keep an animation loop running
