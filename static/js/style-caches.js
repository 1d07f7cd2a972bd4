// Cytoscape (3.x) keeps derived facts of an element's style (visible, opacity through its
// parents, bounds, ...) in caches. On a graph with compound nodes, each style property it
// applies to an element clears the style caches of the element, its ancestors, its
// descendants and all their edges (Style#checkTriggers → dirtyStyleCache, four collections
// built each time), and each property that sizes it clears its ancestors' bounds, telling
// each of them (dirtyCompoundBoundsCache). A container gets a dozen properties and an edge
// eleven: at first paint of 1,000 containers that was 30,000 clearings and 20,000 events,
// a fifth of it.
//
// Here the relatives are cleared once per element, after all its properties are applied.
// Its own style cache is still cleared at each one (its bounds cache is, by Cytoscape), so
// nothing read while it is styled (only its own style is) sees a stale value, and the same
// caches are clear when it is done. Cytoscape is pinned in package-lock.json, and
// tests/js/style-caches.test.mjs checks this against it.

const OWN_PART = {
  dirtyStyleCache() { this._private.styleCache = null; },
  dirtyCompoundBoundsCache() {},
};

export function clearStyleCachesOnce(cy) {
  const style = cy.style();
  const apply = style.apply;
  style.apply = function applyClearingOnce(eles) {
    if (eles.length !== 1) return apply.call(this, eles);
    const ele = eles[0];
    const called = new Set();
    for (const [name, own] of Object.entries(OWN_PART)) {
      ele[name] = function ownPartNow() { called.add(name); own.call(this); return this; };
    }
    try {
      return apply.call(this, eles);
    } finally {
      for (const name of Object.keys(OWN_PART)) delete ele[name];
      for (const name of called) ele[name]();
    }
  };
}
