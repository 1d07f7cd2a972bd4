"""Docker's JSON to the project's records. Pure functions: the raw dicts come from the client."""

import re

from dashboard.topology.records import (
    LIVE_STATES,
    Container,
    ContainerDetails,
    ContainerView,
    Endpoint,
    Event,
    IpamPool,
    Network,
    PortBinding,
)
from dashboard.topology.swarm_records import Service, ServicePort, SwarmNode, Task
from dashboard.topology.times import rfc3339_to_nanos


def _text_dict(value) -> dict:
    """Labels and options as plain str->str, whatever Docker sent (it may send null)."""
    if not isinstance(value, dict):
        return {}
    return {str(k): "" if v is None else str(v) for k, v in value.items()}


def network(raw: dict, engine: str) -> Network:
    ipam = (raw.get("IPAM") or {}).get("Config") or []
    return Network(
        id=raw["Id"],
        engine=engine,
        name=raw.get("Name", ""),
        driver=raw.get("Driver", ""),
        scope=raw.get("Scope", ""),
        internal=bool(raw.get("Internal")),
        attachable=bool(raw.get("Attachable")),
        ingress=bool(raw.get("Ingress")),
        enable_ipv6=bool(raw.get("EnableIPv6")),
        ipam=tuple(
            IpamPool(
                subnet=p.get("Subnet", "") or "",
                gateway=p.get("Gateway", "") or "",
                ip_range=p.get("IPRange", "") or "",
            )
            for p in ipam
        ),
        options=_text_dict(raw.get("Options")),
        labels=_text_dict(raw.get("Labels")),
        created=raw.get("Created", ""),
    )


def container_name(names: list[str] | None, fallback: str) -> str:
    """The container's own name: legacy links add names like /other/alias, so take the
    one without an inner slash."""
    for name in names or []:
        bare = name.lstrip("/")
        if "/" not in bare:
            return bare
    return fallback[:12]


# The facts inside Docker's status text ("Exited (137) 5 minutes ago", "Up 2 hours
# (healthy)"); the rest of it is relative to now and is not kept.
_EXIT_CODE = re.compile(r"^(?:Exited|Restarting) \((-?\d+)\)")
_HEALTH = re.compile(r"\((healthy|unhealthy|health: starting)\)")


def status_facts(status: str) -> tuple[int | None, str]:
    """(exit code, health) from the list's Status text; None and "" where it has none."""
    code = _EXIT_CODE.match(status or "")
    health = _HEALTH.search(status or "")
    return (
        int(code.group(1)) if code else None,
        health.group(1).removeprefix("health: ") if health else "",
    )


def ports(raw_ports) -> tuple[PortBinding, ...]:
    """The list's Ports: one entry per published binding (IPv4 and IPv6 apart), and one
    with no public port for each port only exposed."""
    out = set()
    for p in raw_ports or []:
        if not isinstance(p, dict) or not p.get("PrivatePort"):
            continue
        out.add(
            PortBinding(
                container_port=int(p["PrivatePort"]),
                protocol=str(p.get("Type") or "tcp"),
                host_ip=str(p.get("IP") or "") if p.get("PublicPort") else "",
                host_port=int(p.get("PublicPort") or 0),
            )
        )
    return tuple(sorted(out))


def configured_ports(port_bindings) -> tuple[PortBinding, ...]:
    """HostConfig.PortBindings of container inspect ({"80/tcp": [{"HostIp", "HostPort"}]}):
    what the container asks for, running or not. A HostPort left empty is Docker's pick."""
    out = set()
    for key, bindings in (port_bindings or {}).items():
        port, _, proto = str(key).partition("/")
        if not port.isdigit():
            continue
        for b in bindings or []:
            host_port = str((b or {}).get("HostPort") or "")
            out.add(
                PortBinding(
                    container_port=int(port),
                    protocol=proto or "tcp",
                    host_ip=str((b or {}).get("HostIp") or ""),
                    host_port=int(host_port) if host_port.isdigit() else 0,
                )
            )
    return tuple(sorted(out))


def _cidr(address: str, prefix: int | None) -> str:
    return f"{address}/{prefix}" if address else ""


def container_view(
    raw: dict,
    engine: str,
    network_ids: dict[str, str],
) -> ContainerView:
    """One entry of the container list (`GET /containers/json`).

    `network_ids` maps network names to ids: a created-but-never-started container has an
    empty NetworkID. Aliases and exact times are not in the list (ContainerView.with_details
    adds them from container inspect).
    """
    cid = raw["Id"]
    state = raw.get("State", "")
    settings = ((raw.get("NetworkSettings") or {}).get("Networks")) or {}
    network_list: list[str] = []
    endpoints: list[Endpoint] = []
    for net_name, s in settings.items():
        s = s or {}
        nid = s.get("NetworkID") or network_ids.get(net_name, "")
        if not nid:
            continue
        network_list.append(nid)
        if state in LIVE_STATES and s.get("EndpointID"):
            endpoints.append(
                Endpoint(
                    network=nid,
                    container=cid,
                    ipv4=_cidr(s.get("IPAddress", ""), s.get("IPPrefixLen")),
                    ipv6=_cidr(s.get("GlobalIPv6Address", ""), s.get("GlobalIPv6PrefixLen")),
                    mac=s.get("MacAddress", "") or "",
                    gateway=s.get("Gateway", "") or "",
                    ipv6_gateway=s.get("IPv6Gateway", "") or "",
                )
            )
    exit_code, health = status_facts(raw.get("Status", ""))
    container = Container(
        id=cid,
        engine=engine,
        name=container_name(raw.get("Names"), cid),
        image=raw.get("Image", ""),
        state=state,
        labels=_text_dict(raw.get("Labels")),
        networks=tuple(sorted(network_list)),
        network_mode=((raw.get("HostConfig") or {}).get("NetworkMode")) or "",
        created=int(raw.get("Created") or 0),
        exit_code=exit_code,
        health=health,
        ports=ports(raw.get("Ports")),
    )
    return ContainerView(container=container, endpoints=tuple(endpoints))


def details_from_inspect(raw: dict) -> ContainerDetails:
    """Aliases by network id and the exact start and exit times from a container inspect
    document; nothing else is kept (the document carries the environment, often secrets)."""
    settings = ((raw.get("NetworkSettings") or {}).get("Networks")) or {}
    aliases = {}
    for s in settings.values():
        s = s or {}
        if s.get("NetworkID"):
            aliases[s["NetworkID"]] = tuple(str(a) for a in (s.get("Aliases") or []))
    state = raw.get("State") or {}
    return ContainerDetails(
        aliases=aliases,
        started_at=_unix_seconds(state.get("StartedAt")),
        finished_at=_unix_seconds(state.get("FinishedAt")),
        configured_ports=configured_ports((raw.get("HostConfig") or {}).get("PortBindings")),
    )


def pid_from_inspect(raw: dict) -> int:
    """`State.Pid` of a container inspect document: 0 unless it is a positive integer."""
    pid = (raw.get("State") or {}).get("Pid")
    return pid if isinstance(pid, int) and not isinstance(pid, bool) and pid > 0 else 0


def _unix_seconds(value) -> int:
    """Docker's RFC 3339 time as Unix seconds; 0 for its "never" (year 1) or nothing."""
    if not value or not isinstance(value, str):
        return 0
    try:
        return max(0, rfc3339_to_nanos(value) // 1_000_000_000)
    except ValueError:
        return 0


def node(raw: dict, cluster: str) -> SwarmNode:
    spec, status = raw.get("Spec") or {}, raw.get("Status") or {}
    desc = raw.get("Description") or {}
    manager = raw.get("ManagerStatus") or {}
    address = status.get("Addr", "")
    if address in ("", "0.0.0.0") and manager.get("Addr"):  # noqa: S104 - reading
        address = manager["Addr"].rsplit(":", 1)[0]  # a manager's own may read 0.0.0.0
    return SwarmNode(
        id=raw["ID"],
        cluster=cluster,
        hostname=desc.get("Hostname", ""),
        address=address,
        role=spec.get("Role", ""),
        availability=spec.get("Availability", ""),
        state=status.get("State", "unknown"),
        leader=bool(manager.get("Leader")),
        reachability=manager.get("Reachability", ""),
        engine_version=(desc.get("Engine") or {}).get("EngineVersion", ""),
        labels=_text_dict(spec.get("Labels")),
    )


def service(raw: dict, cluster: str) -> Service:
    spec = raw.get("Spec") or {}
    template = spec.get("TaskTemplate") or {}
    image = ((template.get("ContainerSpec") or {}).get("Image") or "").split("@", 1)[0]
    mode = spec.get("Mode") or {}
    endpoint = raw.get("Endpoint") or {}
    networks = template.get("Networks") or spec.get("Networks") or []
    return Service(
        id=raw["ID"],
        cluster=cluster,
        name=spec.get("Name", ""),
        image=image,
        mode="global" if "Global" in mode else "replicated",
        replicas=(mode.get("Replicated") or {}).get("Replicas") if "Replicated" in mode else None,
        networks=tuple(n.get("Target", "") for n in networks if n.get("Target")),
        vips=tuple(
            (v.get("NetworkID", ""), v.get("Addr", "")) for v in endpoint.get("VirtualIPs") or ()
        ),
        ports=tuple(
            sorted(
                ServicePort(
                    target=int(p.get("TargetPort") or 0),
                    published=int(p.get("PublishedPort") or 0),
                    protocol=p.get("Protocol", "tcp"),
                    mode=p.get("PublishMode", "ingress"),
                )
                for p in endpoint.get("Ports") or ()
            )
        ),
        labels=_text_dict(spec.get("Labels")),
    )


def task(raw: dict, cluster: str) -> Task:
    status = raw.get("Status") or {}
    return Task(
        id=raw["ID"],
        cluster=cluster,
        service=raw.get("ServiceID", ""),
        node=raw.get("NodeID", ""),
        slot=int(raw.get("Slot") or 0),
        state=status.get("State", ""),
        desired_state=raw.get("DesiredState", ""),
        container=(status.get("ContainerStatus") or {}).get("ContainerID", ""),
        addresses=tuple(
            ((a.get("Network") or {}).get("ID", ""), address)
            for a in raw.get("NetworksAttachments") or ()
            for address in a.get("Addresses") or ()
        ),
        message=status.get("Err") or status.get("Message", ""),
    )


# Event types the watcher follows; swarm's are sent by managers only.
EVENT_TYPES = ("network", "container", "service", "node")


def event(raw: dict) -> Event | None:
    kind = raw.get("Type", "")
    if kind not in EVENT_TYPES:
        return None
    actor = raw.get("Actor") or {}
    attrs = actor.get("Attributes") or {}
    time_nano = int(raw.get("timeNano") or int(raw.get("time", 0)) * 1_000_000_000)
    return Event(
        kind=kind,
        action=(raw.get("Action") or raw.get("status") or "").split(":")[0],
        actor=actor.get("ID", ""),
        time_nano=time_nano,
        container=attrs.get("container", "") if kind == "network" else "",
        name=attrs.get("name", ""),
        scope=raw.get("scope", ""),
        task=attrs.get("com.docker.swarm.task.id", "") if kind == "container" else "",
    )
