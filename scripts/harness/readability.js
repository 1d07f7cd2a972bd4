// Run in the map's page (page.evaluate): how readable the map is at first sight, read
// through Cytoscape's public API. `ids` (or null for every container and network) are the
// node ids whose names are measured; overlaps and crossings are counted over the whole map,
// and so is every node drawn (a box, a host, a folded network too): its name on screen.
(ids) => {
  const cy = window.dashboardMap.cy;
  const W = cy.width(),
    H = cy.height();
  const named = cy.nodes("node.container, node.network").filter((n) => !ids || ids.includes(n.id()));
  const px = (n) => parseFloat(n.renderedStyle("font-size"));
  const fonts = named.map(px);
  const drawnMin = (n) => parseFloat(n.style("min-zoomed-font-size")) || 0;
  const unnamed = named.filter((n) => !n.style("label") || px(n) < drawnMin(n)).length;
  // Every node drawn: how many have a name that is drawn, the smallest of those with one.
  const drawnNodes = cy.nodes(":visible");
  const lettered = drawnNodes.filter((n) => n.style("label"));
  const nodesNamed = lettered.filter((n) => px(n) >= drawnMin(n)).length;
  const nodeFonts = lettered.map(px);
  // Labels drawn (not empty, at or above Cytoscape's minimum): their boxes on screen.
  const boxes = [];
  for (const n of cy.nodes()) {
    if (!n.visible() || !n.style("label") || px(n) < drawnMin(n)) continue;
    const b = n.renderedBoundingBox({
      includeNodes: false,
      includeEdges: false,
      includeLabels: true,
      includeOverlays: false,
    });
    if (b.w > 0 && b.h > 0) boxes.push(b);
  }
  boxes.sort((a, b) => a.x1 - b.x1);
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length && boxes[j].x1 < boxes[i].x2 - 1; j += 1) {
      const a = boxes[i],
        b = boxes[j];
      if (a.y1 < b.y2 - 1 && b.y1 < a.y2 - 1 && a.x2 - 1 > b.x1) overlaps += 1;
    }
  }
  const all = cy.elements(":visible").renderedBoundingBox({ includeLabels: true });
  const cover =
    Math.max(0, Math.min(W, all.x2) - Math.max(0, all.x1)) * Math.max(0, Math.min(H, all.y2) - Math.max(0, all.y1));
  // Edges as straight segments between their ends on screen.
  const segs = cy
    .edges(":visible")
    .map((e) => [e.source().id(), e.target().id(), e.source().renderedPosition(), e.target().renderedPosition()]);
  const cross = (p, q, r, s) => {
    const d = (a, b, c) => (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    return d(p, q, r) * d(p, q, s) < 0 && d(r, s, p) * d(r, s, q) < 0;
  };
  let crossings = 0;
  for (let i = 0; i < segs.length; i += 1) {
    for (let j = i + 1; j < segs.length; j += 1) {
      const [a1, a2, p, q] = segs[i],
        [b1, b2, r, s] = segs[j];
      if (a1 === b1 || a1 === b2 || a2 === b1 || a2 === b2) continue;
      if (cross(p, q, r, s)) crossings += 1;
    }
  }
  const diagonal = Math.hypot(W, H);
  const longest = Math.max(0, ...segs.map(([, , p, q]) => Math.hypot(p.x - q.x, p.y - q.y)));
  return {
    canvas: [W, H],
    drawing: [all.w, all.h],
    zoom: cy.zoom(),
    nodes: cy.nodes(":visible").length,
    edges: segs.length,
    names: named.length,
    smallest: fonts.length ? Math.min(...fonts) : 0,
    unnamed,
    nodesDrawn: drawnNodes.length,
    nodesNamed,
    nodeSmallest: nodeFonts.length ? Math.min(...nodeFonts) : 0,
    labels: boxes.length,
    overlaps,
    coverage: cover / (W * H),
    crossings,
    longest: longest / diagonal,
  };
};
