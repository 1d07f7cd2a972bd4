"""How readable the map is at first sight, read through Cytoscape's public API in the page:
the smallest name drawn on screen, labels overlapping, the share of the canvas the drawing
covers, edge crossings and the longest edge. Used by the bench's readability rows and the
browser test of the first fit (tests/browser/test_first_sight.py). Also a small Compose-like
stack, made up in the socket's shape, for the bench (the browser test builds it for real)."""

from tests.harness.synthetic import ENGINE, _network, address, container

# In the page: `ids` (or null for every container and network) are the node ids whose names
# are measured; overlaps and crossings are counted over the whole map.
READABILITY_JS = """(ids) => {
  const cy = window.dashboardMap.cy;
  const W = cy.width(), H = cy.height();
  const named = cy.nodes("node.container, node.network")
    .filter((n) => !ids || ids.includes(n.id()));
  const px = (n) => parseFloat(n.renderedStyle("font-size"));
  const fonts = named.map(px);
  const drawnMin = (n) => parseFloat(n.style("min-zoomed-font-size")) || 0;
  const unnamed = named.filter((n) => !n.style("label") || px(n) < drawnMin(n)).length;
  // Labels drawn (not empty, at or above Cytoscape's minimum): their boxes on screen.
  const boxes = [];
  for (const n of cy.nodes()) {
    if (!n.visible() || !n.style("label") || px(n) < drawnMin(n)) continue;
    const b = n.renderedBoundingBox({ includeNodes: false, includeEdges: false,
      includeLabels: true, includeOverlays: false });
    if (b.w > 0 && b.h > 0) boxes.push(b);
  }
  boxes.sort((a, b) => a.x1 - b.x1);
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length && boxes[j].x1 < boxes[i].x2 - 1; j += 1) {
      const a = boxes[i], b = boxes[j];
      if (a.y1 < b.y2 - 1 && b.y1 < a.y2 - 1 && a.x2 - 1 > b.x1) overlaps += 1;
    }
  }
  const all = cy.elements(":visible").renderedBoundingBox({ includeLabels: true });
  const cover = Math.max(0, Math.min(W, all.x2) - Math.max(0, all.x1))
    * Math.max(0, Math.min(H, all.y2) - Math.max(0, all.y1));
  // Edges as straight segments between their ends on screen.
  const segs = cy.edges(":visible").map((e) => [e.source().id(), e.target().id(),
    e.source().renderedPosition(), e.target().renderedPosition()]);
  const cross = (p, q, r, s) => {
    const d = (a, b, c) => (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    return d(p, q, r) * d(p, q, s) < 0 && d(r, s, p) * d(r, s, q) < 0;
  };
  let crossings = 0;
  for (let i = 0; i < segs.length; i += 1) {
    for (let j = i + 1; j < segs.length; j += 1) {
      const [a1, a2, p, q] = segs[i], [b1, b2, r, s] = segs[j];
      if (a1 === b1 || a1 === b2 || a2 === b1 || a2 === b2) continue;
      if (cross(p, q, r, s)) crossings += 1;
    }
  }
  const diagonal = Math.hypot(W, H);
  const longest = Math.max(0, ...segs.map(([, , p, q]) => Math.hypot(p.x - q.x, p.y - q.y)));
  return {
    canvas: [W, H], drawing: [all.w, all.h], zoom: cy.zoom(),
    nodes: cy.nodes(":visible").length, edges: segs.length, names: named.length,
    smallest: fonts.length ? Math.min(...fonts) : 0, unnamed, labels: boxes.length, overlaps,
    coverage: cover / (W * H), crossings, longest: longest / diagonal,
  };
}"""


def stack_snapshot() -> dict:
    """A small Compose-like stack: 14 containers (a proxy, two web, two api, a worker, a db,
    a cache, an adminer, a monitor, two on the default bridge, two batch jobs) on its
    front/back/db/tools/batch networks and the default bridge (with host and none)."""
    names = ["stack_front", "stack_back", "stack_db", "stack_tools", "stack_batch", "bridge"]
    nets = []
    for i, name in enumerate([*names, "host", "none"]):
        n = _network(i + 1, 8)
        n.update(name=name, project="", labels={})
        if name.startswith("stack_"):
            n.update(project="stack", labels={"com.docker.compose.project": "stack"})
        if name in ("stack_db", "stack_batch"):
            n["internal"] = True
        if name in ("bridge", "host", "none"):
            n.update(predefined=True, driver={"host": "host", "none": "null"}.get(name, "bridge"))
            if name != "bridge":
                n["ipam"] = []
        nets.append(n)
    by = {n["name"]: n for n in nets}
    seated = {n["name"]: 0 for n in nets}

    def port(p, host_ip="0.0.0.0"):  # noqa: S104 - data
        loopback = host_ip == "127.0.0.1"
        return {"container_port": p, "protocol": "tcp", "host_ip": host_ip,
                "host_port": p + (8000 if p < 1000 else 0), "loopback": loopback}  # fmt: skip

    spec = [
        ("stack-proxy-1", ["stack_front"], [port(80), port(443)]),
        ("stack-web-1", ["stack_front", "stack_back"], []),
        ("stack-web-2", ["stack_front", "stack_back"], []),
        ("stack-api-1", ["stack_back", "stack_db"], []),
        ("stack-api-2", ["stack_back", "stack_db"], []),
        ("stack-worker-1", ["stack_back", "stack_batch"], []),
        ("stack-db-1", ["stack_db"], []),
        ("stack-cache-1", ["stack_back"], []),
        ("stack-adminer-1", ["stack_tools", "stack_db"], [port(8080, "127.0.0.1")]),
        ("stack-monitor-1", ["stack_tools", "stack_front"], []),
        ("legacy-1", ["bridge"], [port(9000)]),
        ("legacy-2", ["bridge"], []),
        ("stack-batch-1", ["stack_batch"], []),
        ("stack-batch-2", ["stack_batch"], []),
    ]
    ctrs, eps = [], []
    for j, (name, on, ports) in enumerate(spec):
        cid = f"d{j:063x}"
        project = "stack" if name.startswith("stack-") else ""
        ctrs.append(container(cid, name, [by[n]["id"] for n in on], ports, project))
        if project:
            ctrs[-1]["labels"] = {"com.docker.compose.project": project}
        for n in on:
            ip = address(by[n], seated[n])
            eps.append({"network": by[n]["id"], "container": cid,
                        "ipv4": ip, "ipv6": "", "mac": "", "aliases": []})  # fmt: skip
            seated[n] += 1
    engine = {"id": ENGINE, "status": "connected", "error": "", "server_version": "",
              "swarm": "", "drivers": ["bridge"], "host": ENGINE}  # fmt: skip
    topology = {"version": 1, "engines": [engine], "networks": nets,
                "containers": ctrs, "endpoints": eps}  # fmt: skip
    return {"type": "snapshot", "version": 1, "topology": topology}
