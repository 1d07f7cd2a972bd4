"""A two-host swarm in the socket's shape, built from the server's own records: two engines
(a manager and a worker, both watched) with their default networks, the ingress and one
attachable overlay across both, and a service of two tasks, one on each host. For the
bench's layout rows and the browser test of the first sight."""

from dashboard.topology.records import Container, Endpoint, EngineState, IpamPool, Network
from dashboard.topology.serialize import snapshot_dict
from dashboard.topology.snapshot import Topology
from dashboard.topology.swarm_records import Service, ServicePort, SwarmNode, Task


def swarm_snapshot() -> dict:
    """Two engines in one swarm (a manager and a worker, both watched), one overlay of
    their own beside Docker's ingress, and a service of two replicas, a task on each: the
    Docker facts as the server's snapshot holds them (records, serialized as it does)."""
    a, b = "host-a", "host-b"
    engines = {
        a: EngineState(a, "connected", swarm="active", drivers=("bridge", "overlay"), host=a,
                       node_id="node-a", cluster="cluster-1", manager=True, node_addr="10.9.0.2"),
        b: EngineState(b, "connected", swarm="active", drivers=("bridge", "overlay"), host=b,
                       node_id="node-b", cluster="cluster-1", node_addr="10.9.0.3"),
    }  # fmt: skip
    networks, seq = {}, iter(range(1, 100))

    def net(engine, name, driver, subnet="", **kw):
        nid = f"{next(seq):064x}"
        ipam = (IpamPool(subnet, subnet.rsplit(".", 1)[0] + ".1"),) if subnet else ()
        networks[nid] = Network(nid, engine, name, driver, ipam=ipam, **kw)
        return nid

    for i, e in enumerate((a, b)):
        default = {"com.docker.network.bridge.default_bridge": "true"}
        net(e, "bridge", "bridge", f"172.17.{i}.0/16", options=default)
        net(e, "host", "host")
        net(e, "none", "null")
        net(e, "docker_gwbridge", "bridge", f"172.18.{i}.0/16")
    both = (a, b)
    ingress = net(a, "ingress", "overlay", "10.0.0.0/24", scope="swarm", ingress=True, engines=both)
    app = net(a, "app_net", "overlay", "10.0.1.0/24", scope="swarm", attachable=True, engines=both)
    containers, endpoints, tasks = {}, {}, {}
    for slot, e in enumerate((a, b), start=1):
        cid = f"{slot:064x}"
        labels = {"com.docker.swarm.service.name": "web",
                  "com.docker.swarm.task.name": f"web.{slot}"}  # fmt: skip
        containers[cid] = Container(cid, e, f"web.{slot}.task{slot}", "nginx:alpine", "running",
                                    labels, (ingress, app), "default", created=1795860000,
                                    started_at=1795860000)  # fmt: skip
        addresses = ((ingress, f"10.0.0.{10 + slot}/24"), (app, f"10.0.1.{10 + slot}/24"))
        for nid, ip in addresses:
            endpoints[(nid, cid)] = Endpoint(nid, cid, ip)
        tid = f"task{slot}"
        tasks[tid] = Task(tid, "cluster-1", "svc-web", f"node-{e[-1]}", slot, "running",
                          "running", cid, addresses)  # fmt: skip
    nodes = {
        "node-a": SwarmNode("node-a", "cluster-1", a, "10.9.0.2", "manager", state="ready",
                            leader=True),
        "node-b": SwarmNode("node-b", "cluster-1", b, "10.9.0.3", "worker", state="ready"),
    }  # fmt: skip
    services = {
        "svc-web": Service("svc-web", "cluster-1", "web", "nginx:alpine", replicas=2,
                           networks=(ingress, app),
                           vips=((ingress, "10.0.0.5/24"), (app, "10.0.1.2/24")),
                           ports=(ServicePort(80, 8080),)),
    }  # fmt: skip
    t = Topology(1, engines, networks, containers, endpoints, nodes, services, tasks)
    return snapshot_dict(t)
