"""The view to draw, in plain shapes: what the filters leave, where the map would put it
(dashboard.topology.placement), and how it looks (static/js/palette.json)."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.topology.placement import Placement
from dashboard.topology.store import Topology
from dashboard.topology.view import Filters, project_key, visible

PALETTE = json.loads(
    (Path(__file__).resolve().parents[3] / "static" / "js" / "palette.json").read_text()
)
NETWORK_SIZE = (150, 64)
CONTAINER_SIZE = (18, 18)
HOST_SIZE = (120, 40)


@dataclass
class Node:
    id: str
    kind: str  # engine, host, network, container
    lines: list[str]  # the label, one line a list item (Docker's text: escape it)
    x: float = 0.0  # centre
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0
    colour: str = "#1d2733"
    dashed: bool = False
    parent: str = ""  # the engine's box


@dataclass
class Edge:
    id: str
    source: str
    target: str
    label: str = ""
    kind: str = "endpoint"  # endpoint, configured, shares, published, loopback, hostnet
    colour: str = "#94a3b8"


@dataclass
class Diagram:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    projects: dict[str, list[str]] = field(default_factory=dict)  # "engine|name" -> node ids

    def node(self, node_id: str) -> Node:
        return next(n for n in self.nodes if n.id == node_id)


def binding_label(p) -> str:
    return str(p)


def build(t: Topology, f: Filters | None = None) -> Diagram:
    f = f or Filters()
    networks, containers = visible(t, f)
    where = Placement(t).all()
    d = Diagram()
    for e in t.engines.values():
        x, y = where[f"h:{e.id}"]
        d.nodes.append(
            Node(
                f"h:{e.id}",
                "host",
                [f"host {e.host or e.id}"],
                x,
                y,
                *HOST_SIZE,
                PALETTE["host"]["border"],
                parent=f"g:{e.id}",
            )
        )
    order = {key: i for i, key in enumerate(where)}
    for nid in sorted(networks, key=lambda i: order[f"n:{i}"]):
        n = t.networks[nid]
        style = PALETTE["drivers"].get(n.driver, PALETTE["plugin"])
        flags = ", ".join(
            x for x in ("internal" if n.internal else "", "" if n.icc else "icc off") if x
        )
        lines = [
            n.name,
            n.driver
            + (f" · {n.bridge_name}" if n.bridge_name else "")
            + (f" · {flags}" if flags else ""),
        ]
        subnets = ", ".join(p.subnet for p in n.ipam if p.subnet)
        if subnets:
            lines.append(subnets)
        if n.spanning:
            lines.append(f"across {', '.join(n.hosts)}")
        x, y = where[f"n:{nid}"]
        d.nodes.append(
            Node(
                f"n:{nid}",
                "network",
                lines,
                x,
                y,
                *NETWORK_SIZE,
                style["colour"],
                n.internal,
                "" if n.spanning else f"g:{n.engine}",  # across engines: in no box
            )
        )
        if project_key(n):
            d.projects.setdefault(project_key(n), []).append(f"n:{nid}")
    attached: dict[str, dict] = {}  # container -> {network: endpoint}, built once
    for e in t.endpoints.values():
        attached.setdefault(e.container, {})[e.network] = e
    for cid in containers:
        c = t.containers[cid]
        state = "running" if c.live and c.state != "paused" else "paused" if c.live else "stopped"
        x, y = where[f"c:{cid}"]
        d.nodes.append(
            Node(
                f"c:{cid}",
                "container",
                [c.name, f"{c.state} · {c.image}"],
                x,
                y,
                *CONTAINER_SIZE,
                PALETTE["container"][state],
                not c.live,
                f"g:{c.engine}",
            )
        )
        if project_key(c):
            d.projects.setdefault(project_key(c), []).append(f"c:{cid}")
        d.edges += _edges(c, attached.get(cid, {}), networks, containers)
    for e in t.engines.values():
        members = [n for n in d.nodes if n.parent == f"g:{e.id}"]
        left = min(n.x - n.width / 2 for n in members) - 30
        top = min(n.y - n.height / 2 for n in members) - 40
        right = max(n.x + n.width / 2 for n in members) + 30
        bottom = max(n.y + n.height / 2 for n in members) + 40
        d.nodes.insert(
            0,
            Node(
                f"g:{e.id}",
                "engine",
                [e.id + ("" if e.status == "connected" else f" ({e.status})")],
                (left + right) / 2,
                (top + bottom) / 2,
                right - left,
                bottom - top,
                "#cbd5e1",
            ),
        )
    return d


def _edges(c, attached: dict, networks: set[str], containers: set[str]) -> list[Edge]:
    out = []
    for nid, e in attached.items():
        if nid in networks:
            out.append(Edge(f"e:{nid}|{c.id}", f"n:{nid}", f"c:{c.id}", e.ipv4 or e.ipv6))
    for nid in c.networks:
        if nid in networks and nid not in attached:
            out.append(
                Edge(f"e:{nid}|{c.id}", f"n:{nid}", f"c:{c.id}", "", "configured", "#cbd5e1")
            )
    if c.stack_owner and c.stack_owner in containers:
        out.append(
            Edge(
                f"s:{c.id}", f"c:{c.stack_owner}", f"c:{c.id}", "shares stack", "shares", "#64748b"
            )
        )
    for p in c.published:
        kind = "loopback" if p.loopback else "published"
        colour = PALETTE["published"]["loopback" if p.loopback else "open"]
        out.append(
            Edge(
                f"p:{c.id}|{p.host_ip}|{p.host_port}|{p.protocol}",
                f"h:{c.engine}",
                f"c:{c.id}",
                binding_label(p),
                kind,
                colour,
            )
        )
    if c.host_network:
        out.append(
            Edge(
                f"H:{c.id}",
                f"h:{c.engine}",
                f"c:{c.id}",
                "host network",
                "hostnet",
                PALETTE["hostnet"],
            )
        )
    return out
