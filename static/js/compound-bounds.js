// Cytoscape (3.x) sizes a box (a compound node) from its children's bounds, and measures
// them without its caches: every child's drawn style (label sizes and places) is worked
// out again, and every child box is sized again, down the tree. So a change to one child
// costs its whole box: on a 5,000-container map opened folded, a start changes one folded
// network's label ("41 running, 2 stopped"), and the engine's box of 500 folded networks
// was measured afresh, 10 ms of the frame.
//
// Cytoscape drops a child's cached bounds whenever they may change (a style property that
// moves them, a move, a child box resized: its own triggers, fired as they happen), so
// here a box is sized from its children's caches. Two exceptions: inside a batch, where
// those triggers wait, Cytoscape's own way is kept; and a box is often sized while the
// renderer works out the drawn style of a list of elements (reading a box's place sizes
// it), which marks them all done before it does them: children on such a list are worked
// out first. tests/browser/test_compound_bounds.py sizes every box both ways after random
// changes.

// From now on, boxes of `cy` are sized from their children's cached bounds while
// `returned.on` is true (a test turns it off to size them Cytoscape's way); null for a
// map without a renderer.
export function boxesFromCaches(cy) {
  const r = cy.renderer();
  if (!r?.recalculateRenderedStyle) return null; // headless: no drawn style, no labels
  const state = { on: true };
  const proto = Object.getPrototypeOf(cy.collection());
  const { updateCompoundBounds, boundingBox } = proto;
  let sizing = 0; // depth of updateCompoundBounds calls on `cy` under way
  const working = []; // the lists the renderer is working out the drawn style of
  const recalculate = r.recalculateRenderedStyle;
  r.recalculateRenderedStyle = function recalculateNoted(eles, ...args) {
    working.push(eles);
    try {
      return recalculate.call(this, eles, ...args);
    } finally {
      working.pop();
    }
  };
  proto.updateCompoundBounds = function updateCompoundBoundsCounted(...args) {
    if (this.cy() !== cy) return updateCompoundBounds.apply(this, args);
    sizing += 1;
    try {
      return updateCompoundBounds.apply(this, args);
    } finally {
      sizing -= 1;
    }
  };
  // updateCompoundBounds measures a box's children with { useCache: false }.
  proto.boundingBox = function boundingBoxForBoxes(options) {
    if (sizing > 0 && state.on && options?.useCache === false && this.cy() === cy && !cy.batching()) {
      const listed = [];
      for (const eles of working) for (const ele of eles) if (this.hasElementWithId(ele.id())) listed.push(ele);
      if (listed.length > 0) r.recalculateRenderedStyle(cy.collection(listed), false);
      return boundingBox.call(this, { ...options, useCache: true });
    }
    return boundingBox.call(this, options);
  };
  return state;
}
