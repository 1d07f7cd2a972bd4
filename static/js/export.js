// Exports of the map as it is drawn.

import { el } from "./dom.js";
import { filterParams } from "./url-state.js";

export function bindPngExport(cy, model) {
  document.getElementById("export-png").addEventListener("click", () => {
    const blob = cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
    const a = el("a", { href: URL.createObjectURL(blob), download: `docker-networks-v${model.version}.png` });
    document.body.append(a);
    a.click();
    a.remove();
  });
}

// The diagram links follow the filters: the server draws what the map shows (SVG, Mermaid,
// draw.io), from the same rules.
export function diagramQuery(values) {
  return filterParams(values).toString();
}

export function updateDiagramLinks(values) {
  const query = diagramQuery(values);
  for (const a of document.querySelectorAll("a.export-diagram")) {
    a.href = `/api/topology.${a.dataset.format}${query ? `?${query}` : ""}`;
  }
}
