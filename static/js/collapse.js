// Folding: a network drawn as one node that stands for the containers drawn beside it (its
// "members": those whose home network it is), with their count, their states, what the
// outside reaches of them, and the addresses in use. A big map opens folded (as much as
// overview.js finds it must be for every label drawn to be read), so that it says something
// at first sight and paints fast; a network unfolds on a click, or when a search or a
// comparison needs one of its containers. An engine's box, or a Compose project's, folds
// the same way into one node for everything inside it. Pure: no DOM, no Cytoscape.

export class Folding {
  constructor() {
    this.folded = new Set();
    this.groups = new Set(); // ids of the folded boxes: engines' and projects' (elements.js)
    this.decided = false; // the first snapshot decides; the user's choices stand after that
  }

  // On the first snapshot: fold as the first sight's `level` says (overview.js LEVELS:
  // 1 every network, 2 and every project's box, 3 and every engine's), the boxes being the
  // node ids in `boxes`.
  decide(model, level = 0, boxes = []) {
    if (this.decided) return;
    this.decided = true;
    if (level >= 1) for (const id of model.networks.keys()) this.folded.add(id);
    for (const id of boxes) this.groups.add(id);
  }

  isFolded(networkId) {
    return this.folded.has(networkId);
  }
  fold(networkId) {
    this.folded.add(networkId);
  }
  unfold(networkId) {
    this.folded.delete(networkId);
  }
  isGroupFolded(boxId) {
    return this.groups.has(boxId);
  }
  foldGroup(boxId) {
    this.groups.add(boxId);
  }
  unfoldGroup(boxId) {
    this.groups.delete(boxId);
  }
}

// What the outside can reach of a container: a published port, or the host's own stack.
export function exposed(c) {
  return c.host_network || c.ports.some((p) => p.host_port);
}

// "3 running, 1 stopped", or "all running".
function stateWords(f) {
  return f.stopped ? `${f.running} running, ${f.stopped} stopped` : "all running";
}

const plural = (k, word) => `${k.toLocaleString("en")} ${word}${k === 1 ? "" : "s"}`;

// The boxes a network or container record sits in, outermost first: its engine's (the
// engine's id) and, in a Compose project, the project's (engine|project, as projectKey
// has it); a network across engines sits in none.
export function boxesOf(rec) {
  if (rec.spanning) return [];
  return rec.project ? [rec.engine, `${rec.engine}|${rec.project}`] : [rec.engine];
}

export function inBox(rec, box) {
  return boxesOf(rec).includes(box);
}

// What a folded box says of everything inside it.
export function boxFacts(model, box) {
  const facts = { networks: 0, containers: 0, running: 0, stopped: 0, exposed: 0 };
  for (const n of model.networks.values()) if (inBox(n, box)) facts.networks += 1;
  for (const c of model.containers.values()) {
    if (!inBox(c, box)) continue;
    facts.containers += 1;
    if (c.live) facts.running += 1;
    else facts.stopped += 1;
    if (exposed(c)) facts.exposed += 1;
  }
  return facts;
}

export function boxLines(f) {
  const states = stateWords(f);
  const lines = [
    `${plural(f.networks, "network")} · ${plural(f.containers, "container")}${f.containers ? ` (${states})` : ""}`,
  ];
  if (f.exposed) lines.push(`${f.exposed.toLocaleString("en")} exposed`);
  lines.push("folded: click to unfold");
  return lines;
}

// What a folded network's node says of its members.
export function foldedFacts(model, networkId, members) {
  const facts = { containers: 0, running: 0, stopped: 0, exposed: 0, addresses: 0, usable: 0 };
  for (const id of members || []) {
    const c = model.containers.get(id);
    if (!c) continue;
    facts.containers += 1;
    if (c.live) facts.running += 1;
    else facts.stopped += 1;
    if (exposed(c)) facts.exposed += 1;
  }
  facts.addresses = model.endpointsOfNetwork(networkId).filter((e) => e.ipv4).length;
  const n = model.networks.get(networkId);
  facts.usable = n ? n.usable_ipv4 || 0 : 0;
  return facts;
}

export function foldedLines(f) {
  const states = stateWords(f);
  const lines = [`${plural(f.containers, "container")}${f.containers ? ` (${states})` : ""}`];
  const use = f.usable
    ? `${f.addresses.toLocaleString("en")} of ${f.usable.toLocaleString("en")} addresses in use`
    : `${plural(f.addresses, "address")} in use`;
  lines.push(use);
  // On a line of its own: with it, the line was wider than the folded box (wrapped, and
  // measured again word by word, on every folded network of a big map's first paint).
  if (f.exposed) lines.push(`${f.exposed.toLocaleString("en")} exposed`);
  return lines;
}
