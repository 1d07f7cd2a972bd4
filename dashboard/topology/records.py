"""The project's own typed view of Docker's networking objects.

Everything Docker returns becomes one of these at the engine boundary. Dict fields hold
Docker's free text (labels, options); they are compared, never hashed. A swarm's own records
(nodes, services, tasks) are in swarm_records.py; the gateway to show for a pool in
pool_gateways.py.
"""

from dataclasses import dataclass, field, replace
from typing import ClassVar

from dashboard.topology import wire
from dashboard.topology.addresses import parse_network, usable_size

CONNECTED = "connected"
DISCONNECTED = "disconnected"
CONNECTING = "connecting"

# Container states whose endpoints `docker network inspect` lists (a container whose start
# failed stays `created` yet keeps endpoint ids in the list call: it is not attached).
LIVE_STATES = frozenset({"running", "paused", "restarting"})
# The networks every engine has and that cannot be removed or recreated.
PREDEFINED_NAMES = frozenset({"bridge", "host", "none"})
# The drivers Docker has built in; any other is a plugin's (Weave, Calico and the like).
BUILTIN_DRIVERS = frozenset({"bridge", "host", "null", "overlay", "macvlan", "ipvlan"})
# The labels Docker Compose puts on what it creates.
COMPOSE_PROJECT = "com.docker.compose.project"
COMPOSE_SERVICE = "com.docker.compose.service"
# Swarm's network (and Linux bridge) that gives containers on overlays a way out.
GATEWAY_BRIDGE = "docker_gwbridge"


@dataclass(frozen=True, slots=True)
class IpamPool:
    subnet: str
    gateway: str = ""
    ip_range: str = ""


@dataclass(frozen=True, slots=True)
class Network:
    id: str
    engine: str
    name: str
    driver: str
    scope: str = "local"
    internal: bool = False
    attachable: bool = False
    ingress: bool = False
    enable_ipv6: bool = False
    ipam: tuple[IpamPool, ...] = ()
    options: dict = field(default_factory=dict)
    labels: dict = field(default_factory=dict)
    created: str = ""
    # Every watched engine that reports it, when more than one does: a swarm network has
    # one id cluster-wide. Empty for a network on one engine (`engine` alone). It travels
    # as "hosts", the engines it is on, one or more.
    engines: tuple[str, ...] = field(
        default=(),
        metadata=wire.shaped(
            "hosts",
            lambda n: list(n.hosts),
            lambda d: tuple(d.get("hosts", ())) if d.get("spanning") else (),
        ),
    )

    wire_extras: ClassVar[dict] = {
        "bridge": "bridge_name",
        "icc": "icc",
        "predefined": "predefined",
        "project": "compose_project",
        "usable_ipv4": "usable_ipv4",
        "spanning": "spanning",
        "plugin": "plugin",
    }

    @property
    def hosts(self) -> tuple[str, ...]:
        """The watched engines this network is on."""
        return self.engines or (self.engine,)

    def on(self, engine: str) -> bool:
        return engine == self.engine or engine in self.engines

    @property
    def plugin(self) -> bool:
        """Its driver is a plugin's: the plugin, not Docker, decides what passes."""
        return self.driver not in BUILTIN_DRIVERS

    @property
    def spanning(self) -> bool:
        """On more than one watched engine: one network drawn across its hosts."""
        return len(self.engines) > 1

    @property
    def bridge_name(self) -> str:
        """The Linux bridge behind a bridge network: docker0 for the default, else br-<id12>."""
        if self.driver != "bridge":
            return ""
        return self.options.get("com.docker.network.bridge.name") or f"br-{self.id[:12]}"

    @property
    def icc(self) -> bool:
        """Whether containers on this bridge may talk to each other (Docker's default: yes)."""
        value = self.options.get("com.docker.network.bridge.enable_icc", "true")
        return str(value).lower() not in {"false", "0"}

    @property
    def default_bridge(self) -> bool:
        return self.options.get("com.docker.network.bridge.default_bridge") == "true"

    @property
    def predefined(self) -> bool:
        """One of the networks Docker makes itself (bridge, host, none): never removed."""
        return (
            self.name in PREDEFINED_NAMES or self.driver in ("host", "null") or self.default_bridge
        )

    @property
    def user_defined(self) -> bool:
        """Made by someone: Docker's embedded DNS answers names only on these."""
        return not self.predefined

    @property
    def compose_project(self) -> str:
        return self.labels.get(COMPOSE_PROJECT, "")

    @property
    def connectable(self) -> bool:
        """Whether a container can be connected later (`docker network connect`): not to
        host or none, which a container joins only when it is created."""
        return self.driver not in ("host", "null")

    @property
    def gateway_bridge(self) -> bool:
        return self.name == GATEWAY_BRIDGE

    @property
    def usable_ipv4(self) -> int:
        """Addresses Docker's IPAM can hand out on this network's IPv4 subnets."""
        nets = (parse_network(p.subnet) for p in self.ipam)
        return sum(usable_size(n) for n in nets if n is not None and n.version == 4)


@dataclass(frozen=True, slots=True, order=True)
class PortBinding:
    """One port as Docker reports it: published on a host address and port, or only
    exposed (host_port 0). IPv4 and IPv6 bindings of one -p are two, as Docker lists them."""

    container_port: int
    protocol: str = "tcp"
    host_ip: str = ""
    host_port: int = 0  # 0: exposed, not published (or a port Docker will pick, configured)

    wire_extras: ClassVar[dict] = {"loopback": "loopback"}

    @property
    def published(self) -> bool:
        return self.host_port != 0

    @property
    def loopback(self) -> bool:
        """Reachable from the host alone."""
        return self.host_ip.startswith("127.") or self.host_ip == "::1"

    @property
    def every_address(self) -> bool:
        """Bound on every address of the host (0.0.0.0, ::, or left empty)."""
        return self.host_ip in ("", "0.0.0.0", "::")  # noqa: S104 - reading, not binding

    @property
    def family(self) -> int:
        return 6 if ":" in self.host_ip else 4

    def overlaps(self, other: "PortBinding") -> bool:
        """Whether the two ask for the same host port on a shared address."""
        if not (self.host_port and self.host_port == other.host_port):
            return False
        if self.protocol != other.protocol:
            return False
        if self.host_ip == other.host_ip or "" in (self.host_ip, other.host_ip):
            return True
        if self.family != other.family:
            return False
        return self.every_address or other.every_address

    def __str__(self) -> str:
        if not self.published:
            return f"{self.container_port}/{self.protocol}"
        host = f"[{self.host_ip}]" if self.family == 6 else self.host_ip or "*"
        return f"{host}:{self.host_port} → {self.container_port}/{self.protocol}"


@dataclass(frozen=True, slots=True)
class Container:
    id: str
    engine: str
    name: str
    image: str = ""
    state: str = ""
    labels: dict = field(default_factory=dict)
    networks: tuple[str, ...] = ()  # ids of the networks it is configured on
    network_mode: str = ""
    # Facts only: Docker's own status text ("Up 25 seconds") changes with the clock, not
    # with Docker, and is derived from these where it is shown.
    created: int = 0  # Unix seconds
    started_at: int = 0  # Unix seconds of the last start; 0 while unknown
    finished_at: int = 0  # Unix seconds of the last exit; 0 while unknown
    exit_code: int | None = None  # of the last exit, for exited, dead and restarting ones
    health: str = ""  # "", "starting", "healthy" or "unhealthy"
    ports: tuple[PortBinding, ...] = ()  # as the list reports them (running ones only)
    # What it asks for (container inspect): a stopped container's claims, for conflicts.
    configured_ports: tuple[PortBinding, ...] = ()

    wire_extras: ClassVar[dict] = {
        "live": "live",
        "host_network": "host_network",
        "project": "compose_project",
        "service": "compose_service",
    }

    @property
    def compose_project(self) -> str:
        return self.labels.get(COMPOSE_PROJECT, "")

    @property
    def compose_service(self) -> str:
        return self.labels.get(COMPOSE_SERVICE, "")

    @property
    def host_network(self) -> bool:
        """In the host's own network stack: every port it listens on is the host's."""
        return self.network_mode == "host"

    @property
    def published(self) -> tuple[PortBinding, ...]:
        return tuple(p for p in self.ports if p.published)

    @property
    def live(self) -> bool:
        """Attached to its networks now (running, paused or restarting)."""
        return self.state in LIVE_STATES

    @property
    def stack_owner(self) -> str:
        """For `container:X` mode, the X whose network stack this container uses; else ""."""
        mode = self.network_mode
        return mode.split(":", 1)[1] if mode.startswith("container:") else ""


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A live attachment, as `docker network inspect` lists it under Containers."""

    network: str
    container: str
    ipv4: str = ""  # CIDR form, as Docker gives it
    ipv6: str = ""
    mac: str = ""
    aliases: tuple[str, ...] = ()
    # The gateways the container was given on this network (the container list's
    # NetworkSettings.Networks): the default bridge's even where its IPAM config has none.
    gateway: str = ""
    ipv6_gateway: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.network, self.container)


@dataclass(frozen=True, slots=True)
class EngineState:
    id: str
    status: str = CONNECTING
    error: str = ""
    server_version: str = ""
    swarm: str = ""  # Docker's LocalNodeState: inactive, active, ...
    drivers: tuple[str, ...] = ()
    host: str = ""
    # Its place in a swarm: the node it is, of which cluster, and whether it manages it
    # (only a manager answers for the cluster: nodes, services, tasks).
    node_id: str = ""
    cluster: str = ""
    manager: bool = False
    node_addr: str = ""
    # Why the cluster could not be read from this manager (no leader, say): what the map
    # shows of the cluster is then the last state read, and stale.
    cluster_error: str = ""


@dataclass(frozen=True, slots=True)
class ContainerDetails:
    """What only container inspect tells, and the dashboard keeps: the aliases on each
    network (by network id) and the exact start and exit times."""

    aliases: dict = field(default_factory=dict)
    started_at: int = 0
    finished_at: int = 0
    configured_ports: tuple = ()  # PortBinding from HostConfig.PortBindings


@dataclass(frozen=True, slots=True)
class ContainerView:
    """One container as read from the engine, with its live endpoints."""

    container: Container
    endpoints: tuple[Endpoint, ...] = ()

    def with_details(self, d: ContainerDetails) -> "ContainerView":
        """This view with what inspects and events told (the list cannot): the aliases on
        each network, and the later of each time (times only move forward)."""
        c = self.container
        return ContainerView(
            replace(
                c,
                started_at=max(c.started_at, d.started_at),
                finished_at=max(c.finished_at, d.finished_at),
                configured_ports=d.configured_ports or c.configured_ports,
            ),
            tuple(replace(e, aliases=d.aliases.get(e.network, e.aliases)) for e in self.endpoints),
        )


@dataclass(frozen=True, slots=True)
class Event:
    """One Docker event, reduced to what the topology needs."""

    kind: str = field(metadata=wire.key("type"))  # "network", "container", "service", "node"
    action: str
    actor: str = field(metadata=wire.key("id"))  # full id of the network or container
    time_nano: int
    container: str = ""  # for network connect/disconnect: the container's id
    name: str = ""
    # What history keeps of an event ends here.
    scope: str = field(default="", metadata=wire.left_out())  # "swarm": a manager's word
    task: str = field(default="", metadata=wire.left_out())  # the swarm task it is about
    attempt: int = field(default=0, metadata=wire.left_out())  # re-checks so far
