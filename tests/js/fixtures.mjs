// Records in the shape the server sends (dashboard/topology/serialize.py), for the pure
// modules' tests.

export function network(id, extra = {}) {
  return {
    id,
    engine: "local",
    name: id,
    driver: "bridge",
    scope: "local",
    internal: false,
    attachable: false,
    ingress: false,
    enable_ipv6: false,
    ipam: [],
    options: {},
    labels: {},
    created: "",
    bridge: `br-${id}`,
    icc: true,
    predefined: false,
    project: "",
    usable_ipv4: 0,
    ...extra,
  };
}

export function container(id, extra = {}) {
  return {
    id,
    engine: "local",
    name: id,
    image: "busybox",
    state: "running",
    live: true,
    labels: {},
    networks: [],
    network_mode: "",
    created: 0,
    started_at: 0,
    finished_at: 0,
    exit_code: null,
    health: "",
    ports: [],
    configured_ports: [],
    host_network: false,
    project: "",
    service: "",
    ...extra,
  };
}

export function endpoint(networkId, containerId, extra = {}) {
  return { network: networkId, container: containerId, ipv4: "", ipv6: "", mac: "", aliases: [], ...extra };
}

export function snapshot(
  version,
  { engines = [{ id: "local", status: "connected", error: "" }], networks = [], containers = [], endpoints = [] } = {},
) {
  return { type: "snapshot", version, topology: { version, engines, networks, containers, endpoints } };
}

export function patch(base, { upsert = {}, remove = {}, engines = [] } = {}) {
  return {
    type: "patch",
    base,
    version: base + 1,
    upsert: { networks: [], containers: [], endpoints: [], ...upsert },
    remove: { networks: [], containers: [], endpoints: [], ...remove },
    engines,
  };
}
