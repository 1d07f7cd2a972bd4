// Cytoscape's canvas renderer (3.x) draws a still map from one bitmap per zoom level (its
// layered texture cache). Any change to any element drops that bitmap, and for the next
// 250 ms every frame draws every element again, one by one: 30-40 ms a frame at 1,000
// containers, during which the page reads no message.
//
// Here a change repaints only the parts of the bitmap it touched: each region an element
// was drawn in, or is drawn in now, is cleared and drawn again, clipped, from every element
// that overlaps it, in the order Cytoscape draws them. Elements added, removed or moved in
// that order are taken into the bitmap's list; changes that come while a bitmap is being
// made are repainted once it is finished. What this cannot repaint (a fifth of the map
// changed at once, an element outside the bitmap, a level of several bitmaps) is left to
// Cytoscape's way: the bitmap is dropped and made again.
//
// Cytoscape is pinned in package-lock.json; tests/browser/test_layer_repaint.py compares
// the repainted bitmap with one drawn afresh, tile by tile.

// Above this share of elements changed at once, dropping the bitmap is the cheaper way.
const MOST_CHANGED = 0.2;
// Cytoscape's wait after a change before it makes a bitmap (its invalidThreshold), and a bit.
const SETTLE_MS = 300;
// How long the map stays quiet before its repainted bitmaps are remade whole.
const HEAL_MS = 1000;
// How far, in the bitmap's pixels, a drawn element may spill outside its bounds (smoothing).
const SPILL = 2;

export function repaintLayersInPlace(cy) {
  const cache = cy.renderer()?.data?.lyrTxrCache;
  if (!cache) return false;
  const { invalidateElements, getLayers, drawEleInLayer } = cache;
  let changed = new Set();
  let seen = null; // the list of elements last drawn: a new one means added, removed or moved
  let retryFor = null; // the drop a redraw was asked for

  // Each element is drawn with the bitmap's own transform, set afresh: Cytoscape undoes the
  // turn of an edge's rotated label by turning back, which leaves the shared transform off
  // by a few ten-thousandths of a pixel, more with each such label. Elements whose bounds
  // fall on a half pixel of the bitmap (its corner is the map's, a 1 px border's edge: with
  // whole-pixel places, every node) are copied from their texture without smoothing, and
  // that drift decided which pixel they took: an unchanged container or name drawn a pixel
  // left or right depending on what was drawn before it (so moved a pixel by a repaint, or
  // by a remake of the bitmap, with nothing about it changed).
  const drawExact = (layer, ele, lvl, pxRatio) => {
    const scale = 2 ** layer.level;
    layer.context.setTransform(scale, 0, 0, scale, -layer.bb.x1 * scale, -layer.bb.y1 * scale);
    return drawEleInLayer.call(cache, layer, ele, lvl, pxRatio);
  };
  cache.drawEleInLayer = function drawNoted(layer, ele, lvl, pxRatio) {
    (layer.drawn ??= new Map()).set(ele, drawnAs(ele));
    return drawExact(layer, ele, lvl, pxRatio);
  };
  // Changes are noted as Cytoscape readies a frame; one that drew no elements (only what
  // is dragged, say) leaves them waiting: the next frame draws the elements.
  cy.on("render", () => {
    if (changed.size === 0) return;
    cy.renderer().redrawHint("eles", true);
    cy.renderer().redraw();
  });
  // With no bitmap, a change only stamps the time, and Cytoscape makes no bitmap until
  // changes have stopped for 250 ms: changes a few per second (a burst of starts) kept the
  // map without one, every frame drawing every element. Only a large change stamps here.
  cache.invalidateElements = function noteChanged(eles) {
    if (!this.haveLayers()) {
      if (eles.length > MOST_CHANGED * cy.mutableElements().length) invalidateElements.call(this, eles);
      return;
    }
    for (const ele of eles) changed.add(ele);
  };
  cache.getLayers = function repaintThenGet(eles, pxRatio, lvl) {
    if (changed.size > 0 || eles !== seen) {
      const now = changed;
      changed = new Set();
      // A repaint draws unchanged elements as noted, and notes the changed ones itself.
      const draw = (layer, ele) => drawExact(layer, ele, layer.level, pxRatio);
      let waiting = false;
      for (const layers of Object.values(this.layersByLevel)) {
        if (layers.length === 0) continue;
        if (layers.length === 1 && beingMade(layers[0])) {
          waiting = true;
          continue;
        }
        if (layers.length === 1 && repaint(this, layers[0], eles, now, eles !== seen, draw)) continue;
        for (const layer of [...layers]) this.invalidateLayer(layer);
      }
      // A bitmap being made draws each element as it is when its turn comes; those it drew
      // before they changed are repainted once it is finished (dropping it would start it
      // again, 250 ms later).
      if (waiting) for (const ele of now) changed.add(ele);
      else seen = eles;
      healLater();
    }
    const layers = getLayers.call(this, eles, pxRatio, lvl);
    // Cytoscape makes a dropped bitmap again only at a redraw after changes settle, and a
    // still map is not redrawn: one more redraw once they have, per drop.
    if (!layers && retryFor !== this.lastInvalidationTime) {
      retryFor = this.lastInvalidationTime;
      setTimeout(() => {
        if (cy.destroyed()) return;
        cy.renderer().redrawHint("eles", true);
        cy.renderer().redraw();
      }, SETTLE_MS);
    }
    return layers;
  };
  // A repainted bitmap is right but for smoothing: lines drawn again through a clip are
  // smoothed a little otherwise than drawn whole (a tone off by a few levels where many
  // cross). Once the map is quiet Cytoscape remakes each bitmap whole, in the background,
  // as it does when it has sharper textures (a replacement, swapped in when done).
  let healing = null;
  const healLater = () => {
    clearTimeout(healing);
    healing = setTimeout(() => {
      if (cy.destroyed()) return;
      const repainted = Object.values(cache.layersByLevel)
        .flat()
        .filter((layer) => layer.repainted && !layer.invalid && !layer.reqs && !layer.replacement);
      if (repainted.length === 0) return;
      for (const layer of repainted) cache.refineElementTextures([layer.eles[0]]);
      cy.renderer().redrawHint("eles", true);
      cy.renderer().redraw();
    }, cache.healAfterMs);
  };
  cache.healAfterMs = HEAL_MS;
  return true;
}

// How an element is drawn in a bitmap: where (null: not drawn, as drawEleInLayer decides),
// its style's hash (Cytoscape's own key for its textures of the element) and, for an edge,
// its line and its labels' places: an edge's end moves when its node's border grows, and
// the label at its middle with it, inside the same bounds.
function drawnAs(ele) {
  const bb = ele.boundingBox();
  const p = ele._private;
  const key = p.styleKey;
  if (bb.w === 0 || bb.h === 0 || !ele.visible()) return { at: null, key, line: "" };
  let line = "";
  if (ele.isEdge()) {
    const labels = Object.values(p.labelBounds || {})
      .filter(Boolean)
      .map((b) => [b.x1, b.y1, b.x2, b.y2]);
    line = JSON.stringify([p.rscratch.allpts, labels]);
  }
  return { at: { x1: bb.x1, y1: bb.y1, x2: bb.x2, y2: bb.y2 }, key, line };
}

// A level's bitmap Cytoscape is making for the first time (not a replacement of one).
const beingMade = (layer) => layer.reqs > 0 && !layer.invalid && !layer.replaces;

const sameBounds = (a, b) => a === b || (a && b && a.x1 === b.x1 && a.y1 === b.y1 && a.x2 === b.x2 && a.y2 === b.y2);
const same = (a, b) => a.key === b.key && a.line === b.line && sameBounds(a.at, b.at);

// Cytoscape sorts its list again after changes that may reorder it; mostly nothing moved.
const sameList = (a, b) => a.length === b.length && a.every((ele, i) => ele === b[i]);

const overlaps = (a, b) => a.x1 <= b.x2 && b.x1 <= a.x2 && a.y1 <= b.y2 && b.y1 <= a.y2;
const inside = (a, b) => b.x1 <= a.x1 && a.x2 <= b.x2 && b.y1 <= a.y1 && a.y2 <= b.y2;

// Repaints one finished bitmap for `changed` elements and the new list `eles`; says whether
// it could (if not, nothing of the bitmap was touched). A changed element drawn the same
// way as before (an edge restyled with its node, a box re-measured) needs no repainting.
function repaint(cache, layer, eles, changed, relisted, draw) {
  const { drawn } = layer;
  if (layer.invalid || layer.reqs || !drawn || changed.size > MOST_CHANGED * eles.length) {
    return false;
  }
  let added = [];
  let removed = [];
  let moved = [];
  if (relisted && !sameList(layer.eles, eles)) {
    const before = new Map(layer.eles.map((ele, i) => [ele, i]));
    const listed = new Set(eles);
    removed = layer.eles.filter((ele) => !listed.has(ele));
    added = eles.filter((ele) => !before.has(ele));
    moved = outOfOrder(
      eles.filter((ele) => before.has(ele)),
      before,
    );
    if (added.length + removed.length + moved.length + changed.size > MOST_CHANGED * eles.length) return false;
  }
  const regions = [];
  const redrawn = new Map();
  const isNew = new Set(added);
  const reordered = new Set(moved);
  for (const ele of new Set([...changed, ...added, ...moved])) {
    const old = drawn.get(ele);
    if (ele.removed() || !(old || isNew.has(ele))) continue;
    const now = drawnAs(ele);
    if (old && same(old, now) && !reordered.has(ele)) continue;
    if (now.at && !inside(now.at, layer.bb)) return false;
    redrawn.set(ele, now);
    if (old?.at) regions.push(old.at);
    if (now.at && !sameBounds(old?.at, now.at)) regions.push(now.at);
  }
  for (const ele of removed) if (drawn.get(ele)?.at) regions.push(drawn.get(ele).at);

  // Nothing can fail from here on. A remake under way (healLater's, or Cytoscape's for
  // sharper textures) would miss this change: it is dropped, the bitmap kept.
  if (layer.replacement) {
    layer.replacement.invalid = true;
    layer.replacement = null;
  }
  for (const ele of removed) drawn.delete(ele);
  for (const [ele, now] of redrawn) drawn.set(ele, now);
  if (added.length + removed.length + moved.length > 0) {
    layer.eles = eles.slice();
    for (const ele of added) {
      const rs = ele._private.rscratch;
      (rs.imgLayerCaches ??= {})[layer.level] = layer;
    }
  }
  if (regions.length > 0) paint(layer, regions, draw);
  return true;
}

// The fewest elements of `list` whose moving put it out of the order `before` gave them
// (those off a longest run in that order). Cytoscape moves an element in its drawing order
// when another is removed (it takes the removed one's index).
export function outOfOrder(list, before) {
  const ranks = list.map((ele) => before.get(ele));
  const tails = []; // tails[k]: index in `list` of the smallest last rank of a run of k + 1
  const prev = new Array(list.length);
  for (let i = 0; i < ranks.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranks[tails[mid]] < ranks[i]) lo = mid + 1;
      else hi = mid;
    }
    prev[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  }
  const inRun = new Set();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) inRun.add(i);
  return list.filter((_, i) => !inRun.has(i));
}

// Clears `regions` (in the map's coordinates) of the bitmap, snapped out to whole pixels,
// and draws into each, clipped, every element whose bounds come near it, in order.
function paint(layer, regions, draw) {
  const scale = 2 ** layer.level;
  const { bb, context } = layer;
  layer.repainted = true; // to be remade whole once quiet (healLater)
  const pixels = merged(
    regions.map((r) => ({
      x1: Math.max(0, Math.floor((r.x1 - bb.x1) * scale) - SPILL),
      y1: Math.max(0, Math.floor((r.y1 - bb.y1) * scale) - SPILL),
      x2: Math.min(layer.width, Math.ceil((r.x2 - bb.x1) * scale) + SPILL),
      y2: Math.min(layer.height, Math.ceil((r.y2 - bb.y1) * scale) + SPILL),
    })),
  );
  for (const p of pixels) {
    // What may have spilled into its pixels: elements within SPILL of it.
    const near = {
      x1: bb.x1 + (p.x1 - SPILL) / scale,
      y1: bb.y1 + (p.y1 - SPILL) / scale,
      x2: bb.x1 + (p.x2 + SPILL) / scale,
      y2: bb.y1 + (p.y2 + SPILL) / scale,
    };
    context.save();
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(p.x1, p.y1, p.x2 - p.x1, p.y2 - p.y1);
    context.beginPath();
    context.rect(p.x1, p.y1, p.x2 - p.x1, p.y2 - p.y1);
    context.clip();
    context.setTransform(scale, 0, 0, scale, -bb.x1 * scale, -bb.y1 * scale);
    for (const ele of layer.eles) {
      const at = layer.drawn.get(ele)?.at;
      if (at && overlaps(at, near) && reaches(ele, near)) {
        draw(layer, ele);
      }
    }
    context.restore();
  }
}

// Whether what is drawn of an element may fall in `box`, its bounds overlapping it. A
// straight edge's bounds span the rectangle its line crosses, mostly empty: where many long
// lines meet (published ports converge on their host), a region's bounds meet a hundred
// lines it does not. Such an edge reaches the box only by its line (thickened by its width
// with outline, as much again for its caps' corners, and any overlay or underlay), its
// arrowheads or its labels; other shapes are taken whole.
export function reaches(ele, box) {
  if (!ele.isEdge()) return true;
  const p = ele._private;
  const pts = p.rscratch.allpts;
  if (p.rscratch.edgeType !== "straight" || !pts || pts.length !== 4) return true;
  ele.boundingBox(); // its labels' and arrowheads' bounds, if a change cleared them
  const labels = p.labelBounds.all;
  if (labels && labels.w > 0 && overlaps(labels, box)) return true;
  for (const arrow of Object.values(p.arrowBounds)) if (arrow && overlaps(arrow, box)) return true;
  const pad = (layer) => (ele.pstyle(`${layer}-opacity`).value > 0 ? ele.pstyle(`${layer}-padding`).pfValue : 0);
  const width = ele.pstyle("width").pfValue + ele.pstyle("line-outline-width").value;
  const m = width + Math.max(pad("overlay"), pad("underlay")) + 1;
  return segmentMeets(pts, { x1: box.x1 - m, y1: box.y1 - m, x2: box.x2 + m, y2: box.y2 + m });
}

// Whether the segment [x1, y1, x2, y2] meets the box (Liang-Barsky clipping).
export function segmentMeets([x1, y1, x2, y2], box) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [
    [-dx, x1 - box.x1],
    [dx, box.x2 - x1],
    [-dy, y1 - box.y1],
    [dy, box.y2 - y1],
  ]) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

// Rectangles that overlap merged into the one around both, until none overlap: each pixel
// is then drawn once.
export function merged(rects) {
  const out = [];
  for (let r of rects) {
    if (r.x2 <= r.x1 || r.y2 <= r.y1) continue;
    for (let i = out.length - 1; i >= 0; i--) {
      if (!overlaps(out[i], r)) continue;
      const o = out.splice(i, 1)[0];
      r = { x1: Math.min(o.x1, r.x1), y1: Math.min(o.y1, r.y1), x2: Math.max(o.x2, r.x2), y2: Math.max(o.y2, r.y2) };
      i = out.length; // the larger one may meet others now
    }
    out.push(r);
  }
  return out;
}
