"""One JSON shape for the API, the pages' data and the WebSocket messages; and back, for a
dashboard process that follows a separate watcher process (dashboard.live.follower).

Each record's own shape comes from its fields (dashboard.topology.wire); this module puts
records together into topologies and patches."""

from functools import partial

from dashboard.topology.records import Container, Endpoint, EngineState, Network, PortBinding
from dashboard.topology.store import SWARM_KINDS, Patch, Topology
from dashboard.topology.swarm_records import Service, SwarmNode, Task
from dashboard.topology.wire import decode, encode

# Named by what they take, for readers; each is the one generic encoder.
engine_dict = network_dict = container_dict = endpoint_dict = port_dict = encode
warning_dict = event_dict = encode

engine_from = partial(decode, EngineState)
network_from = partial(decode, Network)
container_from = partial(decode, Container)
endpoint_from = partial(decode, Endpoint)
port_from = partial(decode, PortBinding)
SWARM_FROM = {
    "nodes": partial(decode, SwarmNode),
    "services": partial(decode, Service),
    "tasks": partial(decode, Task),
}


def topology_dict(t: Topology) -> dict:
    return {
        "version": t.version,
        "engines": [encode(e) for e in t.engines.values()],
        "networks": [encode(n) for n in t.networks.values()],
        "containers": [encode(c) for c in t.containers.values()],
        "endpoints": [encode(e) for e in t.endpoints.values()],
        **{k: [encode(o) for o in getattr(t, k).values()] for k in SWARM_KINDS},
    }


def patch_dict(p: Patch) -> dict:
    return {
        "type": "patch",
        "base": p.base,
        "version": p.version,
        "upsert": {
            "networks": [encode(n) for n in p.networks],
            "containers": [encode(c) for c in p.containers],
            "endpoints": [encode(e) for e in p.endpoints],
            **{k: [encode(o) for o in getattr(p, k)] for k in SWARM_KINDS},
        },
        "remove": {
            "networks": list(p.removed_networks),
            "containers": list(p.removed_containers),
            "endpoints": [list(key) for key in p.removed_endpoints],
            **{k: list(getattr(p, f"removed_{k}")) for k in SWARM_KINDS},
        },
        "engines": [encode(e) for e in p.engines],
    }


def snapshot_dict(t: Topology) -> dict:
    return {"type": "snapshot", "version": t.version, "topology": topology_dict(t)}


def topology_from(d: dict) -> Topology:
    endpoints = [endpoint_from(e) for e in d["endpoints"]]
    return Topology(
        version=d["version"],
        engines={e["id"]: engine_from(e) for e in d["engines"]},
        networks={n["id"]: network_from(n) for n in d["networks"]},
        containers={c["id"]: container_from(c) for c in d["containers"]},
        endpoints={e.key: e for e in endpoints},
        **{k: {o["id"]: SWARM_FROM[k](o) for o in d.get(k, [])} for k in SWARM_KINDS},
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
        **{k: [SWARM_FROM[k](o) for o in d["upsert"].get(k, [])] for k in SWARM_KINDS},
        **{f"removed_{k}": list(d["remove"].get(k, [])) for k in SWARM_KINDS},
    )
