// A view of the map to and from its link (url-state.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeView, encodeView, foldedIn, localValue, resolveIds, shortIds } from "../../static/js/url-state.js";
import { diagramQuery } from "../../static/js/export.js";

const hex = (c, k = 64) => c.repeat(k);
// Random-looking ids with unique prefixes, and made-up ones sharing 60 leading zeros.
const REAL = [
  "3f2a9c81b0d4" + hex("1", 52),
  "8be01c77aa02" + hex("2", 52),
  "c41d0e5f9a17" + hex("3", 52),
  "0e9d7b21c3f8" + hex("4", 52),
];
const ZEROS = [0, 1, 2, 3].map((i) => i.toString(16).padStart(64, "0"));

const NOTHING = { hideStopped: false, hideHostNone: false, onlyExposed: false, driver: "", label: "", project: "" };

test("it writes nothing for the default view and reads it back as the defaults", () => {
  assert.equal(encodeView({}, { networks: REAL }), "");
  assert.deepEqual(decodeView(""), {
    filters: NOTHING,
    folded: null,
    boxes: [],
    select: null,
    viewport: null,
    travel: null,
    flows: null,
  });
});

test("it carries every filter, with text from Docker escaped, and back", () => {
  const filters = {
    hideStopped: true,
    hideHostNone: true,
    onlyExposed: true,
    driver: "macvlan",
    label: "com.x=a&b=c #d",
    project: "local|shop",
  };
  const search = encodeView({ filters }, { networks: REAL });
  assert.equal(
    search,
    "hide_stopped=1&hide_hostnone=1&only_exposed=1&driver=macvlan&label=com.x%3Da%26b%3Dc+%23d&project=local%7Cshop",
  );
  assert.deepEqual(decodeView(`?${search}`).filters, filters);
});

test("the diagram exports take the same filter parameters as the link", () => {
  assert.equal(diagramQuery({ hideStopped: true, driver: "bridge" }), "hide_stopped=1&driver=bridge");
});

test("it writes folded networks by a 12-character prefix when no other network shares it", () => {
  assert.deepEqual(shortIds([REAL[1]], REAL), ["8be01c77aa02"]);
  assert.deepEqual(shortIds([ZEROS[2]], ZEROS), [ZEROS[2]]);
  const search = encodeView({ folded: [REAL[0], REAL[2]] }, { networks: REAL });
  assert.equal(search, "fold=3f2a9c81b0d4%2Cc41d0e5f9a17");
  assert.deepEqual(foldedIn(decodeView(search).folded, REAL), new Set([REAL[0], REAL[2]]));
  const zeros = encodeView({ folded: [ZEROS[1]] }, { networks: ZEROS });
  assert.deepEqual(foldedIn(decodeView(zeros).folded, ZEROS), new Set([ZEROS[1]]));
});

test("a mostly folded map says which networks are open instead", () => {
  const search = encodeView({ folded: [REAL[0], REAL[1], REAL[3]] }, { networks: REAL });
  assert.equal(decodeURIComponent(search), "fold=all&unfold=c41d0e5f9a17");
  assert.deepEqual(foldedIn(decodeView(search).folded, REAL), new Set([REAL[0], REAL[1], REAL[3]]));
  assert.equal(encodeView({ folded: REAL }, { networks: REAL }), "fold=all");
  // Networks that came since the link was made are folded too, as on the map it was made on.
  assert.deepEqual(foldedIn(decodeView("fold=all").folded, [...REAL, "ffff"]), new Set([...REAL, "ffff"]));
});

test("fold=all folds every network of the map's own keys (an iterator read once)", () => {
  const keys = () => new Map(REAL.map((id) => [id, {}])).keys();
  assert.deepEqual(foldedIn(decodeView("fold=all").folded, keys()), new Set(REAL));
  const search = encodeView({ folded: [REAL[0], REAL[1], REAL[3]] }, { networks: REAL });
  assert.deepEqual(foldedIn(decodeView(search).folded, keys()), new Set([REAL[0], REAL[1], REAL[3]]));
});

test("nothing folded is said only where the map opened folded", () => {
  assert.equal(encodeView({ folded: [] }, { networks: REAL }), "");
  assert.equal(encodeView({ folded: [] }, { networks: REAL, openedFolded: true }), "fold=none");
  assert.deepEqual(foldedIn(decodeView("fold=none").folded, REAL), new Set());
  assert.equal(foldedIn(decodeView("").folded, REAL), null);
});

test("a prefix that is not unique, or names nothing, folds nothing", () => {
  assert.deepEqual(resolveIds(["0000", "3f2a", "nope", ""], [...ZEROS, ...REAL]), new Set([REAL[0]]));
});

test("folded boxes of engines and projects go by their node ids, with any character", () => {
  const boxes = ["g:local", "P:local|my,odd&project"];
  const search = encodeView({ boxes }, { networks: [] });
  assert.deepEqual(decodeView(search).boxes, ["P:local|my,odd&project", "g:local"]);
});

test("the selected node goes with its kind, and an unknown kind is ignored", () => {
  const search = encodeView({ select: { kind: "project", id: "e2|shop" } }, { networks: [] });
  assert.deepEqual(decodeView(search).select, { kind: "project", id: "e2|shop" });
  assert.deepEqual(decodeView(`select=container:${REAL[0]}`).select, { kind: "container", id: REAL[0] });
  assert.equal(decodeView("select=constructor:x").select, null);
  assert.equal(decodeView("select=container:").select, null);
});

test("zoom and the centre are rounded for a short link and read back", () => {
  const search = encodeView({ viewport: { zoom: 1.23456, x: 120.4, y: -39.6 } }, { networks: [] });
  assert.equal(decodeURIComponent(search), "zoom=1.23&center=120,-40");
  assert.deepEqual(decodeView(search).viewport, { zoom: 1.23, x: 120, y: -40 });
  assert.deepEqual(decodeView("zoom=0.0213&center=0,0").viewport, { zoom: 0.0213, x: 0, y: 0 });
});

test("a malformed zoom or centre leaves the map's own fit", () => {
  for (const bad of [
    "zoom=0&center=1,2",
    "zoom=-1&center=1,2",
    "zoom=abc&center=1,2",
    "zoom=2&center=1",
    "zoom=2&center=,2",
    "zoom=2&center=1,2,3",
    "zoom=2",
    "center=1,2",
    "zoom=Infinity&center=1,2",
  ]) {
    assert.equal(decodeView(bad).viewport, null, bad);
  }
});

test("the time-travel moment goes as UTC and a malformed one is ignored", () => {
  const search = encodeView({ travel: { at: "2026-12-07T20:00:05Z", from: "2026-12-07T19:00:00Z" } }, { networks: [] });
  assert.deepEqual(decodeView(search).travel, { at: "2026-12-07T20:00:05Z", from: "2026-12-07T19:00:00Z" });
  assert.deepEqual(decodeView("at=2026-12-07T20:00Z&from=yesterday").travel, { at: "2026-12-07T20:00Z", from: "" });
  assert.equal(decodeView("at=2026-12-07").travel, null);
  assert.equal(encodeView({ travel: { at: "", from: "2026-12-07T19:00:00Z" } }, { networks: [] }), "");
  assert.equal(localValue("2026-12-07T20:00:05Z"), "2026-12-07T20:00:05");
});

test("a whole view survives the round trip", () => {
  const view = {
    filters: { ...NOTHING, hideStopped: true, label: "tier=web" },
    folded: [REAL[1]],
    boxes: ["g:e2"],
    select: { kind: "container", id: hex("a") },
    viewport: { zoom: 0.5, x: -300, y: 800 },
    travel: { at: "2026-12-07T20:00:00Z", from: "" },
    flows: "1h",
  };
  const back = decodeView(`?${encodeView(view, { networks: REAL })}`);
  assert.deepEqual({ ...back, folded: [...foldedIn(back.folded, REAL)] }, view);
});

test("it carries the flows' window, and only a window the map offers", () => {
  assert.equal(encodeView({ flows: "15m" }, { networks: REAL }), "flows=15m");
  assert.equal(encodeView({ flows: "" }, { networks: REAL }), "");
  assert.equal(decodeView("?flows=1h").flows, "1h");
  for (const bad of ["?flows=2d", "?flows=", "?flows=<b>"]) assert.equal(decodeView(bad).flows, null);
});
