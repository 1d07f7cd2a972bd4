// Keeps Cytoscape's elements equal to the model: everything on a snapshot, only what a
// patch changed otherwise. New nodes get a position from the Placement; existing nodes
// are never moved. A folded network (collapse.js) stands for the containers whose home it
// is: they get no node until it unfolds, and its label counts them. A folded box (an
// engine's or a Compose project's) does the same for everything inside it.

import { drawOrder, homeNetwork } from "./placement.js";
import { Folding, boxFacts, boxesOf, foldedFacts, inBox } from "./collapse.js";
import { overview } from "./overview.js";
import {
  containerEdges,
  containerElement,
  engineElement,
  hostElement,
  networkElement,
  nodeId,
  projectElement,
  projectKey,
} from "./elements.js";
import { swarmElements } from "./swarm-elements.js";

export class Renderer {
  constructor(cy, model, placement, folding = new Folding()) {
    this.cy = cy;
    this.model = model;
    this.placement = placement;
    this.folding = folding;
    this.homes = new Map(); // container id -> the network it is drawn beside
    this.members = new Map(); // network id -> ids of the containers drawn beside it
    this.parked = new Map(); // container id -> its position while its network is folded
    this.parkedNodes = new Map(); // node id of a network, host or box -> its position while folded away
    this.swarmIds = new Set(); // ids of the swarm's elements drawn (swarm-elements.js)
    this.warned = new Set(); // ids of the nodes marked by markWarnings
    this.askedLevel = null; // a link's folds: 1 when it folds most networks, 0 else (view-link.js)
    this.firstSight = null; // what overview.js chose on the first snapshot
    this.planned = false; // the placement planned for this snapshot already
  }

  // The first snapshot: planned, and folded as much as its first sight needs to be read
  // (overview.js), the folded boxes placed where they would stand open. A link that says
  // what is folded has its own way (folded before the first render when it folds most).
  _firstSight() {
    const { cy, model, placement } = this;
    placement.plan(model);
    this.planned = true;
    this.firstSight = overview(model, placement, { width: cy.width(), height: cy.height() });
    const asked = this.askedLevel !== null;
    const level = asked ? this.askedLevel : this.firstSight.level;
    const boxes = level && !asked ? [...this.firstSight.boxes.keys()] : [];
    for (const id of boxes) this.parkedNodes.set(id, this.firstSight.boxes.get(id));
    this.folding.decide(model, level, boxes);
  }

  _plan() {
    if (!this.planned) this.placement.plan(this.model);
    this.planned = false;
  }

  // Everything, from a snapshot: on an empty map in one cy.add (adding elements one by one
  // costs Cytoscape most of a first render), otherwise synced element by element.
  all() {
    const { cy, model } = this;
    if (!this.folding.decided) this._firstSight();
    this._rehome();
    if (cy.elements().empty() && !this.folding.groups.size) {
      this.swarmIds.clear();
      this._firstRender();
      return;
    }
    cy.batch(() => {
      const keep = new Set();
      if (cy.nodes().empty()) this._plan();
      this.planned = false;
      for (const id of model.engines.keys()) {
        this.engine(id);
        keep.add(nodeId.engine(id));
        keep.add(nodeId.host(id));
      }
      // Folded projects' boxes: nothing drawn inside them makes them.
      for (const boxId of this.folding.groups) if (boxId.startsWith("P:")) this._project(boxId.slice(2));
      const nets = drawOrder(model.networks.values());
      for (const n of nets) {
        this.network(n.id);
        keep.add(nodeId.network(n.id));
      }
      for (const id of model.containers.keys()) {
        this.container(id);
        keep.add(nodeId.container(id));
      }
      cy.nodes()
        .filter((n) => !keep.has(n.id()) && !n.hasClass("project") && !n.hasClass("swarm"))
        .remove();
      this._dropEmptyProjects();
      this.swarm();
    });
  }

  _firstRender() {
    const { cy, model, placement } = this;
    this._plan();
    const nodes = [];
    const edges = [];
    const projects = new Set();
    const node = ({ data, classes }, position) => nodes.push({ group: "nodes", data, classes, position });
    for (const e of model.engines.values()) {
      node(engineElement(e, model.nodes.get(e.node_id)));
      node(hostElement(e), placement.hostPosition(e.id));
    }
    const project = (rec) => {
      const key = projectKey(rec);
      if (key && !projects.has(key)) {
        projects.add(key);
        node(projectElement(key));
      }
    };
    for (const n of drawOrder(model.networks.values())) {
      project(n);
      node(networkElement(n, this._facts(n.id)), placement.networkPosition(n));
    }
    const drawn = new Set();
    for (const c of model.containers.values()) {
      const position = placement.containerPosition(model, c); // taken even when folded: its place is kept
      if (this._hidden(c.id)) {
        this.parked.set(c.id, position);
        continue;
      }
      project(c);
      node(containerElement(c), position);
      drawn.add(nodeId.container(c.id));
      const target = nodeId.container(c.id);
      for (const [id, w] of containerEdges(model, c)) {
        edges.push({ group: "edges", data: { id, source: w.source, target, label: w.label }, classes: w.cls });
      }
    }
    // An edge from a container (a shared network stack) needs that container drawn.
    const drawable = edges.filter((e) => !e.data.source.startsWith("c:") || drawn.has(e.data.source));
    // Parents before children, then edges: Cytoscape resolves them in this order.
    const rank = { engine: 0, host: 1, project: 1, network: 2, container: 3 };
    nodes.sort((a, b) => rank[a.data.kind] - rank[b.data.kind]);
    cy.add([...nodes, ...drawable]);
    if (model.nodes.size || model.services.size) this.swarm();
  }

  // What one patch changed (the model's applyPatch answer).
  patch(changed) {
    const { cy, model } = this;
    cy.batch(() => {
      for (const id of new Set(changed.engines)) this.engine(id);
      if (changed.nodes.length) for (const id of model.engines.keys()) this.engine(id); // their swarm line
      for (const id of new Set(changed.networks)) this.network(id);
      const containers = new Set(changed.containers);
      // A network that came back needs its containers' edges again.
      for (const nid of changed.networks) {
        if (!model.networks.has(nid)) continue;
        for (const c of model.containers.values()) if (c.networks.includes(nid)) containers.add(c.id);
      }
      const recount = new Set();
      for (const id of containers) {
        const before = this.homes.get(id);
        this._rehomeOne(id);
        for (const nid of [before, this.homes.get(id)]) if (nid && this.folding.isFolded(nid)) recount.add(nid);
        this.container(id);
      }
      for (const nid of recount) if (!changed.networks.includes(nid)) this.network(nid);
      if (this.folding.groups.size && (containers.size || changed.networks.length)) this._recountBoxes();
      this._dropEmptyProjects();
      const swarm = changed.nodes.length || changed.services.length || changed.tasks.length;
      if (swarm || changed.engines.length || changed.networks.length || changed.containers.length) this.swarm();
    });
  }

  // The swarm's own elements (swarm-elements.js), synced whole: they are few beside the
  // containers, and a task or node change touches several of them at once.
  swarm() {
    const { cy, model, placement } = this;
    if (!model.nodes.size && !model.services.size && !this.swarmIds.size) return;
    const wanted = swarmElements(model);
    const gone = [...this.swarmIds].filter((id) => !wanted.has(id)).map((id) => cy.getElementById(id));
    cy.remove(cy.collection(gone));
    this.swarmIds = new Set(wanted.keys());
    const nodes = [];
    const edges = [];
    for (const [id, w] of wanted) {
      const classes = `${w.classes} swarm`;
      const el = cy.getElementById(id);
      if (el.nonempty()) {
        el.data(w.data);
        el.classes(classes);
        continue;
      }
      if (w.edge) {
        edges.push({ group: "edges", data: w.data, classes });
        continue;
      }
      const position = w.at?.task
        ? placement.taskPosition(w.at.task)
        : w.at?.service
          ? placement.servicePosition(w.at.service)
          : undefined;
      nodes.push({ group: "nodes", data: w.data, classes, position });
    }
    nodes.sort((a, b) => (a.data.parent ? 1 : 0) - (b.data.parent ? 1 : 0)); // boxes first
    cy.add(nodes);
    cy.add(
      edges.filter((e) => cy.getElementById(e.data.source).nonempty() && cy.getElementById(e.data.target).nonempty()),
    );
  }

  // Fold networks: their members' nodes go in one removal, each place kept for later.
  // "Tidy": the whole map laid out again on request, as a first drawing would place it; the
  // drawn nodes move there in one animation, and folded-away ones get their new places.
  // Returns the running layout (its "layoutstop" says when it is done).
  tidy(duration = 400) {
    const { cy, model, placement } = this;
    placement.plan(model);
    const target = new Map();
    for (const id of model.engines.keys()) target.set(nodeId.host(id), placement.hostPosition(id));
    for (const n of model.networks.values()) target.set(nodeId.network(n.id), placement.networkPosition(n));
    for (const c of model.containers.values()) {
      const at = placement.containerPosition(model, c);
      target.set(nodeId.container(c.id), at);
      if (this.parked.has(c.id)) this.parked.set(c.id, at);
    }
    for (const id of this.parkedNodes.keys()) if (target.has(id)) this.parkedNodes.set(id, target.get(id));
    const moving = cy.nodes().filter((n) => !n.isParent() && target.has(n.id()));
    const layout = moving.layout({
      name: "preset",
      positions: (n) => target.get(n.id()),
      animate: duration > 0,
      animationDuration: duration,
      fit: true,
      padding: 30,
    });
    layout.run();
    return layout;
  }

  fold(...networkIds) {
    const { cy } = this;
    const ids = networkIds.filter((id) => this.model.networks.has(id) && !this.folding.isFolded(id));
    if (!ids.length) return;
    const gone = [];
    for (const nid of ids) {
      this.folding.fold(nid);
      for (const cid of this.members.get(nid) || []) {
        const node = cy.getElementById(nodeId.container(cid));
        if (node.nonempty()) {
          this.parked.set(cid, { ...node.position() });
          gone.push(node);
        }
      }
    }
    cy.batch(() => {
      cy.remove(cy.collection(gone));
      for (const nid of ids) this.network(nid);
      this._dropEmptyProjects();
    });
  }

  // Unfold networks: their members come back where they were, in one cy.add.
  unfold(...networkIds) {
    const { cy, model } = this;
    const ids = networkIds.filter((id) => this.folding.isFolded(id));
    if (!ids.length) return;
    for (const nid of ids) this.folding.unfold(nid);
    const nodes = [];
    const edges = [];
    const added = new Set();
    cy.batch(() => {
      for (const nid of ids) {
        this.network(nid);
        for (const cid of this.members.get(nid) || []) {
          const c = model.containers.get(cid);
          if (!c || cy.getElementById(nodeId.container(cid)).nonempty() || this._inFoldedBox(c)) continue;
          this._ensureParent(c);
          const position = this.parked.get(cid) || this.placement.containerPosition(model, c);
          this.parked.delete(cid);
          const { data, classes } = containerElement(c);
          nodes.push({ group: "nodes", data, classes, position });
          added.add(data.id);
          for (const [id, w] of containerEdges(model, c)) {
            edges.push({
              group: "edges",
              data: { id, source: w.source, target: data.id, label: w.label },
              classes: w.cls,
            });
          }
        }
      }
      const drawable = edges.filter((e) => added.has(e.data.source) || cy.getElementById(e.data.source).nonempty());
      cy.add([...nodes, ...drawable]);
    });
  }

  // Fold an engine's or a Compose project's box (by its node id) into one node that counts
  // what is inside it; every place inside is kept for the unfold.
  foldBox(boxId) {
    const { cy } = this;
    const box = cy.getElementById(boxId);
    if (box.empty() || this.folding.isGroupFolded(boxId)) return;
    this.folding.foldGroup(boxId);
    this.parkedNodes.set(boxId, { ...box.position() });
    cy.batch(() => {
      const inside = box.descendants();
      for (const n of inside) {
        if (n.data("kind") === "container") this.parked.set(n.data("ref"), { ...n.position() });
        else if (!n.isParent()) this.parkedNodes.set(n.id(), { ...n.position() }); // a box's place follows its children
      }
      inside.remove();
      this._box(boxId);
    });
  }

  // Unfold a box: what is inside comes back where it was, with its edges (also those from
  // outside, to its networks).
  unfoldBox(boxId) {
    if (!this.folding.isGroupFolded(boxId)) return;
    this.folding.unfoldGroup(boxId);
    const { model } = this;
    const ref = boxId.slice(2);
    this.cy.batch(() => {
      this._box(boxId);
      // An engine's folded projects: their boxes, folded, inside it.
      for (const g of this.folding.groups) if (g.startsWith(`P:${ref}|`)) this._project(g.slice(2));
      const nets = drawOrder([...model.networks.values()].filter((n) => inBox(n, ref)));
      for (const n of nets) this.network(n.id);
      const again = new Set();
      for (const c of model.containers.values()) if (inBox(c, ref)) again.add(c.id);
      for (const n of nets) for (const e of model.endpointsOfNetwork(n.id)) again.add(e.container);
      for (const id of again) this.container(id);
      this._dropEmptyProjects();
    });
  }

  // The node drawn for a network or container: itself, or what stands for it folded (its
  // network, or the innermost folded box holding it).
  standIn(kind, id) {
    const rec = kind === "network" ? this.model.networks.get(id) : this.model.containers.get(id);
    const own = kind === "network" ? nodeId.network(id) : nodeId.container(id);
    if (!rec) return own;
    const box = this._boxesOf(rec).filter((b) => this.folding.isGroupFolded(b));
    if (box.length) return box.find((b) => this.cy.getElementById(b).nonempty()) || box[0];
    const home = kind === "container" ? this.homes.get(id) : null;
    return home && this.folding.isFolded(home) ? nodeId.network(home) : own;
  }

  // Mark what warnings are about: what is folded away marks what stands for it. Only the
  // nodes marked last time are looked at again, not the whole map.
  markWarnings(warnings) {
    const ids = new Set();
    for (const w of warnings) {
      for (const o of w.objects)
        if (o.kind === "network" || o.kind === "container") ids.add(this.standIn(o.kind, o.id));
    }
    this.cy.batch(() => {
      for (const id of this.warned) if (!ids.has(id)) this.cy.getElementById(id).removeClass("warned");
      for (const id of ids) this.cy.getElementById(id).addClass("warned");
    });
    this.warned = ids;
  }

  // Make a container's node exist (unfolding its boxes and its network): for a search hit
  // or a target.
  reveal(containerId) {
    const c = this.model.containers.get(containerId);
    if (c) this._unfoldBoxesOf(c);
    const home = this.homes.get(containerId);
    if (home && this.folding.isFolded(home)) this.unfold(home);
    return this.cy.getElementById(nodeId.container(containerId));
  }

  // The same for a network's node, or a project's box.
  revealNetwork(networkId) {
    const n = this.model.networks.get(networkId);
    if (n) this._unfoldBoxesOf(n);
    return this.cy.getElementById(nodeId.network(networkId));
  }

  revealProject(key) {
    this.unfoldBox(nodeId.engine(key.split("|")[0]));
    return this.cy.getElementById(nodeId.project(key));
  }

  _unfoldBoxesOf(rec) {
    for (const box of this._boxesOf(rec)) this.unfoldBox(box); // the engine's first
  }

  // The boxes holding a network or a container, outermost first.
  _boxesOf(rec) {
    return boxesOf(rec).map((box) => (box.includes("|") ? nodeId.project(box) : nodeId.engine(box)));
  }

  _inFoldedBox(rec) {
    return this._boxesOf(rec).some((id) => this.folding.isGroupFolded(id));
  }

  // A box's node, labelled for what it is now (folded or not).
  _box(boxId) {
    if (boxId.startsWith("P:")) this._project(boxId.slice(2));
    else this.engine(boxId.slice(2));
  }

  _recountBoxes() {
    for (const boxId of this.folding.groups) if (this.cy.getElementById(boxId).nonempty()) this._box(boxId);
  }

  _project(key) {
    const id = nodeId.project(key);
    const folded = this.folding.isGroupFolded(id);
    if (this.folding.isGroupFolded(nodeId.engine(key.split("|")[0]))) return;
    const placed = this.cy.getElementById(id).nonempty();
    this._node(
      projectElement(key, folded ? boxFacts(this.model, key) : null),
      folded && !placed ? this.parkedNodes.get(id) : undefined,
    );
  }

  // Takes a node off the map, keeping its place.
  _park(node) {
    if (node.empty()) return;
    this.parkedNodes.set(node.id(), { ...node.position() });
    node.remove();
  }

  // Where a node comes back: where it was parked, or where the placement puts it.
  _placeOf(id, placed) {
    const at = this.parkedNodes.get(id);
    if (!at) return placed();
    this.parkedNodes.delete(id);
    return at;
  }

  engine(id) {
    const e = this.model.engines.get(id);
    const boxId = nodeId.engine(id);
    if (!e) {
      this.cy.getElementById(boxId).remove();
      this.folding.unfoldGroup(boxId);
      return;
    }
    const folded = this.folding.isGroupFolded(boxId);
    const placed = this.cy.getElementById(boxId).nonempty();
    this._node(
      engineElement(e, this.model.nodes.get(e.node_id), folded ? boxFacts(this.model, id) : null),
      folded && !placed ? this.parkedNodes.get(boxId) : undefined,
    );
    const host = this.cy.getElementById(nodeId.host(id));
    if (folded) {
      this._park(host);
      return;
    }
    this._node(
      hostElement(e),
      host.empty() ? this._placeOf(nodeId.host(id), () => this.placement.hostPosition(id)) : undefined,
    );
  }

  network(id) {
    const n = this.model.networks.get(id);
    const node = this.cy.getElementById(nodeId.network(id));
    if (!n) {
      node.remove();
      this.placement.forgetNetwork(id);
      this.folding.unfold(id);
      this.parkedNodes.delete(nodeId.network(id));
      return;
    }
    if (this._inFoldedBox(n)) {
      this._park(node);
      return;
    }
    if (node.empty() && this.model.containers.size > 0 && this._allFolded()) this.folding.fold(id); // a new one on a folded map
    this._ensureParent(n);
    this._node(
      networkElement(n, this._facts(id)),
      node.empty() ? this._placeOf(nodeId.network(id), () => this.placement.networkPosition(n)) : undefined,
    );
  }

  container(id) {
    const { cy, model } = this;
    const c = model.containers.get(id);
    const node = cy.getElementById(nodeId.container(id));
    if (!c) {
      node.remove();
      this._forget(id);
      return;
    }
    if (!this.homes.has(id)) this._rehomeOne(id);
    if (this._hidden(id)) {
      if (node.nonempty()) {
        this.parked.set(id, { ...node.position() });
        node.remove();
      } else if (!this.parked.has(id)) this.parked.set(id, this.placement.containerPosition(model, c));
      return;
    }
    this._ensureParent(c);
    const target = nodeId.container(id);
    let position;
    if (node.empty()) {
      position = this.parked.get(id) || this.placement.containerPosition(model, c);
      this.parked.delete(id);
    }
    const self = this._node(containerElement(c), position);
    const wanted = containerEdges(model, c);
    self
      .connectedEdges()
      .filter((edge) => edge.target().id() === target && !wanted.has(edge.id()))
      .remove();
    for (const [eid, w] of wanted) {
      const edge = cy.getElementById(eid);
      if (edge.nonempty()) {
        edge.data("label", w.label);
        edge.classes(w.cls);
      } else if (cy.getElementById(w.source).nonempty())
        cy.add({ group: "edges", data: { id: eid, source: w.source, target, label: w.label }, classes: w.cls });
    }
  }

  _hidden(containerId) {
    const home = this.homes.get(containerId);
    if (home && this.folding.isFolded(home)) return true;
    const c = this.model.containers.get(containerId);
    return Boolean(c) && this._inFoldedBox(c);
  }

  _facts(networkId) {
    return this.folding.isFolded(networkId) ? foldedFacts(this.model, networkId, this.members.get(networkId)) : null;
  }

  _allFolded() {
    for (const id of this.model.networks.keys()) {
      if (!this.folding.isFolded(id) && this.cy.getElementById(nodeId.network(id)).nonempty()) return false;
    }
    return this.folding.folded.size > 0;
  }

  _rehome() {
    this.homes.clear();
    this.members.clear();
    for (const id of this.model.containers.keys()) this._rehomeOne(id);
  }

  _rehomeOne(id) {
    this._forget(id, false);
    const c = this.model.containers.get(id);
    const home = c && !c.host_network ? homeNetwork(this.model, c) : null;
    if (!home) return;
    this.homes.set(id, home);
    if (!this.members.has(home)) this.members.set(home, new Set());
    this.members.get(home).add(id);
  }

  _forget(id, parked = true) {
    const home = this.homes.get(id);
    if (home) {
      this.members.get(home)?.delete(id);
      this.homes.delete(id);
    }
    if (parked) this.parked.delete(id);
  }

  _ensureParent(rec) {
    if (this.cy.getElementById(nodeId.engine(rec.engine)).empty()) this.engine(rec.engine);
    const key = projectKey(rec);
    if (key && this.cy.getElementById(nodeId.project(key)).empty()) this._project(key);
  }

  // A project's box goes with its last member; a folded one, with the last in the model.
  _dropEmptyProjects() {
    const held = (f) => f.containers + f.networks > 0;
    const gone = (p) => !this.folding.isGroupFolded(p.id()) || !held(boxFacts(this.model, p.data("ref")));
    const empty = this.cy.nodes(".project").filter((p) => p.children().empty() && gone(p));
    for (const p of empty) this.folding.unfoldGroup(p.id());
    empty.remove();
  }

  _node({ data, classes }, position) {
    const node = this.cy.getElementById(data.id);
    if (node.nonempty()) {
      // A network reported by a second engine leaves its engine's box (parent is not data).
      if ((node.data("parent") || null) !== (data.parent || null)) node.move({ parent: data.parent || null });
      node.data(data);
      // A change keeps the warning's mark: the next answer, not this, says if it still holds.
      node.classes(this.warned.has(data.id) ? `${classes} warned` : classes);
      return node;
    }
    return this.cy.add({ group: "nodes", data, classes, position });
  }
}
