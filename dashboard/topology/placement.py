"""Where the map puts each node on a first render: the rules of static/js/placement.js, so
that diagrams exported by the server look like the map. Both are held to the same figures
by tests/shared/placement-case.json."""

import math

from dashboard.topology.store import Topology

GOLDEN_ANGLE = 2.399963


def ring_radius(j: float) -> float:
    return 70 + 22 * math.sqrt(j)


def home_network(t: Topology, c) -> str | None:
    """The first of its networks the topology knows, one of its own Compose project's first
    (as static/js/placement.js)."""
    known = [nid for nid in c.networks if nid in t.networks]
    project = c.compose_project
    own = [nid for nid in known if project and t.networks[nid].compose_project == project]
    alone = [nid for nid in known if not t.networks[nid].spanning]
    return (own or alone or known or [None])[0]


def draw_order(networks) -> list:
    """Networks in the order the map draws them: by name, then id (code point order)."""
    return sorted(networks, key=lambda n: (n.name, n.id))


class Placement:
    def __init__(self, t: Topology):
        self.t = t
        per_network: dict[str, int] = {}
        for c in t.containers.values():
            home = home_network(t, c)
            if home:
                per_network[home] = per_network.get(home, 0) + 1
        self.spacing = 2 * ring_radius(max([1, *per_network.values()])) + 160
        by_engine: dict[str, int] = {}
        for n in t.networks.values():
            if not n.spanning:
                by_engine[n.engine] = by_engine.get(n.engine, 0) + 1
        self.cols = max(1, math.ceil(math.sqrt(max([*by_engine.values(), 1]))))
        self.origins: dict[str, dict] = {}
        x = 0.0
        for engine in t.engines:
            self.origins[engine] = {"x": x, "y": 0.0, "next": 0, "orphans": 0}
            x += (min(by_engine.get(engine, 0), self.cols) + 1) * self.spacing
        self.slots: dict[str, tuple[float, float]] = {}
        self.rings: dict[str, int] = {}
        self.shared = 0  # networks across engines placed so far

    def host_position(self, engine: str) -> tuple[float, float]:
        o = self._origin(engine)
        return (o["x"], o["y"] - self.spacing / 2)

    def network_position(self, n) -> tuple[float, float]:
        """A network on several engines: in a row above them all; else the next cell of
        its engine's grid."""
        if n.id not in self.slots:
            if n.spanning:
                self.slots[n.id] = (self.shared * self.spacing, -1.5 * self.spacing)
                self.shared += 1
            else:
                self.slots[n.id] = self._cell(n.engine)
        return self.slots[n.id]

    def anchor_position(self, network_id: str, engine: str) -> tuple[float, float]:
        """Where an engine's containers on a network across engines gather."""
        key = f"{network_id}@{engine}"
        if key not in self.slots:
            self.slots[key] = self._cell(engine)
        return self.slots[key]

    def _cell(self, engine: str) -> tuple[float, float]:
        o = self._origin(engine)
        i = o["next"]
        o["next"] += 1
        return (o["x"] + (i % self.cols) * self.spacing, o["y"] + (i // self.cols) * self.spacing)

    def container_position(self, c) -> tuple[float, float]:
        if c.host_network:
            return self._on_spiral(f"host:{c.engine}", self.host_position(c.engine))
        home = home_network(self.t, c)
        if home and self.t.networks[home].spanning:
            key = f"{home}@{c.engine}"
            return self._on_spiral(key, self.anchor_position(home, c.engine))
        if home:
            return self._on_spiral(home, self.network_position(self.t.networks[home]))
        o = self._origin(c.engine)
        k = o["orphans"]
        o["orphans"] += 1
        rows = math.ceil(max(o["next"], 1) / self.cols)
        return (o["x"] + (k % 20) * 60, o["y"] + rows * self.spacing + (k // 20) * 60)

    def all(self) -> dict[str, tuple[float, float]]:
        """Every node's position, in the map's drawing order: hosts, networks, containers."""
        out = {f"h:{e}": self.host_position(e) for e in self.t.engines}
        for n in draw_order(self.t.networks.values()):
            out[f"n:{n.id}"] = self.network_position(n)
        for c in self.t.containers.values():
            out[f"c:{c.id}"] = self.container_position(c)
        return out

    def _on_spiral(self, key: str, centre: tuple[float, float]) -> tuple[float, float]:
        j = self.rings.get(key, 0) + 1
        self.rings[key] = j
        r = ring_radius(j)
        return (
            centre[0] + r * math.cos(j * GOLDEN_ANGLE),
            centre[1] + r * math.sin(j * GOLDEN_ANGLE),
        )

    def _origin(self, engine: str) -> dict:
        if engine not in self.origins:
            right = max([0.0, *(o["x"] for o in self.origins.values())])
            self.origins[engine] = {
                "x": right + (self.cols + 1) * self.spacing,
                "y": 0.0,
                "next": 0,
                "orphans": 0,
            }
        return self.origins[engine]
