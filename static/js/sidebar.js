// The side panel and what is done from it: a network's or container's facts (kept fresh
// on every patch), "highlight what it can reach", and "can it reach…?" with the verdict
// from /api/reach.

import { containerPanel } from "./panel-container.js";
import { networkPanel } from "./panel-network.js";
import { projectPanel } from "./panel-project.js";
import { outsidePanel, verdictPanel } from "./panel-reach.js";
import { nodePanel, servicePanel, taskPanel } from "./panel-swarm.js";
import { nodeId } from "./elements.js";
import { applyWhatIf, askWhatIf, clearWhatIf, whatIfChoices, whatIfPanel } from "./whatif.js";

export class Sidebar {
  // `talks(id)`: who a container talks to, or null when the map shows no flows (map.js).
  constructor({
    cy,
    model,
    urls,
    panel,
    hint,
    clearButton,
    standIn = (kind, id) => nodeId[kind](id),
    talks = () => null,
  }) {
    Object.assign(this, { cy, model, urls, panel, hint, clearButton, standIn, talks });
    this.subject = null; // { kind, id } of what the panel shows
    this.compareFrom = null; // a container waiting for a second one to compare with
    this.actions = {
      highlightReach: (id) => this.highlightReach(id),
      startCompare: (id) => {
        this.compareFrom = id;
        this.setHint("Now click the container to compare with.");
      },
      fromOutside: (id) => this._fromOutside(id),
      whatIfChoices: (id) => whatIfChoices(this.model, id),
      whatIf: (id, kind, networkId) => this._whatIf(id, kind, networkId),
      whatIfPicked: new Map(), // container id → the choice last made in its panel
    };
    clearButton.addEventListener("click", () => this.clearHighlight());
    cy.on("tap", "node", (evt) => this._tap(evt.target.data()));
  }

  show(kind, id) {
    this.subject = { kind, id };
    this.refresh();
  }

  // Called after every change: the panel follows the model.
  refresh() {
    if (!this.subject || this.subject.kind === "verdict") return;
    const { kind, id } = this.subject;
    const panels = {
      network: () => networkPanel(this.model, id, this.urls),
      container: () => containerPanel(this.model, id, this.urls, this.actions, this.talks(id)),
      project: () => projectPanel(this.model, id, this.urls),
      service: () => servicePanel(this.model, id),
      task: () => taskPanel(this.model, id),
      node: () => nodePanel(this.model, id),
    };
    const content = panels[kind]();
    this.panel.replaceChildren(content);
    this._open();
  }

  async highlightReach(id) {
    const body = await this._reach({ a: id });
    if (!body) return;
    // What is folded away lights what stands for it: its network, or its box.
    const ids = new Set(body.reachable.map((cid) => this.standIn("container", cid)));
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().addClass("faded").removeClass("hl");
      const me = cy.getElementById(nodeId.container(id));
      const reach = cy.nodes().filter((n) => ids.has(n.id()));
      const via = me.edgesWith(cy.nodes("node.network")).connectedNodes();
      me.union(reach)
        .union(via)
        .union(reach.edgesWith(via))
        .union(me.connectedEdges())
        .removeClass("faded")
        .addClass("hl");
    });
    this.clearButton.hidden = false;
  }

  clearHighlight() {
    clearWhatIf(this.cy);
    this.cy.elements().removeClass("faded hl");
    this.clearButton.hidden = true;
  }

  setHint(text) {
    this.hint.textContent = text;
  }

  // The second container of "Can it reach…?", found some other way than a click (search).
  compareWith(id) {
    this._compare(this.compareFrom, id);
  }

  async _compare(a, b) {
    this.compareFrom = null;
    this.setHint("");
    const verdict = await this._reach({ a, b });
    if (!verdict) return;
    this.subject = { kind: "verdict" };
    this.panel.replaceChildren(verdictPanel(this.model, verdict));
    this._open();
  }

  async _fromOutside(id) {
    const verdict = await this._reach({ a: id, from: "outside" });
    if (!verdict) return;
    this.subject = { kind: "verdict" };
    this.panel.replaceChildren(outsidePanel(this.model, verdict));
    this._open();
  }

  // "What if I connect it? / disconnect it?": the forms' preview, lit on the map.
  async _whatIf(id, kind, networkId) {
    const asked = await askWhatIf(this.urls.reach, kind, networkId, id, this.model.version);
    if (!asked.ok) {
      this.setHint(asked.error);
      return;
    }
    this.setHint("");
    this.cy.elements().removeClass("hl");
    applyWhatIf(this.cy, asked.answer, this.standIn);
    this.clearButton.hidden = false;
    this.subject = { kind: "verdict" };
    this.panel.replaceChildren(whatIfPanel(asked.answer, this.model.version));
    this._open();
  }

  async _reach(params) {
    const r = await fetch(`${this.urls.reach}?${new URLSearchParams(params)}`, { credentials: "same-origin" });
    return r.ok ? r.json() : null;
  }

  _tap(d) {
    if (d.kind === "container" && this.compareFrom && this.compareFrom !== d.ref) {
      this._compare(this.compareFrom, d.ref);
      return;
    }
    if (["network", "container", "project", "service", "task", "node"].includes(d.kind)) this.show(d.kind, d.ref);
  }

  _open() {
    if (this.panel.hidden) {
      this.panel.hidden = false;
      this.cy.resize();
    }
  }
}
