// Cytoscape (3.x) keeps derived facts of an element's style (visible, opacity through its
// parents, bounds, ...) in caches. On a graph with compound nodes, each style property it
// applies to an element clears the style caches of the element, its ancestors, its
// descendants and all their edges (Style#checkTriggers → dirtyStyleCache, four collections
// built each time), and each property that sizes it clears its ancestors' bounds, telling
// each of them (dirtyCompoundBoundsCache). A container gets a dozen properties and an edge
// eleven: at first paint of 1,000 containers that was 30,000 clearings and 20,000 events,
// a fifth of it.
//
// Here the relatives are cleared once per element, after all its properties are applied,
// and only if one of them changed value. Cytoscape restyles every box around an element at
// each change to it (for compound selectors; restyle-alone.js narrows that) and re-applies
// the box's data-mapped properties then, unchanged; clearing the box's relatives for that
// emptied the caches of everything in the box at each patch, and the next frame derived
// them all again.
//
// Cytoscape reads a cached fact without restyling the element first, and its own clearing
// of a whole box happened to hide that for elements in boxes. So an element marked for
// restyling (its `style` event) loses its own facts and its edges' at once: read before
// its restyle, they are derived again, which restyles it.
//
// The element's own style cache is still cleared at each property (its bounds cache is, by
// Cytoscape), so nothing read while it is styled (only its own style is) sees a stale value,
// and the same caches are clear when it is done. Cytoscape is pinned in package-lock.json,
// and tests/js/style-caches.test.mjs checks this against it.

const OWN_PART = {
  dirtyStyleCache() {
    this._private.styleCache = null;
  },
  dirtyCompoundBoundsCache() {},
};

export function clearStyleCachesOnce(cy) {
  const style = cy.style();
  const { apply, checkTriggers } = style;
  let styled = null; // the element being styled, and whether a property of it changed value
  style.checkTriggers = function noteChange(ele, name, from, to) {
    if (styled && styled.ele === ele && from !== to) styled.changed = true;
    return checkTriggers.call(this, ele, name, from, to);
  };
  style.apply = function applyClearingOnce(eles) {
    if (eles.length !== 1) return apply.call(this, eles);
    const ele = eles[0];
    const called = new Set();
    for (const [name, own] of Object.entries(OWN_PART)) {
      ele[name] = function ownPartNow() {
        called.add(name);
        own.call(this);
        return this;
      };
    }
    const outer = styled;
    const mine = { ele, changed: false };
    styled = mine;
    try {
      return apply.call(this, eles);
    } finally {
      styled = outer;
      for (const name of Object.keys(OWN_PART)) delete ele[name];
      if (mine.changed) for (const name of called) ele[name]();
    }
  };
  cy.on("style", (evt) => {
    const ele = evt.target;
    ele._private.styleCache = null;
    if (ele.isNode()) for (const edge of ele.connectedEdges()) edge._private.styleCache = null;
  });
}
