"""Test-side Docker helpers: the run label, the test image, labelled objects and their
cleanup, and Docker's own view of the topology to compare the dashboard with.

Tests talk to Docker through the SDK here, as the truth; the dashboard's own code reaches
Docker only through dashboard.engine.client.
"""

import io
import ipaddress
import os
import subprocess
import tarfile
import time
import uuid

import docker

RUN_ID = os.environ.get("DASHBOARD_TEST_RUN") or uuid.uuid4().hex[:10]
RUN_LABEL = "dashboard.test.run"
LABELS = {RUN_LABEL: RUN_ID}
IMAGE = f"dashboard-test-busybox:{RUN_ID}"
# Test subnets come from here, never from Docker's default pools (they run out near 30).
TEST_POOL = ipaddress.ip_network("10.224.0.0/12")


def busybox_path() -> str:
    for path in ("/bin/busybox", "/usr/bin/busybox"):
        if os.path.exists(path):
            return path
    raise RuntimeError("busybox is missing: apt-get install busybox-static")


def rootfs_tar() -> bytes:
    """A root filesystem holding only /bin/busybox and its applet links, as a tar."""
    path = busybox_path()
    applets = subprocess.run([path, "--list"], capture_output=True, text=True, check=True)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for d in ("bin", "tmp"):
            info = tarfile.TarInfo(d)
            info.type, info.mode = tarfile.DIRTYPE, 0o755
            tar.addfile(info)
        with open(path, "rb") as f:
            data = f.read()
        info = tarfile.TarInfo("bin/busybox")
        info.size, info.mode = len(data), 0o755
        tar.addfile(info, io.BytesIO(data))
        for name in applets.stdout.split():
            if name == "busybox":
                continue
            link = tarfile.TarInfo(f"bin/{name}")
            link.type, link.linkname = tarfile.SYMTYPE, "busybox"
            tar.addfile(link)
    return buf.getvalue()


def import_image(api: docker.APIClient, tag: str = IMAGE) -> str:
    """Build the test image with `docker import` (no registry is reachable here)."""
    repo, _, version = tag.partition(":")
    api.import_image_from_data(
        rootfs_tar(),
        repository=repo,
        tag=version,
        changes=["ENV PATH=/bin", 'CMD ["sh"]', f"LABEL {RUN_LABEL}={RUN_ID}"],
    )
    return tag


def cleanup(api: docker.APIClient) -> None:
    """Remove everything carrying this run's label, and nothing else."""
    flt = {"label": f"{RUN_LABEL}={RUN_ID}"}
    for c in api.containers(all=True, filters=flt):
        try:
            api.remove_container(c["Id"], force=True)
        except docker.errors.NotFound:
            pass
    for n in api.networks(filters=flt):
        for _ in range(3):
            try:
                api.remove_network(n["Id"])
                break
            except docker.errors.NotFound:
                break
            except docker.errors.APIError:
                time.sleep(0.5)  # endpoints of just-removed containers linger briefly


def taken_subnets(*apis: docker.APIClient) -> list[str]:
    subnets = []
    for api in apis:
        for n in api.networks():
            for p in (n.get("IPAM") or {}).get("Config") or []:
                if p.get("Subnet"):
                    subnets.append(p["Subnet"])
    routes = subprocess.run(["ip", "-4", "route"], capture_output=True, text=True).stdout
    subnets += [line.split()[0] for line in routes.splitlines() if "/" in line.split()[0]]
    return subnets


class Subnets:
    """Hands out /24s from TEST_POOL that no engine and no host route uses."""

    def __init__(self, *apis):
        self.apis = apis
        self.given: list[str] = []

    def next(self, prefixlen: int = 24) -> str:
        from dashboard.topology.addresses import free_subnet

        net = free_subnet(str(TEST_POOL), prefixlen, taken_subnets(*self.apis) + self.given)
        assert net is not None, "the test pool is full"
        self.given.append(str(net))
        return str(net)


def truth(api: docker.APIClient, run_only: bool = False) -> dict:
    """Docker's own answer, the slow, sure way: `docker network inspect` for every network
    and container inspect for every container, in the dashboard's JSON vocabulary. With
    `run_only`, kept to what this run owns (see `run_view`): for an engine that others
    change too."""
    networks, endpoints, ours = {}, {}, {"networks": set(), "containers": set()}
    for summary in api.networks():
        n = _inspect(api.inspect_network, summary["Id"])
        if n is None:
            continue
        networks[n["Id"]] = {
            "name": n["Name"],
            "driver": n["Driver"],
            "scope": n["Scope"],
            "internal": n["Internal"],
            "attachable": n["Attachable"],
            "enable_ipv6": n["EnableIPv6"],
            "ipam": sorted(
                (p.get("Subnet", ""), p.get("Gateway", ""), p.get("IPRange", ""))
                for p in (n["IPAM"].get("Config") or [])
            ),
            "labels": n.get("Labels") or {},
            "options": n.get("Options") or {},
        }
        if _ours(n.get("Labels")):
            ours["networks"].add(n["Id"])
        for cid, e in (n.get("Containers") or {}).items():
            if len(cid) != 64:  # lb-<net>, ingress-sbox: load balancer sandboxes, not containers
                continue
            endpoints[(n["Id"], cid)] = {
                "ipv4": e["IPv4Address"],
                "ipv6": e["IPv6Address"],
                "mac": e["MacAddress"],
            }
    containers = {}
    names = {v["name"]: k for k, v in networks.items()}
    for summary in api.containers(all=True):
        c = _inspect(api.inspect_container, summary["Id"])
        if c is None:
            continue
        nets = c["NetworkSettings"]["Networks"] or {}
        if _ours(c["Config"].get("Labels")):
            ours["containers"].add(c["Id"])
        containers[c["Id"]] = {
            "name": c["Name"].lstrip("/"),
            "state": c["State"]["Status"],
            # A stopped container keeps naming a network removed since; the dashboard shows
            # only networks that exist, so a name that resolves to nothing is left out.
            "networks": sorted(
                nid for k, s in nets.items() if (nid := s.get("NetworkID") or names.get(k, ""))
            ),
        }
    view = {"networks": networks, "containers": containers, "endpoints": endpoints}
    return run_view(view, **ours) if run_only else view


def _ours(labels) -> bool:
    return (labels or {}).get(RUN_LABEL) == RUN_ID


def run_view(view: dict, networks: set[str], containers: set[str]) -> dict:
    """A view of truth()'s shape kept to what this run owns, for an engine that others change
    at the same time (another test run, a user's containers): the containers and networks
    carrying the run's label (`containers`, `networks`: their ids, as the view's own side
    says), every endpoint of those containers, and the networks those containers are on
    (the built-in bridge, host and none: their facts, not their other members). A labelled
    object, or an endpoint of one, that one side has and the other lacks still differs."""
    kept = {k: v for k, v in view["containers"].items() if k in containers}
    endpoints = {k: v for k, v in view["endpoints"].items() if k[1] in kept}
    joined = {n for c in kept.values() for n in c["networks"]} | {k[0] for k in endpoints}
    return {
        "networks": {k: v for k, v in view["networks"].items() if k in networks | joined},
        "containers": kept,
        "endpoints": endpoints,
    }


def _inspect(call, object_id):
    """Inspect, or None for what went between the list and the inspect: a removed swarm
    network stays in the list for ~180 ms (until its destroy event), while its inspect
    already answers 404."""
    try:
        return call(object_id)
    except docker.errors.NotFound:
        return None


def from_api(topology: dict, engine: str | None = None, run_only: bool = False) -> dict:
    """The dashboard's /api/topology, reduced to truth()'s shape; with `run_only`, kept to
    what this run owns as the dashboard's labels say (see `run_view`)."""
    keep = (lambda obj: engine in obj.get("hosts", [obj["engine"]])) if engine else bool
    containers = {c["id"]: c for c in topology["containers"] if keep(c)}
    view = {
        "networks": {
            n["id"]: {
                "name": n["name"],
                "driver": n["driver"],
                "scope": n["scope"],
                "internal": n["internal"],
                "attachable": n["attachable"],
                "enable_ipv6": n["enable_ipv6"],
                "ipam": sorted((p["subnet"], p["gateway"], p["ip_range"]) for p in n["ipam"]),
                "labels": n["labels"],
                "options": n["options"],
            }
            for n in topology["networks"]
            if keep(n)
        },
        "containers": {
            cid: {"name": c["name"], "state": c["state"], "networks": sorted(c["networks"])}
            for cid, c in containers.items()
        },
        "endpoints": {
            (e["network"], e["container"]): {"ipv4": e["ipv4"], "ipv6": e["ipv6"], "mac": e["mac"]}
            for e in topology["endpoints"]
            if e["container"] in containers
        },
    }
    if not run_only:
        return view
    ours = {
        "networks": {n["id"] for n in topology["networks"] if keep(n) and _ours(n["labels"])},
        "containers": {cid for cid, c in containers.items() if _ours(c["labels"])},
    }
    return run_view(view, **ours)


def differences(api_view: dict, truth_view: dict) -> list[str]:
    """What differs between two views of truth()'s shape, for readable failures."""
    out = []
    for kind in ("networks", "containers", "endpoints"):
        a, b = api_view[kind], truth_view[kind]
        for key in sorted(set(a) | set(b), key=str):
            if a.get(key) != b.get(key):
                out.append(f"{kind} {key}: dashboard {a.get(key)} != docker {b.get(key)}")
    return out
