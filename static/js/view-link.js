// The view in the address bar (url-state.js says how it is written): kept there as it
// changes (history.replaceState, a moment after the last change; no reload), and taken
// back from it when the page opens: filters and the time-travel moment at once, folding
// on the first drawing (before the fit), then the selection and zoom and pan.

import { decodeView, encodeView, foldedIn } from "./url-state.js";

const PANELS = ["network", "container", "project", "service", "task", "node"]; // what sidebar.show takes
const QUIET_MS = 250;

export class ViewLink {
  // `elementOf(kind, id)`: the node for it, unfolding what hides it (map.js).
  constructor({ cy, model, renderer, filters, travel, sidebar, elementOf, flows }) {
    Object.assign(this, { cy, model, renderer, filters, travel, sidebar, elementOf, flows });
    this.asked = decodeView(window.location.search);
    this.ready = false; // no writing before the asked view is restored: it would be lost
    this.openedFolded = false;
    this.pendingSelect = null; // asked for, not drawn yet (in a past still being fetched)
    this.timer = null;
    cy.on("select unselect", "node", () => this.save());
    cy.on("viewport", () => this.save());
  }

  // At once, before anything is drawn.
  restoreEarly() {
    this.filters.setValues(this.asked.filters);
    if (this.asked.travel) this.travel.goTo(this.asked.travel);
    if (this.asked.flows) this.flows.show(this.asked.flows);
  }

  // Whether the link says what is folded (else the map's first sight decides).
  asksFolds() {
    return this.asked.folded !== null || this.asked.boxes.length > 0;
  }

  // How a link that says what is folded has the first snapshot folded before it is drawn:
  // every network (1) when it folds most, none (0) else; null when it says nothing.
  foldLevel() {
    if (!this.asksFolds()) return null;
    return this.asked.folded?.all ? 1 : 0;
  }

  // On the first drawing, before it is fitted: what the link folded. A link without it
  // shows the map's own first sight, folded or not (overview.js).
  restoreFolds() {
    const { renderer, model } = this;
    this.openedFolded = (renderer.firstSight?.level || 0) > 0;
    if (!this.asksFolds()) return;
    const want = foldedIn(this.asked.folded, model.networks.keys());
    if (want) {
      const ids = [...model.networks.keys()];
      renderer.unfold(...ids.filter((id) => !want.has(id)));
      renderer.fold(...ids.filter((id) => want.has(id)));
    }
    const boxes = new Set(this.asked.boxes);
    for (const box of [...renderer.folding.groups]) if (!boxes.has(box)) renderer.unfoldBox(box);
    // A project's box folds while its engine's box is open: projects ("P:") first.
    for (const box of [...boxes].sort((a, b) => Number(a.startsWith("g:")) - Number(b.startsWith("g:"))))
      renderer.foldBox(box);
  }

  // Once the first drawing is fitted: the selection (its panel takes width from the map),
  // then zoom and pan. From here on the address follows the view.
  restoreView() {
    const { cy, asked } = this;
    if (asked.select) {
      this.pendingSelect = asked.select;
      this.retrySelect();
    }
    if (asked.viewport) {
      const { zoom, x, y } = asked.viewport;
      const z = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), zoom));
      cy.viewport({ zoom: z, pan: { x: cy.width() / 2 - x * z, y: cy.height() / 2 - y * z } });
    }
    this.ready = true;
    this.save();
  }

  // After each drawing, while an asked selection has no node yet.
  retrySelect() {
    if (!this.pendingSelect) return;
    const { kind, id } = this.pendingSelect;
    const node = this.elementOf(kind, id);
    if (node.empty()) return;
    this.pendingSelect = null;
    this.cy.elements().unselect();
    node.select();
    if (PANELS.includes(kind)) this.sidebar.show(kind, id);
  }

  current() {
    const { cy, model, renderer } = this;
    const zoom = cy.zoom();
    const pan = cy.pan();
    const picked = cy.nodes(":selected");
    const node = picked.nonempty() ? picked[0] : null;
    return {
      filters: this.filters.values(),
      folded: [...model.networks.keys()].filter((id) => renderer.folding.isFolded(id)),
      boxes: [...renderer.folding.groups],
      select: node ? { kind: node.data("kind"), id: node.data("ref") } : this.pendingSelect,
      viewport: { zoom, x: (cy.width() / 2 - pan.x) / zoom, y: (cy.height() / 2 - pan.y) / zoom },
      travel: this.travel.shown,
      flows: this.flows.window,
    };
  }

  // A moment after the last change, the address says the view.
  save() {
    if (!this.ready) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.write(), QUIET_MS);
  }

  write() {
    const query = encodeView(this.current(), { networks: this.model.networks.keys(), openedFolded: this.openedFolded });
    const { pathname, hash, search } = window.location;
    if (search === (query ? `?${query}` : "")) return;
    window.history.replaceState(window.history.state, "", `${pathname}${query ? `?${query}` : ""}${hash}`);
  }
}
