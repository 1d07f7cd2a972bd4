// Exports of the map as it is drawn.

import { el } from "./dom.js";

export function bindPngExport(cy, model) {
  document.getElementById("export-png").addEventListener("click", () => {
    const blob = cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
    const a = el("a", { href: URL.createObjectURL(blob), download: `docker-networks-v${model.version}.png` });
    document.body.append(a);
    a.click();
    a.remove();
  });
}
