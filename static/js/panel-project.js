// A Compose project's side panel.
// Built with textContent only.

import { el, facts, table } from "./dom.js";
import { bindingLabel } from "./elements.js";

export function projectPanel(model, key, urls) {
  const [engine, ...rest] = key.split("|");
  const project = rest.join("|");
  const mine = (rec) => rec.engine === engine && rec.project === project;
  const containers = [...model.containers.values()].filter(mine);
  const networks = [...model.networks.values()].filter(mine);
  if (!containers.length && !networks.length) return el("p", { text: "This project is gone." });
  const services = new Map();
  for (const c of containers) {
    if (!services.has(c.service)) services.set(c.service, []);
    services.get(c.service).push(c);
  }
  const serviceRows = [...services]
    .sort()
    .map(([service, cs]) => [
      service || "(no service label)",
      cs
        .map((c) => el("a", { href: `${urls.container}${c.id}/`, text: c.name }))
        .flatMap((a, i) => (i ? [", ", a] : [a])),
      cs.map((c) => c.state).join(", "),
    ]);
  const ports = containers.flatMap((c) => c.ports.filter((p) => p.host_port).map((p) => [c.name, bindingLabel(p)]));
  return el(
    "div",
    { class: "panel-project" },
    el("h2", {}, "Compose project ", el("span", { class: "name", text: project })),
    facts([
      ["Engine", engine],
      ["Containers", String(containers.length)],
      ["Networks", String(networks.length)],
    ]),
    el("h3", { text: "Services" }),
    table(["Service", "Containers", "State"], serviceRows),
    el("h3", { text: "Networks it made" }),
    table(
      ["Network", "Driver", "Subnet"],
      networks.map((n) => [n.name, n.driver, n.ipam.map((p) => p.subnet).join(", ")]),
    ),
    el("h3", { text: "Published ports" }),
    table(["Container", "Binding"], ports),
  );
}
