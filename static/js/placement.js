// Where nodes go: a grid of networks per engine, containers on a sunflower spiral around
// their first network. Computed, not laid out, so the first render needs no force layout,
// and a position once given is never changed: patches never move old nodes.
// Pure: no DOM, no Cytoscape.

const GOLDEN_ANGLE = 2.399963;

export class Placement {
  constructor() {
    this.spacing = 420;
    this.cols = 1;
    this.slots = new Map(); // network id -> position
    this.rings = new Map(); // network id -> containers placed around it so far
    this.engineOrigin = new Map(); // engine id -> { x, y, next, orphans }
    this.shared = 0; // networks across engines placed so far
    this.services = 0;
  }

  // Size the grid for what the model holds now (before a first render).
  plan(model) {
    const perNetwork = new Map();
    for (const c of model.containers.values()) {
      const home = homeNetwork(model, c);
      if (home) perNetwork.set(home, (perNetwork.get(home) || 0) + 1);
    }
    const most = Math.max(1, ...perNetwork.values());
    this.spacing = 2 * ringRadius(most) + 160;
    const byEngine = new Map();
    for (const n of model.networks.values()) if (!n.spanning) byEngine.set(n.engine, (byEngine.get(n.engine) || 0) + 1);
    this.cols = Math.max(1, Math.ceil(Math.sqrt(Math.max(...byEngine.values(), 1))));
    this.engineOrigin.clear();
    let x = 0;
    for (const engine of model.engines.keys()) {
      this.engineOrigin.set(engine, { x, y: 0, next: 0, orphans: 0 });
      x += (Math.min(byEngine.get(engine) || 0, this.cols) + 1) * this.spacing;
    }
    this.slots.clear();
    this.rings.clear();
    this.shared = 0;
    this.services = 0;
  }

  // A network on several engines: in a row above them all. Else the next cell of its
  // engine's grid.
  networkPosition(n) {
    if (this.slots.has(n.id)) return this.slots.get(n.id);
    const pos = n.spanning ? { x: this.shared++ * this.spacing, y: -1.5 * this.spacing } : this._cell(n.engine);
    this.slots.set(n.id, pos);
    return pos;
  }

  // Where an engine's containers on a network across engines gather: a cell of its grid.
  anchorPosition(networkId, engine) {
    const key = `${networkId}@${engine}`;
    if (!this.slots.has(key)) this.slots.set(key, this._cell(engine));
    return this.slots.get(key);
  }

  // A swarm's service: in a row above the networks across engines.
  servicePosition(id) {
    const key = `service:${id}`;
    if (!this.slots.has(key)) this.slots.set(key, { x: this.services++ * this.spacing, y: -2.5 * this.spacing });
    return this.slots.get(key);
  }

  // A task on a node seen through a manager: on a spiral in that node's own column.
  taskPosition(node) {
    const o = this._origin(`node:${node}`);
    return this._onSpiral(`node:${node}`, { x: o.x, y: o.y });
  }

  _cell(engine) {
    const origin = this._origin(engine);
    const i = origin.next++;
    return { x: origin.x + (i % this.cols) * this.spacing, y: origin.y + Math.floor(i / this.cols) * this.spacing };
  }

  // A new container: on the next turn of its first network's spiral, or in a row below
  // its engine's grid when it is on no network the model knows.
  // A container in host network mode sits on its host's spiral instead.
  containerPosition(model, c) {
    if (c.host_network) return this._onSpiral(`host:${c.engine}`, this.hostPosition(c.engine));
    const home = homeNetwork(model, c);
    if (home && model.networks.get(home).spanning) return this._onSpiral(`${home}@${c.engine}`, this.anchorPosition(home, c.engine));
    if (home) return this._onSpiral(home, this.networkPosition(model.networks.get(home)));
    const origin = this._origin(c.engine);
    const k = origin.orphans++;
    const rows = Math.ceil(Math.max(origin.next, 1) / this.cols);
    return { x: origin.x + (k % 20) * 60, y: origin.y + rows * this.spacing + Math.floor(k / 20) * 60 };
  }

  // The engine's host node: above its grid of networks.
  hostPosition(engine) {
    const origin = this._origin(engine);
    return { x: origin.x, y: origin.y - this.spacing / 2 };
  }

  forgetNetwork(id) { this.slots.delete(id); }

  _onSpiral(key, centre) {
    const j = (this.rings.get(key) || 0) + 1;
    this.rings.set(key, j);
    const r = ringRadius(j);
    return { x: centre.x + r * Math.cos(j * GOLDEN_ANGLE), y: centre.y + r * Math.sin(j * GOLDEN_ANGLE) };
  }

  _origin(engine) {
    if (!this.engineOrigin.has(engine)) {
      const maxX = Math.max(0, ...[...this.engineOrigin.values()].map((o) => o.x));
      this.engineOrigin.set(engine, { x: maxX + (this.cols + 1) * this.spacing, y: 0, next: 0, orphans: 0 });
    }
    return this.engineOrigin.get(engine);
  }
}

// Networks in the order the map draws them: by name, then id (code point order, as the
// server's dashboard/topology/placement.py sorts).
export function drawOrder(networks) {
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  return [...networks].sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id));
}

// The network a container is drawn beside: the first of its networks the model knows, one
// of its own Compose project's first (so the project's box stays around its own network),
// and one on its engine alone before one across engines.
export function homeNetwork(model, c) {
  const known = c.networks.filter((id) => model.networks.has(id));
  const own = c.project ? known.find((id) => model.networks.get(id).project === c.project) : undefined;
  return own || known.find((id) => !model.networks.get(id).spanning) || known[0] || null;
}

function ringRadius(j) { return 70 + 22 * Math.sqrt(j); }
