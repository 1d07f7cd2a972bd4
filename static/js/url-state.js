// A view of the map as a link: filters, what is folded, the selected node, zoom and pan,
// and the time-travel moment, to and from the page's query string. The query (not the
// fragment) survives the login redirect's `next`. Pure: no DOM, no Cytoscape.
//
//   ?hide_stopped=1&driver=bridge&fold=all&unfold=3f2a9c81b0d4&box=P:local|shop
//    &select=container:<id>&zoom=1.25&center=120,-40&at=2026-12-07T20:00:00Z&flows=15m
//
// A network id is written by its first 12 characters where no other network shares them.

export const SELECTABLE = ["network", "container", "project", "service", "task", "node", "engine", "host"];
const SHORT = 12;
const FLOW_WINDOWS = ["1m", "15m", "1h"];
const MOMENT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?Z$/;

// The filter values (filters.js) as parameters; the diagram exports take the same ones.
export function filterParams(values, q = new URLSearchParams()) {
  if (values.hideStopped) q.set("hide_stopped", "1");
  if (values.hideHostNone) q.set("hide_hostnone", "1");
  if (values.onlyExposed) q.set("only_exposed", "1");
  for (const key of ["driver", "label", "project"]) if (values[key]) q.set(key, values[key]);
  return q;
}

function filtersFrom(q) {
  return {
    hideStopped: q.get("hide_stopped") === "1",
    hideHostNone: q.get("hide_hostnone") === "1",
    onlyExposed: q.get("only_exposed") === "1",
    driver: q.get("driver") || "",
    label: q.get("label") || "",
    project: q.get("project") || "",
  };
}

// Each id by its 12-character prefix when that is unique among `all`, else whole.
export function shortIds(ids, all) {
  const seen = new Map();
  for (const id of all) {
    const p = id.slice(0, SHORT);
    seen.set(p, (seen.get(p) || 0) + 1);
  }
  return [...ids].map((id) => (seen.get(id.slice(0, SHORT)) === 1 ? id.slice(0, SHORT) : id));
}

// The ids of `all` that tokens name: whole, or by a prefix no other id shares.
export function resolveIds(tokens, all) {
  const ids = [...all];
  const have = new Set(ids);
  const found = new Set();
  for (const t of tokens) {
    if (!t) continue;
    if (have.has(t)) {
      found.add(t);
      continue;
    }
    const hits = ids.filter((id) => id.startsWith(t));
    if (hits.length === 1) found.add(hits[0]);
  }
  return found;
}

// `view`: { filters, folded (network ids), boxes (box node ids), select: { kind, id },
// viewport: { zoom, x, y } (x, y: the model point at the centre), travel: { at, from },
// flows: the flows' window ("1m", "15m", "1h") or nothing }.
// `networks`: every network id on the map; `openedFolded`: the map opened folded (a big
// one), so that none folded has to be said ("fold=none"; else no "fold" means none).
export function encodeView(view, { networks = [], openedFolded = false } = {}) {
  const q = filterParams(view.filters || {});
  const all = [...networks];
  const folded = new Set(view.folded || []);
  const open = all.filter((id) => !folded.has(id));
  if (!folded.size) {
    if (openedFolded) q.set("fold", "none");
  } else if (open.length < folded.size) {
    // Mostly folded (a big map opens so): say what is open instead.
    q.set("fold", "all");
    if (open.length) q.set("unfold", shortIds(open, all).join(","));
  } else q.set("fold", shortIds(folded, all).join(","));
  for (const box of [...(view.boxes || [])].sort()) q.append("box", box);
  if (view.select) q.set("select", `${view.select.kind}:${view.select.id}`);
  if (view.viewport) {
    const { zoom, x, y } = view.viewport;
    q.set("zoom", String(Number(zoom.toPrecision(3))));
    q.set("center", `${Math.round(x)},${Math.round(y)}`);
  }
  if (view.travel?.at) {
    q.set("at", view.travel.at);
    if (view.travel.from) q.set("from", view.travel.from);
  }
  if (FLOW_WINDOWS.includes(view.flows)) q.set("flows", view.flows);
  return q.toString();
}

// The view a query string asks for. Whatever is missing or malformed is null (or the
// filters' defaults): the page's own default stands for it. `folded` is left as asked
// ({ all, ids, except }): which networks it means depends on the map (foldedIn).
export function decodeView(search) {
  const q = new URLSearchParams(search);
  const list = (key) => (q.get(key) || "").split(",").filter(Boolean);
  let folded = null;
  if (q.has("fold")) {
    const fold = q.get("fold");
    if (fold === "all") folded = { all: true, ids: [], except: list("unfold") };
    else if (fold === "none") folded = { all: false, ids: [], except: [] };
    else folded = { all: false, ids: list("fold"), except: [] };
  }
  let select = null;
  const sel = q.get("select") || "";
  const colon = sel.indexOf(":");
  if (colon > 0 && SELECTABLE.includes(sel.slice(0, colon)) && sel.length > colon + 1) {
    select = { kind: sel.slice(0, colon), id: sel.slice(colon + 1) };
  }
  let viewport = null;
  const zoom = Number(q.get("zoom"));
  const [x, y, extra] = (q.get("center") || "").split(",").map((v) => (v.trim() === "" ? NaN : Number(v)));
  if (
    q.has("zoom") &&
    zoom > 0 &&
    Number.isFinite(zoom) &&
    Number.isFinite(x) &&
    Number.isFinite(y) &&
    extra === undefined
  ) {
    viewport = { zoom, x, y };
  }
  let travel = null;
  const at = q.get("at") || "";
  if (MOMENT.test(at)) {
    const from = q.get("from") || "";
    travel = { at, from: MOMENT.test(from) ? from : "" };
  }
  const flows = FLOW_WINDOWS.includes(q.get("flows")) ? q.get("flows") : null;
  return { filters: filtersFrom(q), folded, boxes: q.getAll("box").filter(Boolean), select, viewport, travel, flows };
}

// The networks a decoded `folded` means on a map holding `networks` (an iterable: the
// model's keys() are read once, so "fold=all" does not come out as nothing folded).
export function foldedIn(folded, networks) {
  if (!folded) return null;
  const all = [...networks];
  if (!folded.all) return resolveIds(folded.ids, all);
  const except = resolveIds(folded.except, all);
  return new Set(all.filter((id) => !except.has(id)));
}

// A moment in the URL ("…Z") as a datetime-local value (UTC, as time-travel.js reads it).
export function localValue(moment) {
  return moment ? moment.replace(/Z$/, "") : "";
}
