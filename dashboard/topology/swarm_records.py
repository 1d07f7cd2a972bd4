"""Swarm's records: what a manager tells of the whole cluster (its nodes, services and tasks).

Ids are Docker's; each record names its cluster, so that two watched managers of one swarm
give the same records.
"""

from dataclasses import dataclass, field
from typing import ClassVar

from dashboard.topology import wire

SWARM_LIVE_TASK_STATES = frozenset({"running"})
# A task Docker still means to run (it keeps up to five old ones per slot in /tasks).
TASK_WANTED = frozenset({"running", "ready", "accepted", "new", "pending", "assigned"})


@dataclass(frozen=True, slots=True)
class SwarmNode:
    id: str
    cluster: str
    hostname: str
    address: str = ""
    role: str = "worker"  # or manager
    availability: str = "active"  # active, pause or drain
    state: str = "unknown"  # ready, down, disconnected, unknown
    leader: bool = False
    reachability: str = ""  # managers only: reachable or unreachable
    engine_version: str = ""
    labels: dict = field(default_factory=dict)

    wire_extras: ClassVar[dict] = {"up": "up"}

    @property
    def up(self) -> bool:
        return self.state == "ready"


@dataclass(frozen=True, slots=True, order=True)
class ServicePort:
    target: int
    published: int = 0
    protocol: str = "tcp"
    mode: str = "ingress"  # ingress: every node's port; host: the port of the task's node

    def __str__(self) -> str:
        if not self.published:
            return f"{self.target}/{self.protocol}"
        where = "every node" if self.mode == "ingress" else "its node"
        return f"{self.published} → {self.target}/{self.protocol} ({where})"


@dataclass(frozen=True, slots=True)
class Service:
    id: str
    cluster: str
    name: str
    image: str = ""
    mode: str = "replicated"  # or global
    replicas: int | None = None  # desired, for a replicated service
    networks: tuple[str, ...] = ()  # network ids its tasks join
    # (network id, virtual IP in CIDR form)
    vips: tuple[tuple[str, str], ...] = field(default=(), metadata=wire.pairs("network", "address"))
    ports: tuple[ServicePort, ...] = ()
    labels: dict = field(default_factory=dict)

    def vip_on(self, network: str) -> str:
        return next((addr for nid, addr in self.vips if nid == network), "")


@dataclass(frozen=True, slots=True)
class Task:
    id: str
    cluster: str
    service: str
    node: str = ""
    slot: int = 0
    state: str = ""
    desired_state: str = ""
    container: str = ""  # the container's id on its node, once it has one
    # (network id, address in CIDR form)
    addresses: tuple[tuple[str, str], ...] = field(
        default=(), metadata=wire.pairs("network", "address")
    )
    message: str = ""  # Docker's word on its state; its error when it failed

    wire_extras: ClassVar[dict] = {"live": "live"}

    @property
    def live(self) -> bool:
        return self.state in SWARM_LIVE_TASK_STATES
