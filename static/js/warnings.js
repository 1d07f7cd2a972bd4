// The map's warnings pill: how many warnings hold, and their list on click. Asked of the
// server (/api/warnings) after each change, a moment later, so a burst asks once.

import { el } from "./dom.js";

const PAGE = { network: "/networks/", container: "/containers/" };

export class WarningsPill {
  constructor(url, onChange = () => {}) {
    this.url = url;
    this.onChange = onChange; // (warnings) => mark the map
    this.pill = document.getElementById("warnings-pill");
    this.list = document.getElementById("warnings-list");
    this.timer = null;
    this.count = 0;
    this.answer = null; // the last answer's text: an unchanged one leaves the list as it is
    this.found = []; // the warnings in it
    this.pill.addEventListener("click", () => this.toggle(this.list.hidden));
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && !this.list.hidden) {
        this.toggle(false);
        this.pill.focus();
      }
    });
  }

  toggle(open) {
    this.list.hidden = !open;
    this.pill.setAttribute("aria-expanded", String(open));
  }

  refreshSoon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 300);
  }

  async refresh() {
    let text;
    try {
      const r = await fetch(this.url, { credentials: "same-origin" });
      if (!r.ok) return;
      text = await r.text();
    } catch {
      return; // the socket's own status says when the server is away
    }
    if (text === this.answer) {
      this.onChange(this.found);
      return;
    }
    const found = JSON.parse(text).warnings;
    [this.answer, this.found] = [text, found];
    this.count = found.length;
    this.pill.hidden = !found.length;
    this.pill.textContent = `${found.length} warning${found.length === 1 ? "" : "s"}`;
    this.list.replaceChildren(
      ...found.map((w) =>
        el(
          "li",
          { class: `warning warning-${w.kind}` },
          el("strong", { text: w.what }),
          " ",
          w.why,
          " ",
          el("em", { text: w.todo }),
          ...w.objects
            .filter((o) => PAGE[o.kind])
            .map((o) => [" ", el("a", { href: `${PAGE[o.kind]}${o.id}/`, text: o.name })])
            .flat(),
        ),
      ),
    );
    if (!found.length) this.toggle(false);
    this.onChange(found);
  }
}
