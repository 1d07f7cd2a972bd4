"""Creating networks through the form, against the real engine."""

import contextlib

import pytest

from dashboard.live.registry import set_hub
from scripts.harness.docker_env import LABELS, RUN_ID, RUN_LABEL
from tests.conftest import start_hub

pytestmark = pytest.mark.django_db

LABEL_LINES = "\n".join(f"{k}={v}" for k, v in LABELS.items())


@pytest.fixture
def created(docker_api):
    """Networks the form made, removed afterwards (they carry the run label)."""
    ids = []
    yield ids
    for nid in ids:
        try:
            docker_api.remove_network(nid)
        except Exception:  # noqa: BLE001, S110 - already gone
            pass


def post(client, subnets, **fields):
    data = {
        "engine": "local",
        "name": f"form-{RUN_ID}-{len(subnets.given)}",
        "driver": "bridge",
        "pool1_subnet": subnets.next(),
        "labels": LABEL_LINES,
    }
    data.update(fields)
    response = client.post("/networks/new/", data)
    response.sent = data
    return response


def docker_networks(api):
    return {n["Id"] for n in api.networks()}


def made_since(api, before: set[str], r) -> list[str]:
    """Networks that appeared since `before` and that the form post `r` could have made
    (its name, or this run's label): other runs share the engine and meanwhile make and
    remove networks of their own."""
    return [
        n["Name"]
        for n in api.networks()
        if n["Id"] not in before
        and (n["Name"] == r.sent["name"] or (n.get("Labels") or {}).get(RUN_LABEL) == RUN_ID)
    ]


def test_it_needs_the_operator_role(client, viewer_client, hub, subnets, docker_api):
    before = docker_networks(docker_api)
    viewer_client.logout()
    r = post(client, subnets)
    assert r.status_code == 302 and r.url.startswith("/login/")
    assert made_since(docker_api, before, r) == []


def test_a_viewer_is_forbidden(viewer_client, hub, subnets, docker_api):
    before = docker_networks(docker_api)
    assert viewer_client.get("/networks/new/").status_code == 403
    r = post(viewer_client, subnets)
    assert r.status_code == 403
    assert made_since(docker_api, before, r) == []


def test_the_form_offers_a_free_subnet_of_the_chosen_size(op_client, hub, make):
    import ipaddress

    taken = [ipaddress.ip_network(p.subnet) for n in hub.current.networks.values() for p in n.ipam]
    for prefix in (24, 20):
        r = op_client.get(f"/networks/new/?prefix={prefix}")
        suggestion = ipaddress.ip_network(r.context["suggestion"])
        assert suggestion.prefixlen == prefix
        assert not any(suggestion.overlaps(t) for t in taken)
        assert r.context["form"]["pool1_subnet"].value() == str(suggestion)


def test_it_creates_a_bridge_with_subnet_gateway_range_labels_and_mtu(
    op_client, hub, subnets, docker_api, created
):
    subnet = subnets.next()
    base = subnet.rsplit(".", 1)[0]
    r = post(
        op_client,
        subnets,
        name=f"full-{RUN_ID}",
        pool1_subnet=subnet,
        pool1_gateway=f"{base}.254",
        pool1_ip_range=f"{base}.128/25",
        mtu="1400",
        icc="false",
        bridge_name=f"dash{RUN_ID[:6]}",
        labels=LABEL_LINES + "\nteam=<b>net</b>",
        attachable="on",
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    nid = r.url.strip("/").split("/")[-1]
    created.append(nid)
    n = docker_api.inspect_network(nid)
    assert n["IPAM"]["Config"] == [
        {"Subnet": subnet, "Gateway": f"{base}.254", "IPRange": f"{base}.128/25"}
    ]
    assert n["Options"]["com.docker.network.driver.mtu"] == "1400"
    assert n["Options"]["com.docker.network.bridge.enable_icc"] == "false"
    assert n["Labels"]["team"] == "<b>net</b>" and n["Attachable"]
    page = op_client.get(r.url).content.decode()
    assert "Created network" in page and "&lt;b&gt;net&lt;/b&gt;" in page
    assert hub.current.networks[nid].name == f"full-{RUN_ID}"


def test_it_creates_an_internal_network(op_client, hub, subnets, docker_api, created):
    r = post(op_client, subnets, internal="on")
    assert r.status_code == 302
    created.append(r.url.strip("/").split("/")[-1])
    assert docker_api.inspect_network(created[0])["Internal"] is True


def test_it_creates_an_ipv6_network(op_client, hub, subnets, docker_api, created):
    r = post(op_client, subnets, enable_ipv6="on", ipv6_subnet=f"fd{RUN_ID[:2]}:{RUN_ID[2:6]}::/64")
    assert r.status_code == 302, r.content.decode()[:3000]
    created.append(r.url.strip("/").split("/")[-1])
    assert docker_api.inspect_network(created[0])["EnableIPv6"] is True


def existing_name(api):
    return next(n["Name"] for n in api.networks() if n["Name"] not in ("bridge", "host", "none"))


# (field, overrides, words the field's error holds). Each is refused before Docker.
BAD = [
    ("name", {"name": ""}, "Give the network a name"),
    ("name", {"name": "-leading-dash"}, "read it as an option"),
    ("name", {"name": "a/b"}, "A / cannot be part of a name"),
    ("name", {"name": "bell\x07"}, "control characters"),
    ("name", {"name": "x" * 256}, "limited to 255"),
    ("name", {"name": "bridge"}, "one of Docker's own"),
    ("name", {"name": "none"}, "one of Docker's own"),
    ("name", {"name": "default"}, "one of Docker's own"),
    ("pool1_subnet", {"pool1_subnet": "10.1.2.300/24"}, "not a subnet in CIDR form"),
    (
        "pool1_subnet",
        {"pool1_subnet": "10.180.0.1/24"},
        "host bits set; the subnet is 10.180.0.0/24",
    ),
    ("pool1_subnet", {"pool1_subnet": "10.180.0.0/31"}, "/30 is the smallest"),
    ("pool1_subnet", {"pool1_subnet": "10.180.0.0"}, "has no prefix length"),
    ("pool1_subnet", {"pool1_subnet": "0.0.0.0/24"}, "never routable"),
    ("pool1_subnet", {"pool1_subnet": "240.0.5.0/24"}, "reserved (240.0.0.0/4)"),
    (
        "ipv6_gateway",
        {
            "enable_ipv6": "on",
            "ipv6_subnet": "fd00:77::/64",
            "ipv6_gateway": "fd00:77::ffff:ffff:ffff:ffff",
        },
        "the last address of fd00:77::/64",
    ),
    ("ipv6_subnet", {"enable_ipv6": "on", "ipv6_subnet": "fd00:78::/127"}, "no address for a"),
    ("ipv6_subnet", {"enable_ipv6": "on", "ipv6_subnet": "fe80::/64"}, "link-local"),
    (
        "pool1_subnet",
        {"pool1_subnet": "172.17.5.0/24", "pool1_ip_range": "172.17.5.0/25"},
        "overlaps 172.17.0.0/16 of the network “bridge”",
    ),
    ("pool1_subnet", {"pool1_subnet": "::ffff:10.185.0.0/120"}, "IPv4-mapped"),
    ("pool1_subnet", {"pool1_subnet": "fd00::/64"}, "is IPv6"),
    ("pool1_subnet", {"pool1_subnet": "127.0.0.0/24"}, "loopback"),
    (
        "pool1_gateway",
        {"pool1_subnet": "10.181.0.0/24", "pool1_gateway": "10.182.0.1"},
        "outside 10.181.0.0/24",
    ),
    (
        "pool1_gateway",
        {"pool1_subnet": "10.181.0.0/24", "pool1_gateway": "10.181.0.0"},
        "network address",
    ),
    (
        "pool1_gateway",
        {"pool1_subnet": "10.181.0.0/24", "pool1_gateway": "10.181.0.255"},
        "broadcast address",
    ),
    (
        "pool1_gateway",
        {"pool1_subnet": "10.181.0.0/24", "pool1_gateway": "gateway"},
        "not an IP address",
    ),
    (
        "pool1_ip_range",
        {"pool1_subnet": "10.181.0.0/24", "pool1_ip_range": "10.182.0.0/25"},
        "not inside the subnet",
    ),
    (
        "pool1_ip_range",
        {"pool1_subnet": "10.181.0.0/24", "pool1_ip_range": "10.181.0.0/23"},
        "not inside the subnet",
    ),
    ("pool1_subnet", {"pool1_subnet": "", "pool1_gateway": "10.181.0.1"}, "needs a subnet"),
    (
        "pool2_subnet",
        {"pool1_subnet": "10.181.0.0/24", "pool2_subnet": "10.183.0.0/24"},
        "one IPv4 subnet",
    ),
    ("ipv6_subnet", {"enable_ipv6": "on"}, "IPv6 needs an IPv6 subnet"),
    ("ipv6_subnet", {"enable_ipv6": "on", "ipv6_subnet": "fd00::1/128"}, "/126 is the smallest"),
    ("enable_ipv6", {"ipv6_subnet": "fd00:99::/64"}, "Switch IPv6 on"),
    ("bridge_name", {"bridge_name": "docker0"}, "docker0 is the default bridge's"),
    ("bridge_name", {"bridge_name": "a-very-long-bridge-name"}, "at most 15"),
    (
        "options",
        {"options": "com.docker.network.bridge.default_bridge=true"},
        "reserved for docker0",
    ),
    ("icc", {"options": "com.docker.network.bridge.enable_icc=yes"}, "true or false"),
    ("mtu", {"mtu": "abc"}, "68 to 65535"),
    ("mtu", {"mtu": "65536"}, "68 to 65535"),
    ("mtu", {"mtu": "²"}, "68 to 65535"),  # str.isdigit() says yes; int() raises
    ("mtu", {"mtu": "١٥٠٠"}, "68 to 65535"),  # int() reads 1500: Docker would not
    ("mtu", {"mtu": "1e3"}, "68 to 65535"),
    ("mtu", {"options": "com.docker.network.driver.mtu=99999999999999999999"}, "68 to 65535"),
    ("mtu", {"options": "com.docker.network.driver.mtu=²"}, "68 to 65535"),
    ("host_binding_ipv4", {"host_binding_ipv4": "300.1.1.1"}, "not an IPv4 address"),
    ("labels", {"labels": "no-value-here"}, "key=value"),
    ("labels", {"labels": "a=1\na=2"}, "given twice"),
    ("options", {"options": "bad key=1"}, "Docker's guideline"),
    ("labels", {"labels": "<b>=1"}, "Docker's guideline"),
    (
        "options",
        {"options": "com.docker.network.driver.mtu=1400", "mtu": "1500"},
        "both here and in its own field",
    ),
]


@pytest.mark.parametrize(
    "field,overrides,words", BAD, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD)]
)
def test_bad_input_gets_its_field_error_and_docker_is_untouched(
    op_client, hub, subnets, docker_api, field, overrides, words
):
    before = docker_networks(docker_api)
    client = hub.engine_client("local")
    calls = len(client.calls)
    r = post(op_client, subnets, **overrides)
    assert r.status_code == 400
    errors = r.context["form"].errors
    assert field in errors, errors
    assert any(words in e for e in errors[field]), errors[field]
    assert made_since(docker_api, before, r) == []
    assert ("POST", "/networks/create") not in client.calls[calls:], "refused before Docker"


def test_a_duplicate_name_is_refused(op_client, hub, subnets, docker_api, make):
    name = make.network()["Name"]
    assert hub.wait_for(lambda t: any(n.name == name for n in t.networks.values()))
    r = post(op_client, subnets, name=name)
    assert r.status_code == 400 and "already exists" in r.context["form"].errors["name"][0]


def test_an_overlapping_subnet_names_the_network(op_client, hub, subnets, make):
    net = make.network()
    assert hub.wait_for(lambda t: net["Id"] in t.networks)
    subnet = net["IPAM"]["Config"][0]["Subnet"]
    r = post(op_client, subnets, pool1_subnet=subnet)
    assert f"of the network “{net['Name']}”" in r.context["form"].errors["pool1_subnet"][0]


def test_a_kernel_refusal_is_put_in_plain_words_and_leaves_nothing(
    op_client, hub, subnets, docker_api
):
    if "macvlan" not in hub.current.engines["local"].drivers:
        pytest.skip("this engine offers no macvlan driver")
    before = docker_networks(docker_api)
    r = post(op_client, subnets, driver="macvlan")
    if r.status_code == 302:  # a kernel that supports macvlan
        nid = r.url.strip("/").split("/")[-1]
        docker_api.remove_network(nid)
        pytest.skip("this kernel supports macvlan")
    assert r.status_code == 400
    assert "kernel does not support" in " ".join(r.context["form"].non_field_errors())
    assert made_since(docker_api, before, r) == []


@pytest.mark.parametrize(
    "name", [".dotted", "_under", "réseau-ünï", "网络-{}", "with space", "emoji😀"]
)
def test_names_docker_accepts_are_created_and_work_everywhere(
    op_client, hub, subnets, docker_api, created, name
):
    name = f"{name.format(RUN_ID[:4])}-{RUN_ID[:6]}"
    r = post(op_client, subnets, name=name)
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    nid = r.url.strip("/").split("/")[-1]
    created.append(nid)
    assert docker_api.inspect_network(nid)["Name"] == name
    assert hub.wait_for(lambda t: nid in t.networks, 2)
    page = op_client.get(f"/networks/{nid}/")
    assert page.status_code == 200 and name in page.content.decode()
    by_name = op_client.get(f"/networks/{name}/")
    assert by_name.status_code == 302 and by_name.url == f"/networks/{nid}/"
    assert op_client.get(f"/api/networks/{name}").json()["id"] == nid
    listed = op_client.get("/networks/").content.decode()
    assert name in listed


def test_a_label_value_with_markup_is_kept_and_shown_as_text(
    op_client, hub, subnets, docker_api, created
):
    hostile = '<script>alert("x")</script> & "quotes"'
    r = post(op_client, subnets, labels=LABEL_LINES + f"\ncom.example.note={hostile}")
    assert r.status_code == 302
    nid = r.url.strip("/").split("/")[-1]
    created.append(nid)
    assert docker_api.inspect_network(nid)["Labels"]["com.example.note"] == hostile
    assert hub.wait_for(lambda t: nid in t.networks, 2)
    page = op_client.get(f"/networks/{nid}/").content.decode()
    assert hostile not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_a_small_subnet_is_created_with_a_word_on_its_room(op_client, hub, subnets, created):
    subnet = subnets.next(30)
    r = post(op_client, subnets, pool1_subnet=subnet)
    assert r.status_code == 302
    created.append(r.url.strip("/").split("/")[-1])
    page = op_client.get(r.url).content.decode()
    assert f"{subnet} holds 1 container" in page


# Whether an overlay is refused depends on the engine's swarm state, which the user's
# engine may have either way: each state is made on the run's own second daemon, and the
# state it had is given back afterwards.
@contextlib.contextmanager
def swarm_state(engine2, active: bool):
    api = engine2.api(timeout=60)

    def is_active():
        return (api.info().get("Swarm") or {}).get("LocalNodeState") == "active"

    def make(state: bool):
        if state:
            engine2.init_swarm()
        elif is_active():
            api.leave_swarm(force=True)

    was = is_active()
    make(active)
    try:
        yield
    finally:
        make(was)


@pytest.mark.engine2
def test_an_overlay_is_refused_for_want_of_swarm_mode_on_an_engine_outside_a_swarm(
    op_client, engine2_up, subnets
):
    api = engine2_up.api()
    with swarm_state(engine2_up, active=False):
        before = docker_networks(api)
        hub = start_hub({"e2": engine2_up.url})
        try:
            assert hub.synced(15)
            assert hub.wait_for(lambda t: t.engines["e2"].swarm == "inactive", 10)
            r = post(op_client, subnets, engine="e2", driver="overlay")
            assert r.status_code == 400
            errors = r.context["form"].errors
            assert any("swarm mode" in e for e in errors.get("driver", [])), errors
            assert made_since(api, before, r) == []
        finally:
            hub.stop_thread()
            set_hub(None)


@pytest.mark.engine2
def test_an_overlay_is_not_refused_for_want_of_swarm_mode_on_a_swarm_manager(
    op_client, engine2_up, subnets
):
    with swarm_state(engine2_up, active=True):
        hub = start_hub({"e2": engine2_up.url})
        try:
            assert hub.synced(15)
            assert hub.wait_for(lambda t: t.engines["e2"].swarm == "active", 10)
            data = {"engine": "e2", "driver": "overlay", "name": f"ov-{RUN_ID}"}
            r = op_client.post("/networks/new/check", {**data, "pool1_subnet": subnets.next()})
            assert r.status_code == 200
            assert "driver" not in r.json()["errors"], r.json()["errors"]
        finally:
            hub.stop_thread()
            set_hub(None)


@pytest.mark.parametrize("name", ["sc has space-{}", "test@#$-{}", "it's-{}"])
def test_a_name_a_shell_needs_quoted_is_created_with_a_note_whose_command_works(
    op_client, hub, subnets, docker_api, created, name
):
    import html
    import subprocess

    name = name.format(RUN_ID[:6])
    check = op_client.post(
        "/networks/new/check",
        {"engine": "local", "driver": "bridge", "name": name, "pool1_subnet": subnets.next()},
    )
    notes = " ".join(check.json()["notes"])
    assert "quote it in commands" in notes
    r = post(op_client, subnets, name=name)
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    nid = r.url.strip("/").split("/")[-1]
    created.append(nid)
    assert hub.wait_for(lambda t: nid in t.networks, 5)
    page = html.unescape(op_client.get(f"/networks/{nid}/").content.decode())
    note = page.split('<p class="help" id="shell-note">', 1)[1].split("</p>", 1)[0]
    command = note.split("quote it in commands, as in ", 1)[1]
    # The command the page gives, typed into a real shell, names this very network.
    done = subprocess.run(
        ["sh", "-c", command + " --format '{{.Id}}'"], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0 and done.stdout.strip() == nid, done.stderr
