// What the toolbar's filters leave on the map. `visible` decides from the model alone
// (pure, tested in Node); `FilterBar` reads the controls and applies the answer to Cytoscape.

import { el } from "./dom.js";
import { nodeId, projectKey } from "./elements.js";
import { exposed } from "./collapse.js";
import { updateDiagramLinks } from "./export.js";

// `query` is a label key, or key=value.
export function labelMatches(labels, query) {
  if (!query) return true;
  const [k, ...rest] = query.split("=");
  return Object.prototype.hasOwnProperty.call(labels || {}, k) && (!rest.length || labels[k] === rest.join("="));
}

// The ids of the networks and containers to show, for filter values
// { hideStopped, hideHostNone, driver, label, onlyExposed, project } (project: "engine|name").
export function visible(
  model,
  { hideStopped = false, hideHostNone = false, driver = "", label = "", onlyExposed = false, project = "" } = {},
) {
  const networks = new Set();
  for (const n of model.networks.values()) {
    const hostNone = n.driver === "host" || n.driver === "null";
    if (!(hideHostNone && hostNone) && (!driver || n.driver === driver)) networks.add(n.id);
  }
  const containers = new Set();
  for (const c of model.containers.values()) {
    const attached = model.endpointsOfContainer(c.id).map((e) => e.network);
    const onShown =
      c.networks.some((id) => networks.has(id)) ||
      attached.some((id) => networks.has(id)) ||
      (!driver && !c.networks.length);
    const inProject = !project || projectKey(c) === project;
    if (
      !(hideStopped && !c.live) &&
      onShown &&
      labelMatches(c.labels, label) &&
      (!onlyExposed || exposed(c)) &&
      inProject
    )
      containers.add(c.id);
  }
  if (label || onlyExposed || project) {
    // A network that does not match stays only for the containers shown on it.
    const used = new Set();
    for (const id of containers) {
      const c = model.containers.get(id);
      for (const nid of c.networks) used.add(nid);
      for (const e of model.endpointsOfContainer(id)) used.add(e.network);
    }
    for (const id of [...networks]) {
      const n = model.networks.get(id);
      const own = (!label || labelMatches(n.labels, label)) && (!project || projectKey(n) === project);
      const matches = (label || project) && own && !onlyExposed;
      if (!matches && !used.has(id)) networks.delete(id);
    }
  }
  return { networks, containers };
}

// The filters kept in the toolbar's "More filters" menu: its button counts those set.
const IN_MENU = ["hideHostNone", "driver", "label", "project"];

export class FilterBar {
  // `onChange`: called after a person changes a filter (not after a patch's apply).
  constructor(model, cy, { onChange = () => {} } = {}) {
    this.model = model;
    this.cy = cy;
    this.count = document.getElementById("filters-count");
    this.controls = {
      stopped: document.getElementById("hide-stopped"),
      hostNone: document.getElementById("hide-hostnone"),
      driver: document.getElementById("driver-filter"),
      label: document.getElementById("label-filter"),
      exposed: document.getElementById("only-exposed"),
      project: document.getElementById("project-filter"),
    };
    for (const f of Object.values(this.controls)) {
      f.addEventListener(f.tagName === "INPUT" && f.type !== "checkbox" ? "input" : "change", () => {
        this.apply();
        onChange();
      });
    }
  }

  // Set the controls to `values` (as values() gives them), as from a link: a driver or
  // project not on the map (yet) is offered anyway, so that the filter says what it holds.
  setValues(values) {
    const c = this.controls;
    c.stopped.checked = Boolean(values.hideStopped);
    c.hostNone.checked = Boolean(values.hideHostNone);
    c.exposed.checked = Boolean(values.onlyExposed);
    c.label.value = values.label || "";
    for (const [menu, value] of [
      [c.driver, values.driver],
      [c.project, values.project],
    ]) {
      if (value && ![...menu.options].some((o) => o.value === value))
        menu.append(el("option", { value, text: value.replace("|", ": ") }));
      menu.value = value || "";
    }
  }

  values() {
    const c = this.controls;
    return {
      hideStopped: c.stopped.checked,
      hideHostNone: c.hostNone.checked,
      driver: c.driver.value,
      label: c.label.value.trim(),
      onlyExposed: c.exposed.checked,
      project: c.project.value,
    };
  }

  apply() {
    this._driverOptions();
    this._projectOptions();
    const values = this.values();
    updateDiagramLinks(values);
    const hidden = IN_MENU.filter((k) => values[k]).length;
    this.count.hidden = !hidden;
    this.count.textContent = String(hidden);
    // With no filter set and nothing hidden there is nothing to do: the usual case, and a
    // pass over every node on each patch otherwise.
    const active = Object.values(values).some(Boolean);
    if (!active && this.cy.$(".hidden").empty()) return;
    const shown = visible(this.model, values);
    // Only what changes is touched: each class change costs Cytoscape a style pass.
    const hide = (node, hidden) => {
      if (node.nonempty() && node.hasClass("hidden") !== hidden) node.toggleClass("hidden", hidden);
    };
    this.cy.batch(() => {
      for (const id of this.model.networks.keys())
        hide(this.cy.getElementById(nodeId.network(id)), !shown.networks.has(id));
      for (const id of this.model.containers.keys())
        hide(this.cy.getElementById(nodeId.container(id)), !shown.containers.has(id));
      this.cy.nodes(".project").forEach((p) =>
        hide(
          p,
          p.children().every((c) => c.hasClass("hidden")),
        ),
      );
    });
  }

  // The project menu offers every Compose project on the map, by engine.
  _projectOptions() {
    const menu = this.controls.project;
    const keys = new Set(
      [...this.model.containers.values(), ...this.model.networks.values()].map(projectKey).filter(Boolean),
    );
    const have = new Set([...menu.options].map((o) => o.value));
    for (const key of [...keys].sort()) {
      if (!have.has(key)) menu.append(el("option", { value: key, text: key.replace("|", ": ") }));
    }
  }

  // The driver menu offers every driver on the map.
  _driverOptions() {
    const menu = this.controls.driver;
    const drivers = new Set([...this.model.networks.values()].map((n) => n.driver));
    const have = new Set([...menu.options].map((o) => o.value));
    for (const d of [...drivers].sort()) if (!have.has(d)) menu.append(el("option", { value: d, text: d }));
  }
}
