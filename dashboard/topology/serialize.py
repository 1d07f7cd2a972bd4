"""One JSON shape for the API, the pages' data and the WebSocket messages; and back, for a
dashboard process that follows a separate watcher process (dashboard.live.follower)."""

from dashboard.topology.insight import Warning
from dashboard.topology.records import (
    Container,
    Endpoint,
    EngineState,
    Event,
    IpamPool,
    Network,
    PortBinding,
)
from dashboard.topology.store import Patch, Topology


def engine_dict(e: EngineState) -> dict:
    return {
        "id": e.id,
        "status": e.status,
        "error": e.error,
        "server_version": e.server_version,
        "swarm": e.swarm,
        "drivers": list(e.drivers),
        "host": e.host,
    }


def network_dict(n: Network) -> dict:
    return {
        "id": n.id,
        "engine": n.engine,
        "name": n.name,
        "driver": n.driver,
        "scope": n.scope,
        "internal": n.internal,
        "attachable": n.attachable,
        "ingress": n.ingress,
        "enable_ipv6": n.enable_ipv6,
        "ipam": [
            {"subnet": p.subnet, "gateway": p.gateway, "ip_range": p.ip_range} for p in n.ipam
        ],
        "options": dict(n.options),
        "labels": dict(n.labels),
        "created": n.created,
        "bridge": n.bridge_name,
        "icc": n.icc,
        "predefined": n.predefined,
        "project": n.compose_project,
        "usable_ipv4": n.usable_ipv4,
        "hosts": list(n.hosts),
        "spanning": n.spanning,
    }


def container_dict(c: Container) -> dict:
    return {
        "id": c.id,
        "engine": c.engine,
        "name": c.name,
        "image": c.image,
        "state": c.state,
        "labels": dict(c.labels),
        "networks": list(c.networks),
        "network_mode": c.network_mode,
        "created": c.created,
        "started_at": c.started_at,
        "finished_at": c.finished_at,
        "exit_code": c.exit_code,
        "health": c.health,
        "ports": [port_dict(p) for p in c.ports],
        "configured_ports": [port_dict(p) for p in c.configured_ports],
        "live": c.live,
        "host_network": c.host_network,
        "project": c.compose_project,
        "service": c.compose_service,
    }


def warning_dict(w: Warning) -> dict:
    return {
        "kind": w.kind,
        "what": w.what,
        "why": w.why,
        "todo": w.todo,
        "objects": [{"kind": k, "id": i, "name": n} for k, i, n in w.objects],
    }


def event_dict(ev: Event) -> dict:
    """A Docker event as history keeps it beside the change it caused."""
    return {
        "type": ev.kind,
        "action": ev.action,
        "id": ev.actor,
        "name": ev.name,
        "container": ev.container,
        "time_nano": ev.time_nano,
    }


def port_dict(p: PortBinding) -> dict:
    return {
        "container_port": p.container_port,
        "protocol": p.protocol,
        "host_ip": p.host_ip,
        "host_port": p.host_port,
        "loopback": p.loopback,
    }


def port_from(d: dict) -> PortBinding:
    return PortBinding(d["container_port"], d["protocol"], d["host_ip"], d["host_port"])


def endpoint_dict(e: Endpoint) -> dict:
    return {
        "network": e.network,
        "container": e.container,
        "ipv4": e.ipv4,
        "ipv6": e.ipv6,
        "mac": e.mac,
        "aliases": list(e.aliases),
    }


def topology_dict(t: Topology) -> dict:
    return {
        "version": t.version,
        "engines": [engine_dict(e) for e in t.engines.values()],
        "networks": [network_dict(n) for n in t.networks.values()],
        "containers": [container_dict(c) for c in t.containers.values()],
        "endpoints": [endpoint_dict(e) for e in t.endpoints.values()],
    }


def patch_dict(p: Patch) -> dict:
    return {
        "type": "patch",
        "base": p.base,
        "version": p.version,
        "upsert": {
            "networks": [network_dict(n) for n in p.networks],
            "containers": [container_dict(c) for c in p.containers],
            "endpoints": [endpoint_dict(e) for e in p.endpoints],
        },
        "remove": {
            "networks": list(p.removed_networks),
            "containers": list(p.removed_containers),
            "endpoints": [list(key) for key in p.removed_endpoints],
        },
        "engines": [engine_dict(e) for e in p.engines],
    }


def snapshot_dict(t: Topology) -> dict:
    return {"type": "snapshot", "version": t.version, "topology": topology_dict(t)}


# Back from JSON: the exact records (derived fields such as "bridge", "icc" and "live" are
# dropped: the records compute them).
def engine_from(d: dict) -> EngineState:
    return EngineState(
        id=d["id"],
        status=d["status"],
        error=d["error"],
        server_version=d["server_version"],
        swarm=d["swarm"],
        drivers=tuple(d["drivers"]),
        host=d.get("host", ""),
    )


def network_from(d: dict) -> Network:
    return Network(
        id=d["id"],
        engine=d["engine"],
        name=d["name"],
        driver=d["driver"],
        scope=d["scope"],
        internal=d["internal"],
        attachable=d["attachable"],
        ingress=d["ingress"],
        enable_ipv6=d["enable_ipv6"],
        ipam=tuple(IpamPool(p["subnet"], p["gateway"], p["ip_range"]) for p in d["ipam"]),
        options=dict(d["options"]),
        labels=dict(d["labels"]),
        created=d["created"],
        engines=tuple(d["hosts"]) if d.get("spanning") else (),
    )


def container_from(d: dict) -> Container:
    return Container(
        id=d["id"],
        engine=d["engine"],
        name=d["name"],
        image=d["image"],
        state=d["state"],
        labels=dict(d["labels"]),
        networks=tuple(d["networks"]),
        network_mode=d["network_mode"],
        created=d["created"],
        started_at=d["started_at"],
        finished_at=d["finished_at"],
        exit_code=d["exit_code"],
        health=d["health"],
        ports=tuple(port_from(p) for p in d["ports"]),
        configured_ports=tuple(port_from(p) for p in d["configured_ports"]),
    )


def endpoint_from(d: dict) -> Endpoint:
    return Endpoint(
        network=d["network"],
        container=d["container"],
        ipv4=d["ipv4"],
        ipv6=d["ipv6"],
        mac=d["mac"],
        aliases=tuple(d["aliases"]),
    )


def topology_from(d: dict) -> Topology:
    endpoints = [endpoint_from(e) for e in d["endpoints"]]
    return Topology(
        version=d["version"],
        engines={e["id"]: engine_from(e) for e in d["engines"]},
        networks={n["id"]: network_from(n) for n in d["networks"]},
        containers={c["id"]: container_from(c) for c in d["containers"]},
        endpoints={e.key: e for e in endpoints},
    )


def patch_from(d: dict) -> Patch:
    return Patch(
        base=d["base"],
        version=d["version"],
        networks=[network_from(n) for n in d["upsert"]["networks"]],
        containers=[container_from(c) for c in d["upsert"]["containers"]],
        endpoints=[endpoint_from(e) for e in d["upsert"]["endpoints"]],
        removed_networks=list(d["remove"]["networks"]),
        removed_containers=list(d["remove"]["containers"]),
        removed_endpoints=[tuple(k) for k in d["remove"]["endpoints"]],
        engines=[engine_from(e) for e in d["engines"]],
    )
