// Where nodes go, on a lattice of slots: each engine's networks in rows (as many rows as
// make the engine about as wide as a wide window, never a square grid), each network's
// containers in the slots beside it, a container on two networks of a row half-way between
// them, one with a published port above the row (between the host and its network), the
// others below. Networks are ordered so that those sharing containers sit side by side, a
// Compose project's together. Computed, not laid out, so the first render needs no force
// layout, and a position once given is never changed: patches never move old nodes; a new
// node takes the nearest free slot beside what it joins.
// Pure: no DOM, no Cytoscape. dashboard/topology/placement.py mirrors it for the exports.

const GOLDEN_ANGLE = 2.399963;
export const SLOT_X = 110; // a container's slot: its name fits across it (style.js)
export const SLOT_Y = 50;
const NET_SLOTS = 2; // a network's column, in slots: one for it, one between it and the next
const ASPECT = 2.5; // the shape an engine's rows aim for (width / height): a wide window's canvas
const ENGINE_GAP = 1; // slots between engines
const ROW_GAP = 3; // slots between a swarm's rows: the engines, networks across them, services
const ROW_STEP = 2; // slots between two nodes of such a row

// The i-th place of a row that grows from its middle: 0, 1, -1, 2, -2, ...
export const across = (i) => (i % 2 ? (i + 1) / 2 : -i / 2);

export class Placement {
  constructor() {
    this.slots = new Map(); // network id, or `network@engine` -> position
    this.rings = new Map(); // spiral key -> nodes placed on it so far
    this.engines = new Map(); // engine id -> Lattice
    this.planned = new Map(); // container id -> position worked out by plan()
    this.shared = 0; // networks across engines placed so far
    this.services = 0;
    this.right = 0; // right edge of the engines placed so far, in slots
  }

  // Lay out what the model holds now (before a first render): every network and container
  // gets its slot here, in the order the map draws them.
  plan(model) {
    this.slots.clear();
    this.rings.clear();
    this.engines.clear();
    this.planned.clear();
    this.shared = 0;
    this.services = 0;
    this.right = 0;
    const columns = networkColumns(model);
    const containers = [...model.containers.values()];
    for (const engine of model.engines.keys()) {
      const cols = columns.get(engine) || [];
      const mine = containers.filter((c) => c.engine === engine);
      this._engine(engine, cols, mine.length, mine.filter(isPublished).length);
      const lattice = this.engines.get(engine);
      // Slots first: they give each row's depth above and below, then the rows are stacked.
      for (const c of mine) this._slotOf(model, c, lattice);
      lattice.stack();
    }
    for (const n of drawOrder(model.networks.values())) this.networkPosition(n);
    for (const c of containers) this.planned.set(c.id, this._place(model, c));
  }

  _engine(engine, cols, containers, published) {
    if (this.engines.has(engine)) return this.engines.get(engine);
    const lattice = new Lattice(this.right, cols, containers, published);
    this.engines.set(engine, lattice);
    this.right = lattice.x0 + lattice.width() + ENGINE_GAP;
    return lattice;
  }

  _lattice(engine) {
    return this.engines.get(engine) || this._engine(engine, [], 0, 0);
  }

  // A network on several engines: in a row just above them all, from the middle out. Else
  // its column's head.
  networkPosition(n) {
    if (this.slots.has(n.id)) return this.slots.get(n.id);
    const pos = n.spanning
      ? { x: this._middle() + across(this.shared++) * ROW_STEP * SLOT_X, y: this._top() - ROW_GAP * SLOT_Y }
      : this._lattice(n.engine).networkAt(n.id);
    this.slots.set(n.id, pos);
    return pos;
  }

  // Where an engine's containers on a network across engines gather: a column of its own.
  anchorPosition(networkId, engine) {
    return this._lattice(engine).networkAt(`${networkId}@${engine}`);
  }

  // A swarm's service: in a row above the networks across engines.
  servicePosition(id) {
    const key = `service:${id}`;
    if (!this.slots.has(key)) {
      const x = this._middle() + across(this.services++) * ROW_STEP * SLOT_X;
      this.slots.set(key, { x, y: this._top() - 2 * ROW_GAP * SLOT_Y });
    }
    return this.slots.get(key);
  }

  // A task on a node seen through a manager: on a spiral in that node's own column.
  taskPosition(node) {
    const l = this._lattice(`node:${node}`);
    return this._onSpiral(`node:${node}`, { x: l.x0 * SLOT_X, y: 0 });
  }

  // A container: its planned slot, or (new on a patch) the nearest free one beside its
  // networks. In host network mode, beside its host.
  containerPosition(model, c) {
    if (this.planned.has(c.id)) return this.planned.get(c.id);
    const pos = this._place(model, c);
    this.planned.set(c.id, pos);
    return pos;
  }

  _place(model, c) {
    const lattice = this._lattice(c.engine);
    if (c.host_network) return lattice.beside();
    return lattice.at(this._slotOf(model, c, lattice));
  }

  // The container's slot on its engine's lattice (taken once, kept).
  _slotOf(model, c, lattice) {
    if (c.host_network) return null;
    const home = homeNetwork(model, c);
    const keyOf = (id) => (model.networks.get(id).spanning ? `${id}@${c.engine}` : id);
    const colOf = (id) => lattice.known(keyOf(id)); // another network's column, if it has one here
    if (!home) return lattice.take(c.id, null, [], false);
    const homeCol = lattice.columnOf(keyOf(home));
    const near = c.networks
      .filter((id) => model.networks.has(id))
      .map(colOf)
      .filter((col) => col !== null);
    return lattice.take(c.id, homeCol, near, isPublished(c));
  }

  // The engine's host node: above its rows.
  hostPosition(engine) {
    return this._lattice(engine).hostAt();
  }

  forgetNetwork(id) {
    this.slots.delete(id);
  }

  // Half-way across the engines placed so far: a swarm's rows are centred on it.
  _middle() {
    const xs = [...this.engines.values()].map((l) => l.hostAt().x);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
  }

  _top() {
    return Math.min(0, ...[...this.engines.values()].map((l) => l.hostAt().y));
  }

  _onSpiral(key, centre) {
    const j = (this.rings.get(key) || 0) + 1;
    this.rings.set(key, j);
    const r = 70 + 22 * Math.sqrt(j);
    return { x: centre.x + r * Math.cos(j * GOLDEN_ANGLE), y: centre.y + r * Math.sin(j * GOLDEN_ANGLE) };
  }
}

// One engine's slots. A column is a network (or an anchor of one across engines); columns
// wrap into rows of `perRow`. A container's slot is (row, x, level): level 0 is the
// networks' own line, negative levels above it, positive below.
class Lattice {
  constructor(x0, columns, containers, published) {
    this.x0 = x0; // left edge, in slots
    this.cols = new Map(); // column key -> index
    for (const key of columns) this.cols.set(key, this.cols.size);
    const n = Math.max(1, columns.length);
    // Levels a column's containers need, 3 slots each: the published above, the rest below.
    const depth = (k) => Math.ceil(k / n / 3);
    const rowHeight = (Math.max(1, depth(containers - published)) + depth(published) + 2) * SLOT_Y;
    this.perRow = Math.max(1, Math.min(n, Math.ceil(Math.sqrt((n * ASPECT * rowHeight) / (NET_SLOTS * SLOT_X)))));
    this.used = new Map(); // slot (row, x, level as one number) -> container id
    this.taken = new Map(); // container id -> slot
    this.above = []; // per row: the deepest level above used
    this.below = []; // per row: the deepest level below used
    this.rowY = null; // per row: y of its networks' line, once stacked
    this.hosted = 0; // containers in host network mode placed so far
    this.orphans = 0;
  }

  width() {
    return Math.max(1, Math.min(this.cols.size, this.perRow)) * NET_SLOTS;
  }

  columnOf(key) {
    if (!this.cols.has(key)) this.cols.set(key, this.cols.size);
    return this.cols.get(key);
  }

  known(key) {
    return this.cols.has(key) ? this.cols.get(key) : null;
  }

  _rowOf(col) {
    return Math.floor(col / this.perRow);
  }
  _xOf(col) {
    return (col % this.perRow) * NET_SLOTS;
  }

  // Rows stacked one below the other, each as deep as the dry run found it.
  stack() {
    this.rowY = [];
    let y = 0;
    const rows = Math.max(1, Math.ceil(this.cols.size / this.perRow));
    for (let r = 0; r < rows; r += 1) {
      if (r > 0) y += ((this.above[r] || 0) + 1) * SLOT_Y;
      this.rowY.push(y);
      y += ((this.below[r] || 0) + 1) * SLOT_Y;
    }
  }

  _y(row) {
    if (!this.rowY) return 0;
    const last = this.rowY.length - 1;
    if (row <= last) return this.rowY[row];
    return this.rowY[last] + (row - last) * 4 * SLOT_Y; // a row begun after the plan
  }

  networkAt(key) {
    const col = this.columnOf(key);
    const row = this._rowOf(col);
    return { x: (this.x0 + this._xOf(col)) * SLOT_X, y: this._y(row) };
  }

  hostAt() {
    const mid = this.x0 + (this.width() - 1) / 2;
    return { x: mid * SLOT_X, y: -((this.above[0] || 0) + 1.5) * SLOT_Y };
  }

  // In host network mode: in the host's line, alternately right and left of it, the first
  // two just clear of its node.
  beside() {
    const k = this.hosted++;
    const host = this.hostAt();
    return { x: host.x + (k % 2 ? -1 : 1) * (Math.floor(k / 2) + 0.8) * SLOT_X, y: host.y };
  }

  // The free slot nearest to half-way between the container's columns on its home's row:
  // above the line when published, else in the line between two networks or below it; a
  // level further out when all three slots around are taken. No network: a line below the
  // engine's rows.
  take(id, homeCol, cols, published) {
    if (this.taken.has(id)) return this.taken.get(id);
    let slot;
    if (homeCol === null) {
      const k = this.orphans++;
      const rows = Math.max(1, Math.ceil(this.cols.size / this.perRow));
      slot = { row: rows, x: k % (this.width() * 2), level: 1 + Math.floor(k / (this.width() * 2)), orphan: true };
    } else {
      const row = this._rowOf(homeCol);
      const same = cols.filter((c) => this._rowOf(c) === row).map((c) => this._xOf(c));
      const ideal = Math.round(same.reduce((a, b) => a + b, 0) / same.length);
      const last = this.width() - 1;
      const sign = published ? -1 : 1;
      for (let level = published ? 1 : 0; !slot; level += 1) {
        for (let k = 0; k < 3; k += 1) {
          const x = ideal + (k === 2 ? 1 : -k); // ideal, then left, then right
          if (x < 0 || x > last || (level === 0 && x % NET_SLOTS === 0)) continue; // the networks' own spots
          const key = (row * 2048 + x) * 8192 + sign * level + 4096; // a small integer: a fast Map key
          if (this.used.has(key)) continue;
          this.used.set(key, id);
          slot = { row, x, level: sign * level };
          const depths = published ? this.above : this.below;
          depths[row] = Math.max(depths[row] || 0, level);
          break;
        }
      }
    }
    this.taken.set(id, slot);
    return slot;
  }

  at(slot) {
    if (slot.orphan)
      return {
        x: (this.x0 + slot.x / 2) * SLOT_X,
        y: this._y(slot.row - 1) + ((this.below[slot.row - 1] || 0) + slot.level) * SLOT_Y + SLOT_Y,
      };
    return { x: (this.x0 + slot.x) * SLOT_X, y: this._y(slot.row) + slot.level * SLOT_Y };
  }
}

const isPublished = (c) => c.ports.some((p) => p.host_port);

// Each engine's columns, in order: its networks (and anchors of networks across engines,
// `network@engine`) with containers first, a Compose project's together, each next to the
// one it shares the most containers with; empty networks last.
export function networkColumns(model) {
  const homes = new Map(); // column key -> containers whose home it is
  const keyOf = (id, engine) => (model.networks.get(id).spanning ? `${id}@${engine}` : id);
  const pairs = new Map(); // a -> b -> containers on both
  for (const c of model.containers.values()) {
    if (c.host_network) continue;
    const home = homeNetwork(model, c);
    if (!home) continue;
    const hk = keyOf(home, c.engine);
    homes.set(hk, (homes.get(hk) || 0) + 1);
    if (c.networks.length < 2) continue;
    const keys = [...new Set(c.networks.filter((id) => model.networks.has(id)).map((id) => keyOf(id, c.engine)))];
    for (const a of keys) {
      if (!pairs.has(a)) pairs.set(a, new Map());
      const row = pairs.get(a);
      for (const b of keys) if (a !== b) row.set(b, (row.get(b) || 0) + 1);
    }
  }
  const out = new Map();
  const nets = drawOrder(model.networks.values());
  for (const engine of model.engines.keys()) {
    const groups = new Map(); // project -> column keys, in draw order
    const empty = [];
    const add = (key, project) => {
      if (!homes.has(key)) {
        empty.push(key);
        return;
      }
      if (!groups.has(project)) groups.set(project, []);
      groups.get(project).push(key);
    };
    for (const n of nets) {
      if (n.spanning) {
        if (homes.has(`${n.id}@${engine}`)) add(`${n.id}@${engine}`, "");
        continue;
      }
      if (n.engine === engine) add(n.id, n.project || "");
    }
    const order = [...groups.keys()].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a < b ? -1 : a > b ? 1 : 0));
    const cols = [];
    for (const project of order) cols.push(...chain(groups.get(project), homes, pairs));
    out.set(engine, [...cols, ...empty]);
  }
  return out;
}

// A chain through `keys`, grown at both ends: the fullest first, then each time the one
// sharing the most containers with either end, on that end (ties: the fullest, then the
// first in draw order; the right end). Without one sharing any, the fullest left.
function chain(keys, homes, pairs) {
  const rank = new Map(keys.map((k, i) => [k, i]));
  const fullest = [...keys].sort((a, b) => (homes.get(b) || 0) - (homes.get(a) || 0) || rank.get(a) - rank.get(b));
  const left = new Set(keys);
  const out = [];
  let next = 0;
  const better = (k, n, best, bestN) =>
    n > bestN ||
    (n === bestN &&
      ((homes.get(k) || 0) > (homes.get(best) || 0) ||
        ((homes.get(k) || 0) === (homes.get(best) || 0) && rank.get(k) < rank.get(best))));
  while (left.size) {
    let best = null;
    let bestN = 0;
    let atStart = false;
    for (const [end, start] of out.length
      ? [
          [out[out.length - 1], false],
          [out[0], true],
        ]
      : []) {
      for (const [k, n] of pairs.get(end) || []) {
        if (!left.has(k) || !(n > 0)) continue;
        if (best === null || better(k, n, best, bestN)) {
          best = k;
          bestN = n;
          atStart = start;
        }
      }
    }
    if (best === null) {
      while (!left.has(fullest[next])) next += 1;
      best = fullest[next];
    }
    left.delete(best);
    if (atStart) out.unshift(best);
    else out.push(best);
  }
  return out;
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
