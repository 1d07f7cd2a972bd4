"""What a network-create request asks for (`NetworkSpec`), and what its checks compare it
against (`Context`): the forms build the one, the views the other, validation.py judges."""

from dataclasses import dataclass, field

from dashboard.topology.records import Network


@dataclass
class Pool:
    subnet: str = ""
    gateway: str = ""
    ip_range: str = ""


@dataclass
class NetworkSpec:
    name: str
    driver: str = "bridge"
    pools: list[Pool] = field(default_factory=list)  # IPv4
    ipv6_pools: list[Pool] = field(default_factory=list)
    enable_ipv6: bool = False
    internal: bool = False
    attachable: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    options: dict[str, str] = field(default_factory=dict)

    def as_engine_spec(self) -> dict:
        pools = [p for p in self.pools + self.ipv6_pools if p.subnet]
        return {
            "name": self.name,
            "driver": self.driver,
            "pools": [
                {"subnet": p.subnet, "gateway": p.gateway, "ip_range": p.ip_range} for p in pools
            ],
            "enable_ipv6": self.enable_ipv6,
            "internal": self.internal,
            "attachable": self.attachable,
            "labels": self.labels,
            "options": self.options,
        }


@dataclass
class Context:
    """What the checks compare against: the engine's networks, drivers, swarm state, and
    the host's own routes (for a local engine)."""

    networks: list[Network]
    drivers: tuple[str, ...] = ("bridge", "host", "null", "overlay", "macvlan", "ipvlan")
    swarm_active: bool = False
    host_routes: list[tuple[str, str]] = field(default_factory=list)  # (cidr, interface)


# (field, message) pairs in plain words: what every check adds to.
Errors = list[tuple[str, str]]
