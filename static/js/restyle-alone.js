// Cytoscape (3.x) restyles an element together with all its ancestors and descendants
// (Collection#updateStyle on a compound graph), in case a selector reads the compound
// structure ("box > node", "box node"). Adding one container to a box of 1,000 restyled
// all 1,000, and the next frame derived their drawn state again.
//
// On a stylesheet without such selectors an element's style depends on itself alone (its
// own :childless too, and Cytoscape restyles a box itself when children come or go), so
// here it is restyled alone. With a selector that reads the structure nothing changes.

// Whether a selector (possibly a list) matches an element by another one: a combinator,
// or a subject ("$node > ..."). What is inside [data] brackets is not read.
export function readsStructure(selector) {
  return selector.split(",").some((part) => {
    const bare = part.replace(/\[[^\]]*\]/g, "[]").trim();
    return /[>$~+]/.test(bare) || /\S\s+\S/.test(bare);
  });
}

// Restyle elements of `cy` alone from now on, if its stylesheet allows; says whether it did.
export function restyleAlone(cy) {
  if (
    cy
      .style()
      .json()
      .some((rule) => readsStructure(rule.selector))
  )
    return false;
  const proto = Object.getPrototypeOf(cy.collection());
  const updateStyle = proto.updateStyle;
  proto.updateStyle = function updateStyleAlone(...args) {
    if (this.length === 0 || this.cy() !== cy || cy.destroyed()) return updateStyle.apply(this, args);
    const p = cy._private;
    const compound = p.hasCompoundNodes;
    p.hasCompoundNodes = false; // what updateStyle asks before widening to the relatives
    try {
      updateStyle.apply(this, args);
    } finally {
      p.hasCompoundNodes = compound;
    }
    // Cytoscape reads what an element derives from its boxes (visible, ...) from caches
    // without restyling the boxes first; a box restyled now clears them if it changed.
    if (!cy.batching()) for (const ele of this) if (ele.isParent()) ele.pstyle("display");
    return this;
  };
  return true;
}
