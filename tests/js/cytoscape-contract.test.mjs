// What the map relies on in Cytoscape, checked against the version package-lock.json pins,
// without Docker or a browser: an upgrade that changes any of it fails here, naming the
// module that depends on it. Four modules reach into Cytoscape's private state (issue 31):
// each of their private names is asserted to exist and to behave as the module assumes.
// When a module stops using a name, drop its check here too.
import { afterEach, test } from "node:test";
import assert from "node:assert/strict";
import cytoscape from "cytoscape";

// "<module> relies on <what>": the message an upgrade that breaks it fails with.
const relies = (module, what) => `static/js/${module} relies on Cytoscape ${cytoscape.version}'s ${what}`;

// The canvas renderer wants a DOM; any property of this stand-in is another stand-in, sizes
// are those of an 800 x 600 page, and numbers read from it (text widths) are 800 or 0.
const SIZES = { clientWidth: 800, clientHeight: 600, width: 800, height: 600, devicePixelRatio: 1 };
function standIn() {
  const props = new Map();
  return new Proxy(function dom() {}, {
    get(target, key) {
      if (key === Symbol.toPrimitive) return (hint) => (hint === "string" ? "" : 0);
      if (key === "then") return undefined; // not a promise
      if (props.has(key)) return props.get(key);
      if (key in SIZES) return SIZES[key];
      if (key === "parentNode" || key === "host" || key === "shadowRoot") return null; // a page's root
      const value = standIn();
      props.set(key, value);
      return value;
    },
    set(target, key, value) {
      props.set(key, value);
      return true;
    },
    apply: () => standIn(),
    construct: () => standIn(),
  });
}

// A box ("g") holding a network, two containers and the edges between them, and a second
// box inside it ("p") with one more container: the map's shape, small. Made afresh for
// each graph: Cytoscape keeps (and changes) the objects it is given.
const elements = () => [
  { data: { id: "g" } },
  { data: { id: "p", parent: "g" } },
  { data: { id: "n", parent: "g" }, position: { x: 0, y: 0 } },
  { data: { id: "a", parent: "g" }, position: { x: 100, y: 0 } },
  { data: { id: "b", parent: "g" }, position: { x: 0, y: 100 } },
  { data: { id: "c", parent: "p" }, position: { x: 200, y: 200 } },
  { data: { id: "na", source: "n", target: "a" } },
  { data: { id: "nb", source: "n", target: "b" } },
  { data: { id: "nc", source: "n", target: "c" } },
];
const STYLE = [
  { selector: "node", style: { width: 20, height: 20, label: "data(id)" } },
  { selector: "edge", style: { width: 1, "curve-style": "straight" } },
  { selector: ".wide", style: { width: 60 } },
  { selector: ".red", style: { "background-color": "#f00" } },
  { selector: ".gone", style: { display: "none" } },
];

// Every graph made here is destroyed after its test: Cytoscape's animation loop (and the
// renderer's) would keep Node running.
const made = [];
afterEach(() => {
  for (const cy of made.splice(0)) cy.destroy();
});
const graph = (options) => {
  const cy = cytoscape({ layout: { name: "preset" }, ...options });
  made.push(cy);
  return cy;
};

const headless = () => graph({ headless: true, styleEnabled: true, style: STYLE, elements: elements() });
// With the canvas renderer, on the stand-in DOM.
const drawn = () => graph({ container: standIn(), style: STYLE, elements: elements() });

const styleAll = (cy) => cy.elements().forEach((ele) => ele.pstyle("display"));
const dirty = (cy) =>
  cy
    .elements()
    .filter((ele) => ele._private.styleDirty)
    .map((ele) => ele.id())
    .sort();

// ---- The public API the map's drawing uses (render.js, filters.js, labels.js, style.js) ----

test("it keeps compound parents as the map builds them: boxes in boxes, moved by move()", () => {
  const cy = headless();
  assert.ok(
    cy.$id("g").isParent() && cy.$id("p").isParent() && !cy.$id("a").isParent(),
    "compound parents from data.parent",
  );
  assert.deepEqual(
    cy
      .$id("g")
      .descendants()
      .map((e) => e.id())
      .sort(),
    ["a", "b", "c", "n", "p"],
    "descendants() of a box in a box",
  );
  cy.$id("a").move({ parent: "p" });
  assert.equal(cy.$id("a").parent().id(), "p", "move({ parent }) puts a node in another box (render.js)");
  assert.equal(cy.$id("na").source().id(), "n", "a moved node keeps its edges");
  cy.$id("a").move({ parent: null });
  assert.ok(cy.$id("a").parent().empty(), "move({ parent: null }) takes a node out of every box");
});

test("it sizes a box from its children and keeps preset positions", () => {
  const cy = headless();
  assert.deepEqual(cy.$id("a").position(), { x: 100, y: 0 }, "an added node keeps its given position");
  const box = cy.$id("p").boundingBox();
  const child = cy.$id("c").boundingBox();
  assert.ok(
    box.x1 <= child.x1 && child.x2 <= box.x2 && box.y1 <= child.y1 && child.y2 <= box.y2,
    "a box's bounds hold its children",
  );
  cy.$id("c").position({ x: 400, y: 400 });
  assert.ok(cy.$id("p").boundingBox().x2 >= 400, "a box follows its child when it moves");
  assert.deepEqual(cy.$id("p").position(), { x: 400, y: 400 }, "a box's position is its children's centre");
});

test("it applies styles from classes, data and functions, the stylesheet kept as written", () => {
  const seen = [];
  const cy = graph({
    headless: true,
    styleEnabled: true,
    elements: elements(),
    style: [
      ...STYLE,
      {
        selector: "#a",
        style: {
          label: (ele) => {
            seen.push(ele.id());
            return `L${ele.id()}`;
          },
        },
      },
    ],
  });
  assert.equal(
    cy.$id("a").pstyle("label").strValue,
    "La",
    "a function-valued property is called with the element (style.js)",
  );
  assert.ok(seen.includes("a"));
  assert.equal(cy.$id("b").pstyle("label").strValue, "b", "data(...) mapping");
  cy.$id("b").addClass("wide");
  assert.equal(cy.$id("b").pstyle("width").pfValue, 60, "a class added restyles the element");
  cy.$id("b").addClass("gone");
  assert.ok(!cy.$id("b").visible() && !cy.$id("nb").visible(), "display: none hides a node and its edges (filters.js)");
  assert.deepEqual(
    cy
      .style()
      .json()
      .map((rule) => rule.selector),
    STYLE.map((rule) => rule.selector).concat("#a"),
    "style().json() lists the rules' selectors as written",
  );
});

test("it applies nothing inside a batch and everything at its end", () => {
  const cy = headless();
  styleAll(cy);
  let applied = 0;
  const style = cy.style();
  style.apply = function counted(eles) {
    applied += 1;
    return Object.getPrototypeOf(this).apply.call(this, eles);
  };
  cy.batch(() => {
    assert.ok(cy.batching(), "batching() inside batch()");
    cy.$id("a").addClass("red");
    cy.$id("b").addClass("red");
    cy.elements("node.container, .red").updateStyle(); // labels.js restyles this way
    assert.equal(applied, 0, "no style applied inside a batch");
  });
  assert.ok(!cy.batching());
  cy.$id("a").pstyle("background-color");
  assert.equal(
    cy.$id("a").pstyle("background-color").strValue,
    "rgb(255,0,0)",
    "the batch's changes applied at its end",
  );
  delete style.apply;
});

test("it emits 'render' when the canvas renderer has drawn a frame", () => {
  const cy = drawn();
  let frames = 0;
  cy.on("render", () => {
    frames += 1;
  });
  cy.renderer().render({}); // one frame, as the render loop draws it
  const what = "'render' event after each frame drawn (the map's paint time, its pacing of patches, layer-repaint.js)";
  assert.equal(frames, 1, relies("map.js", what));
});

// ---- restyle-alone.js ----

test("restyle-alone.js: updateStyle is one method of one prototype shared by every graph", () => {
  const [one, two] = [headless(), headless()];
  const proto = Object.getPrototypeOf(one.collection());
  assert.equal(
    typeof proto.updateStyle,
    "function",
    relies("restyle-alone.js", "Collection#updateStyle on the collection prototype"),
  );
  for (const eles of [two.collection(), one.$id("a"), two.elements()]) {
    assert.equal(
      Object.getPrototypeOf(eles),
      proto,
      relies("restyle-alone.js", "single prototype for every collection and element of every graph"),
    );
  }
  assert.equal(typeof one.collection().updateStyle, "function");
});

test("restyle-alone.js: updateStyle widens to relatives only while cy._private.hasCompoundNodes says so", () => {
  const cy = headless();
  styleAll(cy);
  assert.equal(
    cy._private.hasCompoundNodes,
    true,
    relies("restyle-alone.js", "cy._private.hasCompoundNodes (true once a node has a parent)"),
  );
  cy.$id("a").updateStyle();
  assert.deepEqual(
    dirty(cy),
    ["a", "g"],
    relies("restyle-alone.js", "updateStyle marking ancestors (_private.styleDirty)"),
  );
  styleAll(cy);
  assert.deepEqual(dirty(cy), [], relies("restyle-alone.js", "pstyle() restyling a marked element"));
  cy.$id("p").updateStyle();
  assert.deepEqual(dirty(cy), ["c", "g", "p"], relies("restyle-alone.js", "updateStyle marking descendants"));
  styleAll(cy);
  cy._private.hasCompoundNodes = false;
  try {
    cy.$id("a").updateStyle();
  } finally {
    cy._private.hasCompoundNodes = true;
  }
  assert.deepEqual(
    dirty(cy),
    ["a"],
    relies(
      "restyle-alone.js",
      "updateStyle reading cy._private.hasCompoundNodes to widen (not a structure of its own)",
    ),
  );
});

test("restyle-alone.js: a box is restyled itself when a child comes or goes", () => {
  const cy = headless();
  styleAll(cy);
  cy._private.hasCompoundNodes = false; // as restyle-alone.js sees an add
  let added;
  try {
    added = cy.add({ data: { id: "x", parent: "p" }, position: { x: 0, y: 0 } });
  } finally {
    cy._private.hasCompoundNodes = true;
  }
  assert.ok(
    dirty(cy).includes("p"),
    relies("restyle-alone.js", "restyling of a box when a child is added (for :childless)"),
  );
  styleAll(cy);
  added.remove();
  assert.ok(dirty(cy).includes("p"), relies("restyle-alone.js", "restyling of a box when a child is removed"));
});

// ---- style-caches.js ----

test("style-caches.js: Cytoscape applies one element's style through style().apply and checkTriggers of the instance", () => {
  const cy = headless();
  styleAll(cy);
  const style = cy.style();
  assert.equal(typeof style.apply, "function", relies("style-caches.js", "Style#apply"));
  assert.equal(typeof style.checkTriggers, "function", relies("style-caches.js", "Style#checkTriggers"));
  const applied = [];
  const triggers = [];
  style.apply = function noted(eles) {
    applied.push(eles);
    return Object.getPrototypeOf(this).apply.call(this, eles);
  };
  style.checkTriggers = function noted(ele, name, from, to) {
    triggers.push([ele.id(), name, from, to]);
    return Object.getPrototypeOf(this).checkTriggers.call(this, ele, name, from, to);
  };
  try {
    cy.$id("a").addClass("wide");
    cy.$id("a").pstyle("width");
  } finally {
    delete style.apply;
    delete style.checkTriggers;
  }
  assert.ok(
    applied.some((eles) => eles.length === 1 && eles[0] === cy.$id("a")[0]),
    relies("style-caches.js", "cy.style().apply(ele) called on the instance, one element at a time"),
  );
  const width = triggers.find(([id, name]) => id === "a" && name === "width");
  assert.ok(
    width,
    relies("style-caches.js", "checkTriggers(ele, name, from, to) called on the instance for each property applied"),
  );
  assert.notEqual(
    width[2],
    width[3],
    relies("style-caches.js", "checkTriggers' from and to values differing for a changed property"),
  );
  assert.ok(
    triggers.some(([id, , from, to]) => id === "a" && from === to),
    relies(
      "style-caches.js",
      "checkTriggers called for unchanged properties with equal values (so a change is told apart)",
    ),
  );
});

test("style-caches.js: applying a property clears caches through the element's own dirty methods", () => {
  const cy = headless();
  styleAll(cy);
  const ele = cy.$id("a");
  const called = [];
  for (const name of ["dirtyStyleCache", "dirtyCompoundBoundsCache"]) {
    assert.equal(typeof ele[name], "function", relies("style-caches.js", `Collection#${name}`));
    const own = Object.getPrototypeOf(ele)[name];
    ele[name] = function noted(...args) {
      called.push(name);
      return own.apply(this, args);
    };
  }
  try {
    ele.addClass("wide");
    ele.pstyle("width");
  } finally {
    delete ele.dirtyStyleCache;
    delete ele.dirtyCompoundBoundsCache;
  }
  assert.ok(
    called.includes("dirtyStyleCache"),
    relies("style-caches.js", "ele.dirtyStyleCache() called (looked up on the element) as a property is applied"),
  );
  assert.ok(
    called.includes("dirtyCompoundBoundsCache"),
    relies(
      "style-caches.js",
      "ele.dirtyCompoundBoundsCache() called (looked up on the element) for a property that sizes it",
    ),
  );
});

test("style-caches.js: derived facts live in _private.styleCache, cleared for all relatives in a compound graph", () => {
  const cy = headless();
  styleAll(cy);
  const readAll = () => {
    for (const ele of cy.elements()) {
      ele.visible();
      ele.effectiveOpacity();
    }
  };
  readAll();
  const a = cy.$id("a");
  assert.ok(
    a._private.styleCache && typeof a._private.styleCache === "object",
    relies("style-caches.js", "_private.styleCache holding visible() and the like"),
  );
  a._private.styleCache = null;
  assert.equal(a.visible(), true, relies("style-caches.js", "_private.styleCache = null being an empty cache"));
  readAll();
  a.dirtyStyleCache();
  const cleared = cy
    .elements()
    .filter((ele) => ele._private.styleCache === null)
    .map((ele) => ele.id())
    .sort();
  assert.deepEqual(
    cleared,
    ["a", "g", "na"],
    relies(
      "style-caches.js",
      "dirtyStyleCache clearing the element, its ancestors, descendants and their edges (what it narrows)",
    ),
  );
});

test("style-caches.js: an element marked for restyling emits 'style' at once", () => {
  const cy = headless();
  styleAll(cy);
  const targets = [];
  cy.on("style", (evt) => targets.push(evt.target.id()));
  cy.$id("b").addClass("red");
  assert.ok(
    targets.includes("b"),
    relies("style-caches.js", "'style' event on the element marked for restyling, before it is restyled"),
  );
  assert.ok(cy.$id("b")._private.styleDirty, relies("style-caches.js", "restyling done later, when read"));
});

// ---- compound-bounds.js ----

test("compound-bounds.js: a box is sized by updateCompoundBounds, measuring its children through the prototype's boundingBox with useCache: false", () => {
  const cy = headless();
  styleAll(cy);
  cy.$id("g").boundingBox();
  const proto = Object.getPrototypeOf(cy.collection());
  const { updateCompoundBounds, boundingBox } = proto;
  assert.equal(
    typeof updateCompoundBounds,
    "function",
    relies("compound-bounds.js", "Collection#updateCompoundBounds"),
  );
  assert.equal(typeof proto.hasElementWithId, "function", relies("compound-bounds.js", "Collection#hasElementWithId"));
  const sized = [];
  const measured = [];
  proto.updateCompoundBounds = function noted(...args) {
    sized.push(this.map((e) => e.id()));
    return updateCompoundBounds.apply(this, args);
  };
  proto.boundingBox = function noted(options) {
    measured.push([
      this.map((e) => e.id())
        .sort()
        .join(),
      options?.useCache,
    ]);
    return boundingBox.call(this, options);
  };
  try {
    cy.$id("c").position({ x: 300, y: 300 });
    cy.$id("g").boundingBox();
  } finally {
    proto.updateCompoundBounds = updateCompoundBounds;
    proto.boundingBox = boundingBox;
  }
  assert.ok(
    sized.length > 0,
    relies("compound-bounds.js", "updateCompoundBounds called through the prototype when a child moves"),
  );
  const uncached = measured.some(([ids, useCache]) => ids === "c" && useCache === false);
  assert.ok(
    uncached,
    relies(
      "compound-bounds.js",
      "updateCompoundBounds measuring a box's children with boundingBox({ useCache: false })",
    ),
  );
});

test("compound-bounds.js: the canvas renderer works out drawn style through its own recalculateRenderedStyle", () => {
  const cy = drawn();
  const r = cy.renderer();
  const recalculate = r.recalculateRenderedStyle;
  assert.equal(
    typeof recalculate,
    "function",
    relies("compound-bounds.js", "renderer.recalculateRenderedStyle(eles, useCache)"),
  );
  const lists = [];
  r.recalculateRenderedStyle = function noted(eles, ...args) {
    lists.push(eles.map((e) => e.id()));
    return recalculate.call(this, eles, ...args);
  };
  cy.$id("a").addClass("wide");
  cy.$id("a").boundingBox();
  delete r.recalculateRenderedStyle;
  assert.ok(
    lists.some((ids) => ids.includes("a")),
    relies(
      "compound-bounds.js",
      "recalculateRenderedStyle called on the renderer instance when a bounding box is read",
    ),
  );
});

// ---- layer-repaint.js ----

// The layered texture cache of a fresh canvas renderer.
function layered() {
  const cy = drawn();
  const cache = cy.renderer().data?.lyrTxrCache;
  assert.ok(cache, relies("layer-repaint.js", "renderer().data.lyrTxrCache (the layered texture cache)"));
  return { cy, cache, r: cy.renderer() };
}

test("layer-repaint.js: the layered texture cache has the methods and fields the repaint wraps", () => {
  const { cache, r } = layered();
  for (const name of [
    "invalidateElements",
    "getLayers",
    "drawEleInLayer",
    "haveLayers",
    "invalidateLayer",
    "refineElementTextures",
  ]) {
    assert.equal(typeof cache[name], "function", relies("layer-repaint.js", `LayeredTextureCache#${name}`));
  }
  assert.equal(typeof cache.layersByLevel, "object", relies("layer-repaint.js", "LayeredTextureCache#layersByLevel"));
  assert.equal(
    typeof cache.lastInvalidationTime,
    "number",
    relies("layer-repaint.js", "LayeredTextureCache#lastInvalidationTime"),
  );
  for (const name of ["redrawHint", "redraw"])
    assert.equal(typeof r[name], "function", relies("layer-repaint.js", `renderer().${name}`));
});

test("layer-repaint.js: a first getLayers draws each element through the instance's drawEleInLayer into layers it can repaint", () => {
  const { cy, cache } = layered();
  const eles = cy.elements().sort((a, b) => a.id().localeCompare(b.id()));
  const draws = [];
  cache.drawEleInLayer = function noted(layer, ele, lvl, pxRatio) {
    draws.push([layer, ele, lvl, pxRatio]);
    return Object.getPrototypeOf(this).drawEleInLayer.call(this, layer, ele, lvl, pxRatio);
  };
  const layers = cache.getLayers(eles, 1, 0);
  assert.ok(
    Array.isArray(layers) && layers.length === 1,
    relies("layer-repaint.js", "getLayers(eles, pxRatio, lvl) returning one layer for a small map on a first get"),
  );
  const [layer] = layers;
  assert.equal(
    draws.length,
    eles.length,
    relies("layer-repaint.js", "getLayers drawing each element through this.drawEleInLayer (instance lookup)"),
  );
  assert.deepEqual(
    [draws[0][0], draws[0][2], draws[0][3]],
    [layer, 0, 1],
    relies("layer-repaint.js", "drawEleInLayer(layer, ele, lvl, pxRatio)"),
  );
  for (const name of ["bb", "level", "width", "height", "context", "eles", "reqs"]) {
    assert.ok(name in layer, relies("layer-repaint.js", `layer.${name}`));
  }
  assert.equal(layer.level, 0);
  assert.deepEqual(layer.eles, eles.toArray(), relies("layer-repaint.js", "layer.eles in drawing order"));
  assert.ok(
    ["x1", "y1", "x2", "y2"].every((k) => typeof layer.bb[k] === "number"),
    relies("layer-repaint.js", "layer.bb in the map's coordinates"),
  );
  assert.equal(
    cache.layersByLevel[0][0],
    layer,
    relies("layer-repaint.js", "layersByLevel[level] holding the level's layers"),
  );
  assert.equal(
    eles[0]._private.rscratch.imgLayerCaches[0],
    layer,
    relies("layer-repaint.js", "rscratch.imgLayerCaches[level] naming an element's layer"),
  );
  assert.ok(cache.haveLayers(), relies("layer-repaint.js", "haveLayers() after a layer is made"));

  cache.refineElementTextures([eles[0]]);
  assert.equal(
    layer.replacement?.replaces,
    layer,
    relies(
      "layer-repaint.js",
      "refineElementTextures making layer.replacement (with .replaces) to remake a layer whole",
    ),
  );
  assert.ok(layer.replacement.reqs > 0, relies("layer-repaint.js", "a layer being made having reqs > 0"));

  const before = cache.lastInvalidationTime;
  cache.invalidateElements(cy.$id("a"));
  assert.ok(
    layer.invalid,
    relies("layer-repaint.js", "invalidateElements dropping a layer (layer.invalid) that holds a changed element"),
  );
  assert.ok(
    cache.lastInvalidationTime > before,
    relies("layer-repaint.js", "invalidateElements stamping lastInvalidationTime"),
  );
});

test("layer-repaint.js: layers wait 250 ms after the last change, which its SETTLE_MS = 300 outlasts", () => {
  const { cy, cache, r } = layered();
  const skip = r.beforeRenderCallbacks?.find((cb) => cb.priority === r.beforeRenderPriorities?.lyrTxrSkip);
  assert.ok(
    skip,
    relies("layer-repaint.js", "a beforeRender callback at priority lyrTxrSkip deciding whether layers are used"),
  );
  cache.invalidateElements(cy.$id("a"));
  const t = cache.lastInvalidationTime;
  skip.fn(true, t + 250);
  assert.equal(
    cache.skipping,
    true,
    relies("layer-repaint.js", "layers skipped for 250 ms after a change (SETTLE_MS = 300 must stay above it)"),
  );
  skip.fn(true, t + 251);
  assert.equal(
    cache.skipping,
    false,
    relies("layer-repaint.js", "layers used again after 250 ms (SETTLE_MS = 300 must stay above it)"),
  );
});

test("layer-repaint.js: the renderer tells the layered cache of changed elements through the instance's invalidateElements", () => {
  const { cy, cache, r } = layered();
  styleAll(cy);
  r.flushRenderedStyleQueue?.();
  const told = [];
  cache.invalidateElements = function noted(eles) {
    told.push(...eles.map((e) => e.id()));
  };
  cy.$id("b").addClass("red");
  assert.equal(
    typeof r.flushRenderedStyleQueue,
    "function",
    relies("layer-repaint.js", "the renderer's queue of changed elements (flushRenderedStyleQueue)"),
  );
  r.flushRenderedStyleQueue();
  assert.ok(
    told.includes("b"),
    relies("layer-repaint.js", "lyrTxrCache.invalidateElements(eles) called on the instance for changed elements"),
  );
});

test("layer-repaint.js: what it reads of a drawn element: styleKey, labelBounds, arrowBounds, an edge's rscratch", () => {
  const cy = drawn();
  const edge = cy.$id("na");
  edge.boundingBox();
  const p = edge._private;
  assert.equal(
    p.rscratch.edgeType,
    "straight",
    relies("layer-repaint.js", "rscratch.edgeType 'straight' for curve-style straight"),
  );
  assert.ok(
    Array.isArray(p.rscratch.allpts) && p.rscratch.allpts.length === 4,
    relies("layer-repaint.js", "rscratch.allpts holding a straight edge's two end points"),
  );
  assert.equal(typeof p.labelBounds, "object", relies("layer-repaint.js", "_private.labelBounds"));
  assert.ok(
    "all" in p.labelBounds && "main" in p.labelBounds,
    relies("layer-repaint.js", "_private.labelBounds.all and .main"),
  );
  assert.equal(typeof p.arrowBounds, "object", relies("layer-repaint.js", "_private.arrowBounds"));
  const key = cy.$id("a")._private.styleKey;
  assert.ok(key !== null && key !== undefined, relies("layer-repaint.js", "_private.styleKey (its textures' key)"));
  cy.$id("a").addClass("red");
  cy.$id("a").pstyle("background-color");
  assert.notEqual(
    cy.$id("a")._private.styleKey,
    key,
    relies("layer-repaint.js", "_private.styleKey changing with the drawn style"),
  );
  for (const name of [
    "overlay-opacity",
    "overlay-padding",
    "underlay-opacity",
    "underlay-padding",
    "width",
    "line-outline-width",
  ]) {
    const v = edge.pstyle(name);
    assert.equal(
      typeof (name.endsWith("opacity") || name === "line-outline-width" ? v.value : v.pfValue),
      "number",
      relies("layer-repaint.js", `edge style ${name}`),
    );
  }
});
