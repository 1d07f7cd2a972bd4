// Keeps Cytoscape's elements equal to the model: everything on a snapshot, only what a
// patch changed otherwise. New nodes get a position from the Placement; existing nodes
// are never moved.

import { drawOrder } from "./placement.js";
import { containerEdges, containerElement, engineElement, hostElement, networkElement, nodeId, projectElement, projectKey } from "./elements.js";

export class Renderer {
  constructor(cy, model, placement) {
    this.cy = cy;
    this.model = model;
    this.placement = placement;
  }

  // Everything, from a snapshot: on an empty map in one cy.add (adding elements one by one
  // costs Cytoscape most of a first render), otherwise synced element by element.
  all() {
    const { cy, model } = this;
    if (cy.elements().empty()) { this._firstRender(); return; }
    cy.batch(() => {
      const keep = new Set();
      if (cy.nodes().empty()) this.placement.plan(model);
      for (const id of model.engines.keys()) { this.engine(id); keep.add(nodeId.engine(id)); keep.add(nodeId.host(id)); }
      const nets = drawOrder(model.networks.values());
      for (const n of nets) { this.network(n.id); keep.add(nodeId.network(n.id)); }
      for (const id of model.containers.keys()) { this.container(id); keep.add(nodeId.container(id)); }
      cy.nodes().filter((n) => !keep.has(n.id()) && !n.hasClass("project")).remove();
      this._dropEmptyProjects();
    });
  }

  _firstRender() {
    const { cy, model, placement } = this;
    placement.plan(model);
    const nodes = [];
    const edges = [];
    const projects = new Set();
    const node = ({ data, classes }, position) => nodes.push({ group: "nodes", data, classes, position });
    for (const e of model.engines.values()) {
      node(engineElement(e));
      node(hostElement(e), placement.hostPosition(e.id));
    }
    const project = (rec) => {
      const key = projectKey(rec);
      if (key && !projects.has(key)) { projects.add(key); node(projectElement(key)); }
    };
    for (const n of drawOrder(model.networks.values())) {
      project(n);
      node(networkElement(n), placement.networkPosition(n));
    }
    for (const c of model.containers.values()) {
      project(c);
      node(containerElement(c), placement.containerPosition(model, c));
      const target = nodeId.container(c.id);
      for (const [id, w] of containerEdges(model, c)) {
        edges.push({ group: "edges", data: { id, source: w.source, target, label: w.label }, classes: w.cls });
      }
    }
    // Parents before children, then edges: Cytoscape resolves them in this order.
    const rank = { engine: 0, host: 1, project: 1, network: 2, container: 3 };
    nodes.sort((a, b) => rank[a.data.kind] - rank[b.data.kind]);
    cy.add([...nodes, ...edges]);
  }

  // What one patch changed (the model's applyPatch answer).
  patch(changed) {
    const { cy, model } = this;
    cy.batch(() => {
      for (const id of new Set(changed.engines)) this.engine(id);
      for (const id of new Set(changed.networks)) this.network(id);
      const containers = new Set(changed.containers);
      // A network that came back needs its containers' edges again.
      for (const nid of changed.networks) {
        if (!model.networks.has(nid)) continue;
        for (const c of model.containers.values()) if (c.networks.includes(nid)) containers.add(c.id);
      }
      for (const id of containers) this.container(id);
      this._dropEmptyProjects();
    });
  }

  engine(id) {
    const e = this.model.engines.get(id);
    if (!e) { this.cy.getElementById(nodeId.engine(id)).remove(); return; }
    this._node(engineElement(e));
    const host = this.cy.getElementById(nodeId.host(id));
    this._node(hostElement(e), host.empty() ? this.placement.hostPosition(id) : undefined);
  }

  network(id) {
    const n = this.model.networks.get(id);
    const node = this.cy.getElementById(nodeId.network(id));
    if (!n) { node.remove(); this.placement.forgetNetwork(id); return; }
    this._ensureParent(n);
    this._node(networkElement(n), node.empty() ? this.placement.networkPosition(n) : undefined);
  }

  container(id) {
    const { cy, model } = this;
    const c = model.containers.get(id);
    const node = cy.getElementById(nodeId.container(id));
    if (!c) { node.remove(); return; }
    this._ensureParent(c);
    const target = nodeId.container(id);
    const self = this._node(containerElement(c), node.empty() ? this.placement.containerPosition(model, c) : undefined);
    const wanted = containerEdges(model, c);
    self.connectedEdges().filter((edge) => edge.target().id() === target && !wanted.has(edge.id())).remove();
    for (const [eid, w] of wanted) {
      const edge = cy.getElementById(eid);
      if (edge.nonempty()) { edge.data("label", w.label); edge.classes(w.cls); }
      else cy.add({ group: "edges", data: { id: eid, source: w.source, target, label: w.label }, classes: w.cls });
    }
  }

  _ensureParent(rec) {
    if (this.cy.getElementById(nodeId.engine(rec.engine)).empty()) this.engine(rec.engine);
    const key = projectKey(rec);
    if (key && this.cy.getElementById(nodeId.project(key)).empty()) this._node(projectElement(key));
  }

  // A project's box goes with its last member.
  _dropEmptyProjects() {
    this.cy.nodes(".project").filter((p) => p.children().empty()).remove();
  }

  _node({ data, classes }, position) {
    const node = this.cy.getElementById(data.id);
    if (node.nonempty()) {
      node.data(data);
      node.classes(classes);
      return node;
    }
    return this.cy.add({ group: "nodes", data, classes, position });
  }
}
