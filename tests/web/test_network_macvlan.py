"""macvlan and ipvlan networks through the create form, on a real engine that cannot touch
the host's interfaces: a dockerd in a network namespace of its own, whose parent
interfaces the test makes in that namespace."""

import contextlib
import shutil
import subprocess
import tempfile
from pathlib import Path

import docker
import pytest

from dashboard.engine.errors import Conflict
from dashboard.live.registry import set_hub
from scripts.harness.docker_env import LABELS, RUN_ID, import_image
from scripts.harness.two_hosts import Host, available
from tests.conftest import start_hub

pytestmark = pytest.mark.django_db

LABEL_LINES = "\n".join(f"{k}={v}" for k, v in LABELS.items())
ENGINE = "nshost"
TAG = RUN_ID[:6]
# Parents in the host's namespace: dummy interfaces where the kernel has them, else veth ends.
PARENTS = ("mvA", "mvB", "mvC")


def _ip(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["ip", *args], capture_output=True, text=True)


def _make_parents(netns: str) -> None:
    for name in PARENTS:
        made = _ip("-n", netns, "link", "add", name, "type", "dummy")
        if made.returncode != 0:  # a kernel without the dummy module
            made = _ip("-n", netns, "link", "add", name, "type", "veth", "peer", "name", name + "p")
            assert made.returncode == 0, made.stderr
            _ip("-n", netns, "link", "set", name + "p", "up")
        assert _ip("-n", netns, "link", "set", name, "up").returncode == 0


@pytest.fixture(scope="module")
def nshost():
    """One dockerd in a network namespace of its own (no swarm), with parent interfaces."""
    why = available()
    if why:
        pytest.skip(why)
    root = Path(tempfile.mkdtemp(prefix=f"dash-mv-{RUN_ID}-"))
    host = Host("mvhost", f"dash-{TAG}-mv", "", root)
    made_netns = False
    try:
        assert _ip("netns", "add", host.netns).returncode == 0
        made_netns = True
        _ip("-n", host.netns, "link", "set", "lo", "up")
        _make_parents(host.netns)
        host.dir.mkdir(parents=True, exist_ok=True)
        host.start()
        host.image = import_image(host.api(timeout=60))
        yield host
    finally:
        if host.running():
            _remove_labelled(host.api())
        host.stop()
        if made_netns:
            _ip("netns", "del", host.netns)
        subprocess.run(["umount", "-R", str(root)], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def _remove_labelled(api) -> None:
    label = [f"{k}={v}" for k, v in LABELS.items()]
    for c in api.containers(all=True, filters={"label": label}):
        with contextlib.suppress(docker.errors.APIError):
            api.remove_container(c["Id"], force=True)
    for n in api.networks(filters={"label": label}):
        with contextlib.suppress(docker.errors.APIError):
            api.remove_network(n["Id"])


@pytest.fixture
def hub(nshost):
    hub = start_hub({ENGINE: nshost.url})
    assert hub.synced(20), "the hub did not sync with the namespaced engine"
    yield hub
    hub.stop_thread()
    set_hub(None)
    _remove_labelled(nshost.api())


def post(client, name: str, **fields):
    data = {"engine": ENGINE, "name": f"{name}-{TAG}", "labels": LABEL_LINES, **fields}
    return client.post("/networks/new/", data)


def made(api, name: str) -> list[dict]:
    return [n for n in api.networks() if n["Name"] == f"{name}-{TAG}"]


@pytest.mark.parametrize(
    ("driver", "parent", "mode"),
    [("macvlan", "mvA", "vepa"), ("macvlan", "mvA", "private"), ("ipvlan", "mvB", "l3")],
)
def test_it_creates_a_network_on_the_parent_with_the_mode_given(
    op_client, hub, nshost, driver, parent, mode
):
    r = post(op_client, "lan", driver=driver, parent=parent, **{f"{driver}_mode": mode})
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    nets = made(nshost.api(), "lan")
    assert len(nets) == 1
    got = nshost.api().inspect_network(nets[0]["Id"])
    assert got["Driver"] == driver
    assert got["Options"] == {"parent": parent, f"{driver}_mode": mode}


def test_a_container_on_the_macvlan_network_gets_an_address(op_client, hub, nshost):
    r = post(op_client, "lan", driver="macvlan", parent="mvA", macvlan_mode="bridge")
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    api = nshost.api()
    cid = api.create_container(
        nshost.image,
        command="sleep 3600",
        labels=LABELS,
        host_config=api.create_host_config(network_mode=f"lan-{TAG}", init=False),
        stop_signal="SIGKILL",
    )["Id"]
    api.start(cid)
    addresses = api.inspect_container(cid)["NetworkSettings"]["Networks"][f"lan-{TAG}"]
    assert addresses["IPAddress"] and addresses["MacAddress"]


@pytest.mark.parametrize("driver", ["macvlan", "ipvlan"])
@pytest.mark.parametrize("parent", ["nosuch0", "nosuch0.5"])
def test_a_parent_the_host_lacks_is_a_plain_error_on_the_field(
    op_client, hub, nshost, driver, parent
):
    r = post(op_client, "lost", driver=driver, parent=parent)
    assert r.status_code == 400
    errors = r.context["form"].errors
    assert any("has no interface nosuch0" in e for e in errors.get("parent", [])), errors
    assert made(nshost.api(), "lost") == []


@pytest.mark.parametrize(
    ("parent", "words"),
    [
        ("mvA.1.2", "no interface mvA.1.2"),
        ("mvA.x", "not a VLAN number"),
        ("mvA.5000", "VLAN 5000 is outside 1–4094"),
    ],
)
def test_a_vlan_docker_cannot_read_is_a_plain_error_on_the_field(
    op_client, hub, nshost, parent, words
):
    r = post(op_client, "vlan", driver="macvlan", parent=parent)
    assert r.status_code == 400
    errors = r.context["form"].errors
    assert any(words in e for e in errors.get("parent", [])), errors
    assert made(nshost.api(), "vlan") == []


def test_a_vlan_sub_interface_is_made_or_refused_in_plain_words(op_client, hub, nshost):
    # Whether Docker can make eth0.10 depends on the kernel (802.1Q): either way is true.
    r = post(op_client, "vlan", driver="ipvlan", parent="mvB.10")
    if r.status_code == 302:
        (net,) = made(nshost.api(), "vlan")
        assert nshost.api().inspect_network(net["Id"])["Options"]["parent"] == "mvB.10"
        assert _ip("-n", nshost.netns, "link", "show", "mvB.10").returncode == 0
    else:
        assert r.status_code == 400
        errors = r.context["form"].errors
        assert any("could not make the VLAN sub-interface mvB.10" in e for e in errors["parent"])
        assert made(nshost.api(), "vlan") == []


def test_a_parent_in_use_is_refused_before_docker_and_by_docker_in_plain_words(
    op_client, hub, nshost
):
    first = post(op_client, "lan", driver="macvlan", parent="mvC")
    assert first.status_code == 302
    nid = made(nshost.api(), "lan")[0]["Id"]
    assert hub.wait_for(lambda t: nid in t.networks, 5)
    # The form knows the engine's networks: refused before Docker, naming the holder.
    r = post(op_client, "again", driver="macvlan", parent="mvC", macvlan_mode="bridge")
    assert r.status_code == 400
    errors = r.context["form"].errors
    assert any(f"lan-{TAG}" in e and "mvC" in e for e in errors.get("parent", [])), errors
    assert made(nshost.api(), "again") == []
    # Docker's own refusal, for a request that does not go through the form's checks.
    spec = {"name": f"again-{TAG}", "driver": "macvlan", "labels": LABELS}
    with pytest.raises(Conflict) as refused:
        hub.engine_client(ENGINE).create_network({**spec, "options": {"parent": "mvC"}})
    assert refused.value.field == "parent"
    assert "already uses the parent interface mvC" in refused.value.message
    assert made(nshost.api(), "again") == []


def test_parent_and_mode_are_refused_for_a_bridge(op_client, hub, nshost):
    r = post(op_client, "br", driver="bridge", parent="mvA", ipvlan_mode="l2")
    assert r.status_code == 400
    errors = r.context["form"].errors
    assert "parent" in errors and "ipvlan_mode" in errors
    assert made(nshost.api(), "br") == []


def test_ipvlan_l3s_is_made_or_refused_in_plain_words(op_client, hub, nshost):
    # l3s came after Engine 20.10, which refuses it: either way the user reads the truth.
    r = post(op_client, "l3s", driver="ipvlan", parent="mvB", ipvlan_mode="l3s")
    if r.status_code == 302:
        (net,) = made(nshost.api(), "l3s")
        assert nshost.api().inspect_network(net["Id"])["Options"]["ipvlan_mode"] == "l3s"
    else:
        assert r.status_code == 400
        errors = r.context["form"].errors
        assert any("does not know the ipvlan mode l3s" in e for e in errors["ipvlan_mode"])
        assert made(nshost.api(), "l3s") == []
