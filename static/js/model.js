// The browser's copy of the topology: a snapshot, then patches applied in version order.
// Pure data, no DOM: map.js renders what this holds.

export const epKey = (network, container) => `${network}|${container}`;

// What managers tell of their swarms, each a Map by id.
export const SWARM_KINDS = ["nodes", "services", "tasks"];

export class TopologyModel {
  constructor() {
    this.version = -1;
    this.engines = new Map();
    this.networks = new Map();
    this.containers = new Map();
    this.endpoints = new Map();
    for (const kind of SWARM_KINDS) this[kind] = new Map();
    this.byContainer = new Map(); // container id -> Set of endpoint keys
    this.byNetwork = new Map(); // network id -> Set of endpoint keys
  }

  _index(e) {
    const key = epKey(e.network, e.container);
    if (!this.byContainer.has(e.container)) this.byContainer.set(e.container, new Set());
    this.byContainer.get(e.container).add(key);
    if (!this.byNetwork.has(e.network)) this.byNetwork.set(e.network, new Set());
    this.byNetwork.get(e.network).add(key);
  }

  _unindex(n, c) {
    const key = epKey(n, c);
    for (const [index, id] of [
      [this.byContainer, c],
      [this.byNetwork, n],
    ]) {
      const keys = index.get(id);
      if (keys) {
        keys.delete(key);
        if (!keys.size) index.delete(id);
      }
    }
  }

  loadSnapshot(msg) {
    const t = msg.topology;
    this.version = msg.version;
    this.engines = new Map(t.engines.map((e) => [e.id, e]));
    this.networks = new Map(t.networks.map((n) => [n.id, n]));
    this.containers = new Map(t.containers.map((c) => [c.id, c]));
    this.endpoints = new Map(t.endpoints.map((e) => [epKey(e.network, e.container), e]));
    for (const kind of SWARM_KINDS) this[kind] = new Map((t[kind] || []).map((o) => [o.id, o]));
    this.byContainer = new Map();
    this.byNetwork = new Map();
    for (const e of t.endpoints) this._index(e);
  }

  // Returns what changed, or null when the patch does not follow our version (a gap).
  applyPatch(msg) {
    const none = () => ({
      networks: [],
      containers: [],
      endpoints: [],
      engines: [],
      nodes: [],
      services: [],
      tasks: [],
    });
    if (msg.version <= this.version) return none();
    if (msg.base !== this.version) return null;
    const changed = none();
    for (const kind of SWARM_KINDS) {
      for (const id of msg.remove[kind] || []) {
        this[kind].delete(id);
        changed[kind].push(id);
      }
      for (const o of msg.upsert[kind] || []) {
        this[kind].set(o.id, o);
        changed[kind].push(o.id);
      }
    }
    for (const id of msg.remove.networks) {
      this.networks.delete(id);
      changed.networks.push(id);
    }
    for (const id of msg.remove.containers) {
      this.containers.delete(id);
      changed.containers.push(id);
    }
    for (const [n, c] of msg.remove.endpoints) {
      this.endpoints.delete(epKey(n, c));
      this._unindex(n, c);
      changed.endpoints.push(epKey(n, c));
      changed.containers.push(c);
    }
    for (const n of msg.upsert.networks) {
      this.networks.set(n.id, n);
      changed.networks.push(n.id);
    }
    for (const c of msg.upsert.containers) {
      this.containers.set(c.id, c);
      changed.containers.push(c.id);
    }
    for (const e of msg.upsert.endpoints) {
      this.endpoints.set(epKey(e.network, e.container), e);
      this._index(e);
      changed.endpoints.push(epKey(e.network, e.container));
      changed.containers.push(e.container);
    }
    for (const e of msg.engines) {
      this.engines.set(e.id, e);
      changed.engines.push(e.id);
    }
    this.version = msg.version;
    return changed;
  }

  endpointsOfContainer(id) {
    return [...(this.byContainer.get(id) || [])].map((k) => this.endpoints.get(k)).filter(Boolean);
  }

  endpointsOfNetwork(id) {
    return [...(this.byNetwork.get(id) || [])].map((k) => this.endpoints.get(k)).filter(Boolean);
  }
}
