// The side panel of a reach verdict, and of the way out to the world.
// Built with textContent only.

import { el, table } from "./dom.js";

export function outsidePanel(model, v) {
  const c = model.containers.get(v.container);
  const name = c ? c.name : v.container.slice(0, 12);
  const headline = v.reachable
    ? `The outside can reach ${name}.`
    : `The outside cannot reach ${name} from other machines.`;
  return el(
    "div",
    { class: `panel-verdict ${v.reachable ? "verdict-exposed" : "verdict-ok"}` },
    el("h2", { text: "From outside" }),
    el("p", { class: "verdict", text: headline }),
    v.ways.length
      ? el(
          "ul",
          { class: "ways" },
          v.ways.map((w) => el("li", { text: w })),
        )
      : null,
    el(
      "ul",
      { class: "reasons" },
      v.reasons.map((r) => el("li", { text: r })),
    ),
  );
}

export function verdictPanel(model, v) {
  const a = model.containers.get(v.a);
  const b = model.containers.get(v.b);
  const an = a ? a.name : v.a.slice(0, 12);
  const bn = b ? b.name : v.b.slice(0, 12);
  const headline = v.reachable
    ? `${an} can reach ${bn}${v.by_name ? ` by address and by the name ${v.names.join(", ")}` : " by address only"}.`
    : `${an} and ${bn} are isolated: ${an} cannot reach ${bn}.`;
  return el(
    "div",
    { class: `panel-verdict ${v.reachable ? "verdict-ok" : "verdict-isolated"}` },
    el("h2", { text: "Isolation" }),
    el("p", { class: "verdict", text: headline }),
    v.shared.length
      ? table(
          ["Shared network", `${an}`, `${bn}`, "Traffic", "Names"],
          v.shared.map((s) => [
            s.name,
            s.a_address,
            s.b_address,
            s.plugin ? "the plugin decides" : s.traffic ? "allowed" : "blocked",
            s.dns ? s.names.join(", ") : "no DNS",
          ]),
        )
      : null,
    el(
      "ul",
      { class: "reasons" },
      v.reasons.map((r) => el("li", { text: r })),
    ),
  );
}
