// Containers' and edges' labels, left empty at zooms where Cytoscape would not draw them.
// Cytoscape draws no label smaller on screen than its min-zoomed-font-size, but it still
// measures every label, for the element's bounds: at 1,000 containers that was 2,000
// labels measured at first paint for nothing. They are few beside a network's label, so
// networks, boxes and hosts keep theirs at every zoom.

// Cytoscape sizes a label at the zoom rounded up to a power of two (its texture level) and
// draws it only if its font at that scale reaches its minimum (eleTextBiggerThanMin); the
// same rule here, exactly: with 12 px names, a bound of twice the zoom kept a thousand
// containers' names measured at a first fit (0.30) where none is drawn.
export function drawnAt(zoom, fontSize, minZoomedSize) {
  return fontSize * 2 ** Math.ceil(Math.log2(zoom)) >= minZoomedSize;
}

export class SmallLabels {
  // `fonts`: [font size, min-zoomed-font-size] of each kind of small label.
  constructor(fonts) {
    this.fonts = fonts;
    this.shown = true;
  }

  // Until the first follow: a first render's zoom is known only once it is fitted.
  leaveOut() {
    this.shown = false;
  }

  // For the stylesheet: the label to draw (a node's short one, when it has one).
  text(ele) {
    return this.shown ? (ele.data("short") ?? ele.data("label")) : "";
  }

  // Whether any small label can be drawn at this zoom (the screen's pixel ratio in it).
  wanted(zoom) {
    return this.fonts.some(([size, min]) => drawnAt(zoom, size, min));
  }

  // Show or leave out the labels for the zoom `cy` is at, on a screen of `pixelRatio`,
  // restyling only when that changes; true if it did.
  follow(cy, pixelRatio = 1) {
    const shown = this.wanted(cy.zoom() * pixelRatio);
    if (shown === this.shown) return false;
    this.shown = shown;
    cy.batch(() => cy.elements("node.container, edge").updateStyle());
    return true;
  }
}
