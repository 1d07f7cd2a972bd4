// "What if I connect it?" / "…disconnect it?" on the map: the preview the change forms
// show (GET /api/reach?change=…, computed on the server with the reach view's rules), as
// the map elements to light and a few lines for the side panel. Nothing here changes
// Docker: the change itself stays on the forms, behind their confirm step.
//
// Hooks (for the map's owner): `whatIfChoices(model, containerId)` lists the networks a
// container could join or leave; `askWhatIf(urls.reach, kind, networkId, containerId)`
// fetches the answer; `applyWhatIf(cy, answer, standIn)` lights it (classes `whatif-gained`,
// `whatif-lost`, `whatif-moved`, the rest `faded`); `clearWhatIf(cy)` undoes it;
// `whatIfPanel(answer)` is the panel's content.

import { el } from "./dom.js";
import { nodeId } from "./elements.js";

const CHANGED = ["whatif-gained", "whatif-lost", "whatif-moved"];

// The networks a container could be connected to (on its engine, connectable, not on them
// yet) and those it could be disconnected from; none for a container in another's stack
// or in the host's, which Docker never connects later.
export function whatIfChoices(model, containerId) {
  const c = model.containers.get(containerId);
  if (!c || c.host_network || c.network_mode === "none" || c.network_mode.startsWith("container:")) {
    return { connect: [], disconnect: [] };
  }
  const on = new Set(c.networks);
  for (const e of model.endpointsOfContainer(containerId)) on.add(e.network);
  const byName = (a, b) => a.name.localeCompare(b.name);
  const all = [...model.networks.values()];
  const here = (n) => (n.hosts || [n.engine]).includes(c.engine);
  return {
    connect: all.filter((n) => !on.has(n.id) && here(n) && !["host", "null"].includes(n.driver)).sort(byName),
    disconnect: all.filter((n) => on.has(n.id)).sort(byName),
  };
}

export function whatIfQuery(kind, networkId, containerId, version) {
  const q = { change: kind, network: networkId, container: containerId };
  if (version !== undefined && version >= 0) q.version = String(version);
  return new URLSearchParams(q);
}

// { ok: true, answer } or { ok: false, error } in the server's words.
export async function askWhatIf(url, kind, networkId, containerId, version, fetchImpl = fetch) {
  let response;
  try {
    response = await fetchImpl(`${url}?${whatIfQuery(kind, networkId, containerId, version)}`, {
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, error: "The dashboard did not answer." };
  }
  const body = await response.json().catch(() => ({}));
  return response.ok ? { ok: true, answer: body } : { ok: false, error: body.error || `HTTP ${response.status}` };
}

// Container ids by what the change does to them: in a pair that gains a path, in one that
// loses a path, or moved (its names, ports or way out change, with no path changing).
export function whatIfSets(answer) {
  const gained = new Set();
  const lost = new Set();
  for (const p of answer.paths || []) {
    const into = p.gained ? gained : lost;
    into.add(p.a.id);
    into.add(p.b.id);
  }
  const moved = new Set();
  for (const n of answer.names || []) {
    moved.add(n.from.id);
    moved.add(n.to.id);
  }
  for (const p of answer.ports || []) moved.add(p.container.id);
  for (const o of answer.outside || []) moved.add(o.container.id);
  for (const id of [...gained, ...lost]) moved.delete(id);
  return { gained, lost, moved };
}

// Light the containers the change touches (or what stands for them when folded away) and
// fade the rest; a container in pairs gained and lost at once shows as gained.
export function applyWhatIf(cy, answer, standIn = (kind, id) => nodeId[kind](id)) {
  const { gained, lost, moved } = whatIfSets(answer);
  const cls = new Map();
  for (const [set, name] of [
    [moved, "whatif-moved"],
    [lost, "whatif-lost"],
    [gained, "whatif-gained"],
  ]) {
    for (const id of set) cls.set(standIn("container", id), name);
  }
  cy.batch(() => {
    cy.elements().removeClass(CHANGED.join(" ")).addClass("faded");
    for (const [id, name] of cls) cy.getElementById(id).removeClass("faded").addClass(name);
  });
  return cls.size;
}

export function clearWhatIf(cy) {
  cy.elements().removeClass([...CHANGED, "faded"].join(" "));
}

// The panel's lines: the server's summary, its notes, and which map it was computed on.
export function whatIfLines(answer, modelVersion) {
  const lines = [...(answer.summary || []), ...(answer.notes || [])];
  if (modelVersion !== undefined && answer.version !== modelVersion) {
    lines.push(`Computed on the map at version ${answer.version}; the map is at ${modelVersion} now: ask again.`);
  }
  return lines;
}

export function whatIfPanel(answer, modelVersion) {
  return el(
    "div",
    { class: "panel-verdict whatif" },
    el("h2", { text: answer.nothing ? "Nothing would change" : "What this would change" }),
    el(
      "ul",
      {},
      whatIfLines(answer, modelVersion).map((line) => el("li", { text: line })),
    ),
    el("p", {
      class: "help",
      text: "A preview only: make the change on the network's page, which shows this again before you confirm.",
    }),
  );
}
