"""How readable the map is at first sight, read through Cytoscape's public API in the page:
the smallest name drawn on screen, labels overlapping, the share of the canvas the drawing
covers, edge crossings and the longest edge. Used by the bench's readability rows and the
browser test of the first fit (tests/browser/test_first_sight.py). Also a small Compose-like
stack, made up in the socket's shape, for the bench (the browser test builds it for real)."""

from pathlib import Path

from scripts.harness.browser import page_function
from scripts.harness.synthetic import ENGINE, _network, address, container

READABILITY_JS = page_function(Path(__file__).with_name("readability.js"))


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
