"""An overlay across the two hosts with a container on each, proven to carry traffic before
any test looks at the dashboard: a broken harness must never pass as a working map."""

from dataclasses import dataclass

import docker
import pytest

from scripts.harness.docker_env import LABELS, RUN_ID
from tests.conftest import start_hub
from tests.harness.wait import eventually


@dataclass
class Wired:
    overlay: str  # network id
    overlay_name: str
    web: str  # container id on hosta
    probe: str  # container id on hostb
    web_ip: str


def _run(host, name: str, network: str) -> str:
    api = host.api()
    cid = api.create_container(
        host.image,
        command="sleep 3600",
        name=name,
        labels=LABELS,
        host_config=api.create_host_config(network_mode=network, init=False),
        stop_signal="SIGKILL",
    )["Id"]
    api.start(cid)
    return cid


@pytest.fixture(scope="module")
def wired(two_hosts, subnets):
    a, b = two_hosts.a, two_hosts.b
    name = f"t{RUN_ID[:6]}-span"
    ipam = docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet=subnets.next())])
    overlay = a.api().create_network(
        name, driver="overlay", attachable=True, ipam=ipam, labels=LABELS
    )["Id"]
    made = []
    try:
        web = _run(a, f"t{RUN_ID[:6]}-web", name)
        made.append((a, web))
        probe = _run(b, f"t{RUN_ID[:6]}-probe", name)
        made.append((b, probe))
        web_ip = a.api().inspect_container(web)["NetworkSettings"]["Networks"][name]["IPAddress"]
        code, out = b.exec(probe, "ping", "-c", "1", "-W", "3", web_ip)
        assert code == 0, f"the overlay carries no traffic from hostb to hosta: {out}"
        yield Wired(overlay, name, web, probe, web_ip)
    finally:
        for host, cid in made:
            try:
                host.api().remove_container(cid, force=True)
            except docker.errors.APIError:
                pass
        eventually(lambda: _removed(a, overlay), 10, 0.3)


def _removed(host, network: str) -> bool:
    try:
        host.api().remove_network(network)
    except docker.errors.NotFound:
        return True
    except docker.errors.APIError:
        return False
    return True


def _watching(engines: dict[str, str]):
    from dashboard.live.registry import set_hub

    hub = start_hub(engines)
    assert hub.synced(20), f"the hub did not sync with {', '.join(engines)}"
    yield hub
    hub.stop_thread()
    set_hub(None)


@pytest.fixture
def manager_hub(two_hosts):
    """A hub watching hosta (the manager) only."""
    yield from _watching({"hosta": two_hosts.a.url})


@pytest.fixture
def both_hub(two_hosts):
    """A hub watching both hosts directly."""
    yield from _watching({h.name: h.url for h in two_hosts.hosts})


@pytest.fixture
def service(two_hosts, wired):
    """A labelled service with two replicas on the overlay, published on the ingress."""
    api = two_hosts.a.api()
    spec = docker.types.TaskTemplate(
        docker.types.ContainerSpec(
            two_hosts.a.image, ["sleep", "3600"], labels=LABELS, stop_grace_period=0
        ),
        networks=[docker.types.NetworkAttachmentConfig(wired.overlay_name)],
    )
    name = f"t{RUN_ID[:6]}-svc"
    sid = api.create_service(
        spec,
        name=name,
        labels=LABELS,
        mode=docker.types.ServiceMode("replicated", 2),
        endpoint_spec=docker.types.EndpointSpec(ports={18080: 80}),
    )["ID"]
    yield {"id": sid, "name": name, "spec": spec}
    try:
        api.remove_service(sid)
    except docker.errors.NotFound:
        pass
