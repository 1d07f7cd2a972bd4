// Reproduction: on a graph with compound nodes, Cytoscape clears the style caches of an
// element's ancestors, descendants and all their edges once per style property it applies
// (Style#checkTriggers -> Collection#dirtyStyleCache), whether or not the property changed,
// and tells every ancestor its bounds changed (dirtyCompoundBoundsCache, a 'bounds' event)
// once per property that sizes the element.
//
// Run from the repository root: node docs/upstream/style-cache-clearing.mjs
import cytoscape from "cytoscape";

const STYLE = [
  {
    selector: "node",
    style: {
      label: "data(id)",
      width: 18,
      height: 18,
      "font-size": 8,
      "text-valign": "bottom",
      "background-color": "#16a34a",
      "border-width": 1,
    },
  },
  {
    selector: "edge",
    style: { width: 1.2, "line-color": "#94a3b8", "curve-style": "straight", label: "data(label)", "font-size": 6 },
  },
  { selector: ".stopped", style: { "background-color": "#999" } },
];

// A network and N containers joined to it by an edge each, in one box or in none.
function elements(n, boxed) {
  const parent = boxed ? "box" : undefined;
  const els = boxed ? [{ data: { id: "box" } }] : [];
  els.push({ data: { id: "net", parent }, position: { x: 0, y: -100 } });
  for (let i = 0; i < n; i += 1) {
    els.push({ data: { id: `c${i}`, parent }, position: { x: (i % 50) * 30, y: Math.floor(i / 50) * 30 } });
    els.push({ data: { id: `e${i}`, source: "net", target: `c${i}`, label: `eth${i}` } });
  }
  return els;
}

// Counts while `work` runs: calls of dirtyStyleCache and the element caches they clear,
// 'bounds' events, elements styled, time spent in Style#apply.
function count(cy, work) {
  const proto = Object.getPrototypeOf(cy.collection());
  const dirty = proto.dirtyStyleCache;
  const c = { calls: 0, cleared: 0, bounds: 0, styled: 0, ms: 0 };
  proto.dirtyStyleCache = function counted(...args) {
    c.calls += 1;
    let eles = cy.hasCompoundNodes() ? this.spawnSelf().merge(this.descendants()).merge(this.parents()) : this;
    eles = eles.merge(eles.connectedEdges());
    c.cleared += eles.length;
    return dirty.apply(this, args);
  };
  const style = cy.style();
  style.apply = function timed(eles) {
    c.styled += eles.length;
    const t0 = performance.now();
    try {
      return Object.getPrototypeOf(this).apply.call(this, eles);
    } finally {
      c.ms += performance.now() - t0;
    }
  };
  const onBounds = () => {
    c.bounds += 1;
  };
  cy.on("bounds", onBounds);
  try {
    work();
  } finally {
    proto.dirtyStyleCache = dirty;
    delete style.apply;
    cy.off("bounds", onBounds);
  }
  return c;
}

const readAll = (cy) =>
  cy.elements().forEach((ele) => {
    ele.pstyle("display");
    ele.visible();
  });

console.log(`Cytoscape ${cytoscape.version}, Node ${process.version}`);
console.log(
  "containers | in a box? | work | elements styled | dirtyStyleCache calls | element caches cleared | 'bounds' events | ms in Style#apply",
);
for (const n of [1000, 5000]) {
  for (const boxed of [false, true]) {
    for (let pass = 0; pass < 2; pass += 1) {
      const cy = cytoscape({ headless: true, styleEnabled: true, style: STYLE });
      cy.add(elements(n, boxed));
      const first = count(cy, () => readAll(cy));
      const settle = count(cy, () => readAll(cy)); // what the first reads left marked
      if (pass === 1 && settle.styled) console.log(`(${n}, box: ${boxed}: a second read styled ${settle.styled} more)`);
      // The box (or, flat, the network) restyled with nothing changed, as Cytoscape does
      // whenever a child is added or removed.
      const same = count(cy, () => {
        cy.$id(boxed ? "box" : "net").updateStyle();
        readAll(cy);
      });
      const one = count(cy, () => {
        cy.$id("c7").addClass("stopped");
        readAll(cy);
      });
      if (pass === 1) {
        for (const [work, c] of [
          ["first styling", first],
          ["the box (flat: the network) restyled, no value changed", same],
          ["one container's class", one],
        ]) {
          console.log(
            `${n} | ${boxed ? "yes" : "no"} | ${work} | ${c.styled} | ${c.calls} | ${c.cleared} | ${c.bounds} | ${c.ms.toFixed(1)}`,
          );
        }
      }
      cy.destroy();
    }
  }
}
process.exit(0);
