// What each Docker object becomes on the map: Cytoscape element data and classes, built
// from the model's records alone. Labels are data, which Cytoscape draws as text.
// Pure: no DOM, no Cytoscape.

import { colourOf, shapeOf } from "./style.js";
import { epKey } from "./model.js";
import { boxLines, foldedLines } from "./collapse.js";

export const nodeId = {
  engine: (id) => `g:${id}`,
  host: (id) => `h:${id}`, // the engine's host: what publishes ports to the outside
  network: (id) => `n:${id}`,
  container: (id) => `c:${id}`,
  project: (key) => `P:${key}`, // a Compose project on one engine: projectKey(record)
  node: (id) => `N:${id}`, // a swarm node seen through a manager only (a watched one is its engine)
  service: (id) => `S:${id}`,
  task: (id) => `T:${id}`, // a task on a node seen through a manager (else its container)
};

// The Compose project a network or container belongs to, on its engine; "" for none.
export function projectKey(rec) {
  return rec.project ? `${rec.engine}|${rec.project}` : "";
}

// Networks and containers of a Compose project sit in its box, inside their engine's; a
// network on several engines (a swarm's overlay) sits in none, drawn across them.
function parentOf(rec) {
  if (rec.spanning) return undefined;
  return rec.project ? nodeId.project(projectKey(rec)) : nodeId.engine(rec.engine);
}

// A folded box shows, as a folded network does, that it holds stopped or exposed containers.
function boxClasses(folded) {
  if (!folded) return [];
  return ["folded", folded.stopped ? "has-stopped" : "", folded.exposed ? "has-exposed" : ""].filter(Boolean);
}

// `folded`: boxFacts when the box stands for everything inside it (collapse.js).
export function projectElement(key, folded = null) {
  const [engine, ...name] = key.split("|");
  const lines = [`project ${name.join("|")}`, ...(folded ? boxLines(folded) : [])];
  return {
    data: {
      id: nodeId.project(key),
      parent: nodeId.engine(engine),
      kind: "project",
      ref: key,
      label: lines.join("\n"),
    },
    classes: ["project", ...boxClasses(folded)].join(" "),
  };
}

export function hostElement(e) {
  return {
    data: {
      id: nodeId.host(e.id),
      parent: nodeId.engine(e.id),
      kind: "host",
      ref: e.id,
      label: `host ${e.host || e.id}`,
    },
    classes: "host",
  };
}

// How a published binding reads, as `docker ps` words it: 127.0.0.1:8081 → 80/tcp.
export function bindingLabel(p) {
  const ip = p.host_ip.includes(":") ? `[${p.host_ip}]` : p.host_ip || "*";
  return `${ip}:${p.host_port} → ${p.container_port}/${p.protocol}`;
}

// `node`: the swarm node this engine is, as its manager tells (or null); `folded`: boxFacts
// when its box stands for everything inside it.
export function engineElement(e, node = null, folded = null) {
  const up = e.status === "connected";
  const lines = [`${e.id}${up ? "" : ` (${e.status})`}`];
  if (node) lines.push(nodeLine(node));
  if (folded) lines.push(...boxLines(folded));
  return {
    data: { id: nodeId.engine(e.id), kind: "engine", ref: e.id, label: lines.join("\n") },
    classes: ["engine", up ? "" : "down", ...boxClasses(folded)].filter(Boolean).join(" "),
  };
}

// How a swarm node stands: "manager (leader) · ready · drain".
export function nodeLine(n) {
  const role = `${n.role}${n.leader ? " (leader)" : ""}`;
  return ["swarm", role, n.state, n.availability === "active" ? "" : n.availability].filter(Boolean).join(" · ");
}

// Characters of a name that surely fit on one line of a folded network's box (style.js).
const FOLDED_NAME_FITS = 24;

// `folded`: foldedFacts when the network stands for its containers (collapse.js).
export function networkElement(n, folded = null) {
  const subnets = n.ipam
    .map((p) => p.subnet)
    .filter(Boolean)
    .join(", ");
  const gateways = n.ipam
    .map((p) => p.gateway)
    .filter(Boolean)
    .join(", ");
  const flags = [n.internal ? "internal" : "", n.icc ? "" : "icc off"].filter(Boolean).join(", ");
  const driver = n.plugin ? `${n.driver} plugin · ${n.scope} scope` : n.driver;
  const lines = [n.name, `${driver}${n.bridge ? ` · ${n.bridge}` : ""}${flags ? ` · ${flags}` : ""}`];
  if (subnets) lines.push(subnets);
  if (n.spanning) lines.push(`across ${n.hosts.join(", ")}`);
  if (folded) lines.push(...foldedLines(folded));
  else if (gateways) lines.push(`gw ${gateways}`);
  // Drawn on the map: its name and subnets (and a folded one's counts); the rest on selection.
  const short = [n.name, subnets, ...(folded ? foldedLines(folded) : [])].filter(Boolean).join("\n");
  const classes = ["network", n.internal ? "internal" : "", n.icc ? "" : "noicc", `driver-${n.driver}`];
  if (folded) classes.push("folded", folded.stopped ? "has-stopped" : "", folded.exposed ? "has-exposed" : "");
  if (folded && n.name.length > FOLDED_NAME_FITS) classes.push("long-name"); // broken anywhere (style.js)
  return {
    data: {
      id: nodeId.network(n.id),
      parent: parentOf(n),
      kind: "network",
      ref: n.id,
      label: lines.join("\n"),
      short,
      shape: shapeOf(n.driver),
      colour: colourOf(n.driver),
      driver: n.driver,
    },
    classes: [...classes, n.spanning ? "spanning" : "", n.plugin ? "plugin" : ""].filter(Boolean).join(" "),
  };
}

export function containerElement(c) {
  const paused = c.state === "paused";
  return {
    data: {
      id: nodeId.container(c.id),
      parent: parentOf(c),
      kind: "container",
      ref: c.id,
      label: `${c.name}\n${c.state} · ${c.image}`,
      short: c.name,
      state: c.state,
    },
    classes: ["container", paused ? "paused" : "", c.live ? "" : "stopped", c.host_network ? "hostnet" : ""]
      .filter(Boolean)
      .join(" "),
  };
}

// The edges a container should have, by edge id: one per live endpoint (labelled with its
// address), dashed for a configured network it is not attached to now, dotted to the
// container whose network stack it shares (`container:X` mode).
export function containerEdges(model, c) {
  const wanted = new Map();
  for (const e of model.endpointsOfContainer(c.id)) {
    if (model.networks.has(e.network)) {
      wanted.set(`e:${epKey(e.network, c.id)}`, {
        source: nodeId.network(e.network),
        label: e.ipv4 || e.ipv6,
        cls: "endpoint",
      });
    }
  }
  for (const nid of c.networks) {
    const id = `e:${epKey(nid, c.id)}`;
    if (model.networks.has(nid) && !wanted.has(id))
      wanted.set(id, { source: nodeId.network(nid), label: "", cls: "configured" });
  }
  if (c.network_mode.startsWith("container:")) {
    const owner = c.network_mode.slice("container:".length);
    if (model.containers.has(owner))
      wanted.set(`s:${c.id}`, { source: nodeId.container(owner), label: "shares stack", cls: "shares" });
  }
  // From the host: each published binding (loopback-only ones drawn apart), and the
  // host's own stack for a container in host network mode.
  for (const p of c.ports) {
    if (!p.host_port) continue;
    wanted.set(`p:${c.id}|${p.host_ip}|${p.host_port}|${p.protocol}`, {
      source: nodeId.host(c.engine),
      label: bindingLabel(p),
      cls: p.loopback ? "published loopback" : "published open",
    });
  }
  if (c.host_network) wanted.set(`H:${c.id}`, { source: nodeId.host(c.engine), label: "host network", cls: "hostnet" });
  return wanted;
}
