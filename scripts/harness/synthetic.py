"""A topology made up, in the socket's shape, for what one machine's engine cannot hold (a
5,000-container render): the browser bench and the folding tests route it into the map's
socket. The same paths are tested with a real engine beside it."""

ENGINE = "synthetic"


def _network(i: int, count: int) -> dict:
    # /16s while they fit in 10/8, /24s beyond (each network holds far fewer than 254 here)
    if count <= 250:
        subnet, usable = f"10.{i}.0.0/16", 65534
    else:
        subnet, usable = f"10.{100 + i // 256}.{i % 256}.0/24", 254
    return {
        "id": f"{i:064x}",
        "engine": ENGINE,
        "name": f"net-{i}",
        "driver": "bridge",
        "scope": "local",
        "internal": False,
        "attachable": False,
        "ingress": False,
        "enable_ipv6": False,
        "ipam": [{"subnet": subnet, "gateway": "", "ip_range": ""}],
        "options": {},
        "labels": {},
        "created": "",
        "bridge": f"br-{i:012x}",
        "icc": True,
        "predefined": False,
        "project": f"project-{i % 10}" if i < 20 else "",
        "usable_ipv4": usable,
    }


def address(network: dict, k: int) -> str:
    """The k-th container address on a made-up network (k from 0)."""
    base, prefix = network["ipam"][0]["subnet"].split("/")
    a, b, c, _ = (int(x) for x in base.split("."))
    if prefix == "16":
        return f"{a}.{b}.{k // 250}.{k % 250 + 2}/16"
    return f"{a}.{b}.{c}.{k + 2}/24"


def container(cid: str, name: str, networks: list[str], ports=(), project="", state="running"):
    live = state == "running"
    return {
        "id": cid,
        "engine": ENGINE,
        "name": name,
        "image": "busybox",
        "state": state,
        "labels": {},
        "networks": networks,
        "network_mode": "bridge",
        "created": 1795860000,
        "started_at": 1795860000,
        "finished_at": 0 if live else 1795860100,
        "exit_code": None if live else 0,
        "health": "",
        "ports": list(ports),
        "configured_ports": [],
        "live": live,
        "host_network": False,
        "project": project,
        "service": "svc" if project else "",
    }


def synthetic_snapshot(containers: int = 1000, networks: int = 100) -> dict:
    """`containers` spread evenly over `networks`, a fifth on a second network too, a third
    with a published port, a quarter in one of 10 Compose projects, one in 23 stopped."""
    nets = [_network(i, networks) for i in range(networks)]
    seated = [0] * networks
    ctrs, eps = [], []
    for j in range(containers):
        cid = f"c{j:063x}"
        homes = list(dict.fromkeys([j % networks] + ([(j * 7) % networks] if j % 5 == 0 else [])))
        ports = []
        if j % 3 == 0:
            loopback = bool(j % 2)
            host_ip = "127.0.0.1" if loopback else "0.0.0.0"  # noqa: S104 - data
            ports = [{"container_port": 80, "protocol": "tcp", "host_ip": host_ip,
                      "host_port": 20000 + j, "loopback": loopback}]  # fmt: skip
        state = "exited" if j % 23 == 22 else "running"
        project = f"project-{j % 10}" if j % 4 == 0 else ""
        ctrs.append(container(cid, f"ctr-{j}", [nets[i]["id"] for i in homes],
                              ports if state == "running" else [], project, state))  # fmt: skip
        if state != "running":
            continue
        for i in homes:
            eps.append({"network": nets[i]["id"], "container": cid,
                        "ipv4": address(nets[i], seated[i]), "ipv6": "",
                        "mac": "02:42:00:00:00:00", "aliases": []})  # fmt: skip
            seated[i] += 1
    engine = {"id": ENGINE, "status": "connected", "error": "", "server_version": "",
              "swarm": "", "drivers": ["bridge"], "host": ENGINE}  # fmt: skip
    topology = {"version": 1, "engines": [engine], "networks": nets,
                "containers": ctrs, "endpoints": eps}  # fmt: skip
    return {"type": "snapshot", "version": 1, "topology": topology}


def patch(base: int, up=(), up_endpoints=(), gone=(), gone_endpoints=()) -> dict:
    """A patch on version `base`: containers and endpoints upserted, and removed."""
    return {
        "type": "patch",
        "base": base,
        "version": base + 1,
        "upsert": {"networks": [], "containers": list(up), "endpoints": list(up_endpoints)},
        "remove": {"networks": [], "containers": list(gone), "endpoints": list(gone_endpoints)},
        "engines": [],
    }


def patch_adding(snapshot: dict, network_index: int, cid: str, name: str, base: int) -> dict:
    """The patch that starts one more container on a network of `snapshot`."""
    net = snapshot["topology"]["networks"][network_index]
    endpoint = {
        "network": net["id"],
        "container": cid,
        "ipv4": address(net, 240),
        "ipv6": "",
        "mac": "",
        "aliases": [],
    }
    return patch(base, up=[container(cid, name, [net["id"]])], up_endpoints=[endpoint])


def patch_starting(snapshot: dict, base: int, nth: int = 0) -> dict:
    """The patch that starts the `nth` stopped container of `snapshot` (from 0)."""
    stopped = [c for c in snapshot["topology"]["containers"] if not c["live"]][nth]
    started = {**stopped, "state": "running", "live": True, "exit_code": None, "finished_at": 0}
    return patch(base, up=[started])
