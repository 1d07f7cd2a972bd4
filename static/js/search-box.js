// The toolbar's search box: hits as buttons (text only); choosing one centres and selects it.

import { el } from "./dom.js";
import { search } from "./search.js";

export function bindSearch(model, onChoose) {
  const box = document.getElementById("search");
  const results = document.getElementById("search-results");
  const choose = (hit) => {
    results.replaceChildren();
    onChoose(hit.kind, hit.id);
  };
  box.addEventListener("input", () => {
    results.replaceChildren(
      ...search(model, box.value).map((h) =>
        el(
          "li",
          {},
          el(
            "button",
            { type: "button", class: `hit hit-${h.kind}`, "data-id": h.id, onclick: () => choose(h) },
            el("span", { class: "hit-name", text: h.name }),
            " ",
            el("span", { class: "dim", text: `${h.kind} · ${h.detail}` }),
          ),
        ),
      ),
    );
  });
  box.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      const first = results.querySelector("button");
      if (first) first.click();
    }
  });
}
