"""Where the map puts each node on a first render: the rules of static/js/placement.js, so
that diagrams exported by the server look like the map. Both are held to the same figures
by tests/shared/placement-case.json.

Each engine's networks sit in rows on a lattice of slots (as many rows as make the engine
about 1.8 times as wide as high), ordered so that networks sharing containers are side by
side and a Compose project's are together; a container sits in the slot nearest to half-way
between its networks of its home's row, above the row when it publishes a port (between
the host and its network), below otherwise."""

import math

from dashboard.topology.store import Topology

GOLDEN_ANGLE = 2.399963
SLOT_X = 110
SLOT_Y = 50
NET_SLOTS = 2
ASPECT = 2.5
ENGINE_GAP = 1
ROW_GAP = 3  # slots between a swarm's rows: the engines, networks across them, services
ROW_STEP = 2  # slots between two nodes of such a row


def across(i: int) -> int:
    """The i-th place of a row that grows from its middle: 0, 1, -1, 2, -2, ..."""
    return (i + 1) // 2 if i % 2 else -(i // 2)


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


def _published(c) -> bool:
    return any(p.host_port for p in c.ports)


def js_round(x: float) -> int:
    """JavaScript's Math.round: halves go up."""
    return math.floor(x + 0.5)


class Lattice:
    """One engine's slots (placement.js's Lattice): columns are networks (or anchors of
    networks across engines), wrapped into rows; a slot is (row, x, level)."""

    def __init__(self, x0: int, columns: list[str], containers: int, published: int):
        self.x0 = x0
        self.cols = {key: i for i, key in enumerate(columns)}
        n = max(1, len(columns))

        def depth(k):
            return math.ceil(k / n / 3)

        row_height = (max(1, depth(containers - published)) + depth(published) + 2) * SLOT_Y
        per = math.ceil(math.sqrt((n * ASPECT * row_height) / (NET_SLOTS * SLOT_X)))
        self.per_row = max(1, min(n, per))
        self.used: set[tuple[int, int, int]] = set()
        self.taken: dict[str, dict] = {}
        self.above: dict[int, int] = {}
        self.below: dict[int, int] = {}
        self.row_y: list[float] | None = None
        self.hosted = 0
        self.orphans = 0

    def width(self) -> int:
        return max(1, min(len(self.cols), self.per_row)) * NET_SLOTS

    def column_of(self, key: str) -> int:
        if key not in self.cols:
            self.cols[key] = len(self.cols)
        return self.cols[key]

    def _row_of(self, col: int) -> int:
        return col // self.per_row

    def _x_of(self, col: int) -> int:
        return (col % self.per_row) * NET_SLOTS

    def stack(self) -> None:
        self.row_y = []
        y = 0.0
        rows = max(1, math.ceil(len(self.cols) / self.per_row))
        for r in range(rows):
            if r > 0:
                y += (self.above.get(r, 0) + 1) * SLOT_Y
            self.row_y.append(y)
            y += (self.below.get(r, 0) + 1) * SLOT_Y

    def _y(self, row: int) -> float:
        if self.row_y is None:
            return 0.0
        last = len(self.row_y) - 1
        if row <= last:
            return self.row_y[row]
        return self.row_y[last] + (row - last) * 4 * SLOT_Y

    def network_at(self, key: str) -> tuple[float, float]:
        col = self.column_of(key)
        return ((self.x0 + self._x_of(col)) * SLOT_X, self._y(self._row_of(col)))

    def host_at(self) -> tuple[float, float]:
        mid = self.x0 + (self.width() - 1) / 2
        return (mid * SLOT_X, -(self.above.get(0, 0) + 1.5) * SLOT_Y)

    def beside(self) -> tuple[float, float]:
        k = self.hosted
        self.hosted += 1
        x, y = self.host_at()
        return (x + (-1 if k % 2 else 1) * (k // 2 + 0.8) * SLOT_X, y)

    def take(self, cid: str, home_col: int | None, cols: list[int], published: bool) -> dict:
        if cid in self.taken:
            return self.taken[cid]
        if home_col is None:
            k = self.orphans
            self.orphans += 1
            rows = max(1, math.ceil(len(self.cols) / self.per_row))
            w = self.width() * 2
            slot = {"row": rows, "x": k % w, "level": 1 + k // w, "orphan": True}
        else:
            row = self._row_of(home_col)
            same = [self._x_of(c) for c in cols if self._row_of(c) == row]
            ideal = js_round(sum(same) / len(same))
            last = self.width() - 1
            sign = -1 if published else 1
            depths = self.above if published else self.below
            slot = None
            level = 1 if published else 0
            while slot is None:
                for dx in (0, -1, 1):
                    x = ideal + dx
                    own = level == 0 and x % NET_SLOTS == 0  # a network's own spot
                    if x < 0 or x > last or own or (row, x, sign * level) in self.used:
                        continue
                    self.used.add((row, x, sign * level))
                    slot = {"row": row, "x": x, "level": sign * level, "orphan": False}
                    depths[row] = max(depths.get(row, 0), level)
                    break
                level += 1
        self.taken[cid] = slot
        return slot

    def at(self, slot: dict) -> tuple[float, float]:
        if slot["orphan"]:
            above = slot["row"] - 1
            y = self._y(above) + (self.below.get(above, 0) + slot["level"]) * SLOT_Y + SLOT_Y
            return ((self.x0 + slot["x"] / 2) * SLOT_X, y)
        return ((self.x0 + slot["x"]) * SLOT_X, self._y(slot["row"]) + slot["level"] * SLOT_Y)


def _chain(keys: list[str], homes: dict, pairs: dict) -> list[str]:
    """placement.js's chain: grown at both ends, the fullest first, then the one sharing the
    most containers with either end."""
    rank = {k: i for i, k in enumerate(keys)}
    fullest = sorted(keys, key=lambda k: (-homes.get(k, 0), rank[k]))
    left = set(keys)
    out: list[str] = []
    nxt = 0

    def better(k, n, best, best_n):
        return (n, homes.get(k, 0), -rank[k]) > (best_n, homes.get(best, 0), -rank[best])

    while left:
        best, best_n, at_start = None, 0, False
        ends = [(out[-1], False), (out[0], True)] if out else []
        for end, start in ends:
            for k, n in pairs.get(end, {}).items():
                if k not in left or n <= 0:
                    continue
                if best is None or better(k, n, best, best_n):
                    best, best_n, at_start = k, n, start
        if best is None:
            while fullest[nxt] not in left:
                nxt += 1
            best = fullest[nxt]
        left.discard(best)
        if at_start:
            out.insert(0, best)
        else:
            out.append(best)
    return out


def network_columns(t: Topology) -> dict[str, list[str]]:
    """Each engine's columns in order (placement.js's networkColumns)."""
    homes: dict[str, int] = {}
    pairs: dict[str, dict[str, int]] = {}

    def key_of(nid, engine):
        return f"{nid}@{engine}" if t.networks[nid].spanning else nid

    for c in t.containers.values():
        if c.host_network:
            continue
        home = home_network(t, c)
        if not home:
            continue
        hk = key_of(home, c.engine)
        homes[hk] = homes.get(hk, 0) + 1
        if len(c.networks) < 2:
            continue
        keys = list(dict.fromkeys(key_of(n, c.engine) for n in c.networks if n in t.networks))
        for a in keys:
            row = pairs.setdefault(a, {})
            for b in keys:
                if a != b:
                    row[b] = row.get(b, 0) + 1
    out = {}
    nets = draw_order(t.networks.values())
    for engine in t.engines:
        groups: dict[str, list[str]] = {}
        empty: list[str] = []

        def add(key, project, groups=groups, empty=empty):
            if key not in homes:
                empty.append(key)
            else:
                groups.setdefault(project, []).append(key)

        for n in nets:
            if n.spanning:
                if f"{n.id}@{engine}" in homes:
                    add(f"{n.id}@{engine}", "")
            elif n.engine == engine:
                add(n.id, n.compose_project or "")
        order = sorted(groups, key=lambda p: (p == "", p))
        cols = [k for p in order for k in _chain(groups[p], homes, pairs)]
        out[engine] = cols + empty
    return out


class Placement:
    def __init__(self, t: Topology):
        self.t = t
        self.slots: dict[str, tuple[float, float]] = {}
        self.lattices: dict[str, Lattice] = {}
        self.shared = 0  # networks across engines placed so far
        self.right = 0
        columns = network_columns(t)
        for engine in t.engines:
            mine = [c for c in t.containers.values() if c.engine == engine]
            published = sum(1 for c in mine if _published(c))
            lattice = self._engine(engine, columns.get(engine, []), len(mine), published)
            for c in mine:
                self._slot_of(c, lattice)
            lattice.stack()
        self.planned: dict[str, tuple[float, float]] = {}
        for n in draw_order(t.networks.values()):
            self.network_position(n)
        for c in t.containers.values():
            self.planned[c.id] = self._place(c)

    def _engine(self, engine: str, cols: list[str], containers: int, published: int) -> Lattice:
        lattice = Lattice(self.right, cols, containers, published)
        self.lattices[engine] = lattice
        self.right = lattice.x0 + lattice.width() + ENGINE_GAP
        return lattice

    def _lattice(self, engine: str) -> Lattice:
        return self.lattices.get(engine) or self._engine(engine, [], 0, 0)

    def _top(self) -> float:
        return min([0.0, *(lat.host_at()[1] for lat in self.lattices.values())])

    def _middle(self) -> float:
        """Half-way across the engines placed so far: a swarm's rows are centred on it."""
        xs = [lat.host_at()[0] for lat in self.lattices.values()]
        return sum(xs) / len(xs) if xs else 0.0

    def host_position(self, engine: str) -> tuple[float, float]:
        return self._lattice(engine).host_at()

    def network_position(self, n) -> tuple[float, float]:
        """A network on several engines: in a row just above them all, from the middle out;
        else its column's head."""
        if n.id not in self.slots:
            if n.spanning:
                x = self._middle() + across(self.shared) * ROW_STEP * SLOT_X
                self.slots[n.id] = (x, self._top() - ROW_GAP * SLOT_Y)
                self.shared += 1
            else:
                self.slots[n.id] = self._lattice(n.engine).network_at(n.id)
        return self.slots[n.id]

    def container_position(self, c) -> tuple[float, float]:
        return self.planned[c.id]

    def _place(self, c) -> tuple[float, float]:
        lattice = self._lattice(c.engine)
        if c.host_network:
            return lattice.beside()
        return lattice.at(self._slot_of(c, lattice))

    def _slot_of(self, c, lattice: Lattice):
        if c.host_network:
            return None
        home = home_network(self.t, c)

        def key_of(nid):
            return f"{nid}@{c.engine}" if self.t.networks[nid].spanning else nid

        if not home:
            return lattice.take(c.id, None, [], False)
        home_col = lattice.column_of(key_of(home))
        keys = [key_of(n) for n in c.networks if n in self.t.networks]
        near = [lattice.cols[k] for k in keys if k in lattice.cols]
        return lattice.take(c.id, home_col, near, _published(c))

    def all(self) -> dict[str, tuple[float, float]]:
        """Every node's position, in the map's drawing order: hosts, networks, containers."""
        out = {f"h:{e}": self.host_position(e) for e in self.t.engines}
        for n in draw_order(self.t.networks.values()):
            out[f"n:{n.id}"] = self.network_position(n)
        for c in self.t.containers.values():
            out[f"c:{c.id}"] = self.container_position(c)
        return out
