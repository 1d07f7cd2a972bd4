"""One JSON shape for the API, the pages' data and the WebSocket messages."""

from dashboard.topology.records import Container, Endpoint, EngineState, Network
from dashboard.topology.store import Patch, Topology


def engine_dict(e: EngineState) -> dict:
    return {
        "id": e.id,
        "status": e.status,
        "error": e.error,
        "server_version": e.server_version,
        "swarm": e.swarm,
        "drivers": list(e.drivers),
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
    }


def container_dict(c: Container) -> dict:
    return {
        "id": c.id,
        "engine": c.engine,
        "name": c.name,
        "image": c.image,
        "state": c.state,
        "status": c.status,
        "labels": dict(c.labels),
        "networks": list(c.networks),
        "network_mode": c.network_mode,
    }


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
