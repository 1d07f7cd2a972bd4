// Containers' and edges' labels, left empty at zooms where Cytoscape would not draw them.
// Cytoscape draws no label smaller on screen than its min-zoomed-font-size, but it still
// measures every label, for the element's bounds: at 1,000 containers that was 2,000
// labels measured at first paint for nothing. They are few beside a network's label, so
// networks, boxes and hosts keep theirs at every zoom.

// Cytoscape sizes a label at the zoom rounded up to a power of two (less than twice the
// zoom), so a label whose font, at twice the zoom, is still under its minimum is never drawn.
export function drawnAt(zoom, fontSize, minZoomedSize) {
  return fontSize * zoom * 2 >= minZoomedSize;
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
    return this.shown ? ele.data("short") ?? ele.data("label") : "";
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
