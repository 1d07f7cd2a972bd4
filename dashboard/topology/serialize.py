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
    Service,
    ServicePort,
    SwarmNode,
    Task,
)
from dashboard.topology.store import SWARM_KINDS, Patch, Topology


def engine_dict(e: EngineState) -> dict:
    return {
        "id": e.id,
        "status": e.status,
        "error": e.error,
        "server_version": e.server_version,
        "swarm": e.swarm,
        "drivers": list(e.drivers),
        "host": e.host,
        "node_id": e.node_id,
        "cluster": e.cluster,
        "manager": e.manager,
        "node_addr": e.node_addr,
        "cluster_error": e.cluster_error,
    }


def node_dict(n: SwarmNode) -> dict:
    return {
        "id": n.id,
        "cluster": n.cluster,
        "hostname": n.hostname,
        "address": n.address,
        "role": n.role,
        "availability": n.availability,
        "state": n.state,
        "leader": n.leader,
        "reachability": n.reachability,
        "engine_version": n.engine_version,
        "labels": dict(n.labels),
        "up": n.up,
    }


def service_dict(s: Service) -> dict:
    return {
        "id": s.id,
        "cluster": s.cluster,
        "name": s.name,
        "image": s.image,
        "mode": s.mode,
        "replicas": s.replicas,
        "networks": list(s.networks),
        "vips": [{"network": n, "address": a} for n, a in s.vips],
        "ports": [
            {"target": p.target, "published": p.published, "protocol": p.protocol, "mode": p.mode}
            for p in s.ports
        ],
        "labels": dict(s.labels),
    }


def task_dict(t: Task) -> dict:
    return {
        "id": t.id,
        "cluster": t.cluster,
        "service": t.service,
        "node": t.node,
        "slot": t.slot,
        "state": t.state,
        "desired_state": t.desired_state,
        "container": t.container,
        "addresses": [{"network": n, "address": a} for n, a in t.addresses],
        "message": t.message,
        "live": t.live,
    }


SWARM_DICT = {"nodes": node_dict, "services": service_dict, "tasks": task_dict}


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
        "plugin": n.plugin,
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
        "gateway": e.gateway,
        "ipv6_gateway": e.ipv6_gateway,
    }


def topology_dict(t: Topology) -> dict:
    return {
        "version": t.version,
        "engines": [engine_dict(e) for e in t.engines.values()],
        "networks": [network_dict(n) for n in t.networks.values()],
        "containers": [container_dict(c) for c in t.containers.values()],
        "endpoints": [endpoint_dict(e) for e in t.endpoints.values()],
        **{k: [SWARM_DICT[k](o) for o in getattr(t, k).values()] for k in SWARM_KINDS},
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
            **{k: [SWARM_DICT[k](o) for o in getattr(p, k)] for k in SWARM_KINDS},
        },
        "remove": {
            "networks": list(p.removed_networks),
            "containers": list(p.removed_containers),
            "endpoints": [list(key) for key in p.removed_endpoints],
            **{k: list(getattr(p, f"removed_{k}")) for k in SWARM_KINDS},
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
        node_id=d.get("node_id", ""),
        cluster=d.get("cluster", ""),
        manager=d.get("manager", False),
        node_addr=d.get("node_addr", ""),
        cluster_error=d.get("cluster_error", ""),
    )


def node_from(d: dict) -> SwarmNode:
    return SwarmNode(
        id=d["id"],
        cluster=d["cluster"],
        hostname=d["hostname"],
        address=d["address"],
        role=d["role"],
        availability=d["availability"],
        state=d["state"],
        leader=d["leader"],
        reachability=d["reachability"],
        engine_version=d["engine_version"],
        labels=dict(d["labels"]),
    )


def service_from(d: dict) -> Service:
    return Service(
        id=d["id"],
        cluster=d["cluster"],
        name=d["name"],
        image=d["image"],
        mode=d["mode"],
        replicas=d["replicas"],
        networks=tuple(d["networks"]),
        vips=tuple((v["network"], v["address"]) for v in d["vips"]),
        ports=tuple(
            ServicePort(p["target"], p["published"], p["protocol"], p["mode"]) for p in d["ports"]
        ),
        labels=dict(d["labels"]),
    )


def task_from(d: dict) -> Task:
    return Task(
        id=d["id"],
        cluster=d["cluster"],
        service=d["service"],
        node=d["node"],
        slot=d["slot"],
        state=d["state"],
        desired_state=d["desired_state"],
        container=d["container"],
        addresses=tuple((a["network"], a["address"]) for a in d["addresses"]),
        message=d["message"],
    )


SWARM_FROM = {"nodes": node_from, "services": service_from, "tasks": task_from}


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
        # History recorded before endpoints carried their gateways has none.
        gateway=d.get("gateway", ""),
        ipv6_gateway=d.get("ipv6_gateway", ""),
    )


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
