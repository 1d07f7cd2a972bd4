"""The cache against a real engine: the first sync and every kind of event, each step
compared with `docker network inspect` and container inspect. The main engine is shared
(another test run, a user's containers change it at any moment): each comparison judges what
this run owns, its labelled containers and networks, their endpoints, and the built-in
networks they are on."""

import pytest

from dashboard.engine import convert
from dashboard.live.registry import set_hub
from dashboard.topology.drift import describe
from scripts.harness import docker_env
from tests.conftest import start_hub
from tests.harness.ports import free_ports
from tests.harness.wait import converged, eventually

pytestmark = pytest.mark.django_db


def api_view(client):
    return docker_env.from_api(client.get("/api/topology").json(), "local", run_only=True)


def assert_matches_docker(client, docker_api, timeout=2.0):
    api, truth = converged(
        lambda: api_view(client), lambda: docker_env.truth(docker_api, run_only=True), timeout
    )
    assert truth["containers"] or truth["networks"], "nothing of this run's to compare"
    assert api == truth, docker_env.differences(api, truth)


def test_the_comparison_keeps_the_runs_own_and_still_sees_a_wrong_map():
    """What assert_matches_docker compares: another's container, network and endpoint on
    a built-in network are left out; a labelled one missed or invented, or an endpoint of
    one, still differs."""
    ours, theirs = {docker_env.RUN_LABEL: docker_env.RUN_ID}, {"x": "y"}
    net = {"id": "n1", "engine": "local", "name": "n", "driver": "bridge", "scope": "local",
           "internal": False, "attachable": False, "enable_ipv6": False, "ipam": [],
           "options": {}}  # fmt: skip
    topology = {
        "networks": [
            {**net, "labels": ours},
            {**net, "id": "bridge", "name": "bridge", "labels": {}},
            {**net, "id": "other", "name": "other", "labels": theirs},
        ],
        "containers": [
            {"id": "c1", "engine": "local", "name": "a", "state": "running",
             "networks": ["n1", "bridge"], "labels": ours},
            {"id": "c2", "engine": "local", "name": "b", "state": "running",
             "networks": ["bridge", "other"], "labels": theirs},
        ],
        "endpoints": [
            {"network": n, "container": c, "ipv4": "", "ipv6": "", "mac": ""}
            for n, c in (("n1", "c1"), ("bridge", "c1"), ("bridge", "c2"), ("other", "c2"))
        ],
    }  # fmt: skip
    view = docker_env.from_api(topology, "local", run_only=True)
    assert set(view["networks"]) == {"n1", "bridge"}
    assert set(view["containers"]) == {"c1"}
    assert set(view["endpoints"]) == {("n1", "c1"), ("bridge", "c1")}

    def wrong(change):
        t = {k: [dict(x) for x in v] for k, v in topology.items()}
        change(t)
        return docker_env.differences(docker_env.from_api(t, "local", run_only=True), view)

    assert wrong(lambda t: t["containers"].pop(0))  # our container missed
    assert wrong(lambda t: t["endpoints"].pop(1))  # its endpoint on the default bridge
    assert wrong(lambda t: t["networks"].pop(0))  # our network missed
    assert wrong(lambda t: t["networks"].append({**net, "id": "n9", "labels": ours}))
    assert wrong(lambda t: t["containers"].append({**t["containers"][0], "id": "c9"}))
    assert wrong(lambda t: t["endpoints"].append({**t["endpoints"][0], "network": "other"}))
    assert not wrong(lambda t: t["containers"].pop(1))  # another's: not judged here


def test_it_syncs_what_exists_before_it_starts(docker_api, make, op_client, django_db_blocker):
    net = make.network()
    make.container(network=net["Name"])
    make.container(network=net["Name"], start=False)

    hub = start_hub({"local": ""})
    try:
        assert hub.synced(15)
        assert_matches_docker(op_client, docker_api)
        assert hub.watchers["local"].syncs == 1
    finally:
        hub.stop_thread()
        set_hub(None)


def test_it_follows_each_event_kind_without_resync(hub, docker_api, make, op_client):
    watcher = hub.watchers["local"]
    syncs = watcher.syncs

    net1 = make.network(labels={"role": "first"})
    assert_matches_docker(op_client, docker_api)

    cid = make.container(network=net1["Name"])
    assert_matches_docker(op_client, docker_api)

    net2 = make.network()
    docker_api.connect_container_to_network(cid, net2["Id"], aliases=["db-alias"])
    assert_matches_docker(op_client, docker_api)
    endpoint = eventually(
        lambda: (
            hub.current.endpoints.get((net2["Id"], cid))
            if "db-alias" in getattr(hub.current.endpoints.get((net2["Id"], cid)), "aliases", ())
            else None
        )
    )
    assert endpoint is not None and "db-alias" in endpoint.aliases

    docker_api.disconnect_container_from_network(cid, net2["Id"])
    assert_matches_docker(op_client, docker_api)

    docker_api.stop(cid, timeout=0)
    assert_matches_docker(op_client, docker_api)
    stopped = hub.current.containers[cid]
    assert stopped.state == "exited" and net1["Id"] in stopped.networks
    assert not hub.current.endpoints_of_container(cid)

    docker_api.start(cid)
    assert_matches_docker(op_client, docker_api)

    new_name = make.name("renamed")
    docker_api.rename(cid, new_name)
    assert eventually(lambda: hub.current.containers[cid].name == new_name)
    assert_matches_docker(op_client, docker_api)

    docker_api.remove_container(cid, force=True)
    assert_matches_docker(op_client, docker_api)
    assert cid not in hub.current.containers

    docker_api.remove_network(net2["Id"])
    assert_matches_docker(op_client, docker_api)
    assert net2["Id"] not in hub.current.networks

    assert watcher.syncs == syncs, "events alone must keep the cache true"
    assert watcher.events_seen > 0


def test_it_shows_a_started_container_within_a_second(hub, docker_api, make):
    net = make.network()
    syncs = hub.watchers["local"].syncs
    cid = make.container(network=net["Name"])
    address = docker_api.inspect_container(cid)["NetworkSettings"]["Networks"][net["Name"]][
        "IPAddress"
    ]
    assert hub.wait_for(
        lambda t: (
            (net["Id"], cid) in t.endpoints
            and t.endpoints[(net["Id"], cid)].ipv4.startswith(address + "/")
        ),
        timeout=1.0,
    )
    assert hub.watchers["local"].syncs == syncs


def test_it_marks_configured_but_stopped_and_created_containers(hub, docker_api, make, op_client):
    net = make.network()
    created = make.container(network=net["Name"], start=False)
    assert_matches_docker(op_client, docker_api)
    c = hub.current.containers[created]
    assert c.state == "created" and c.networks == (net["Id"],)
    assert not hub.current.endpoints_of_container(created)


def test_a_stopped_container_connected_with_nothing_else_happening_shows_by_the_poll(
    hub, docker_api, make
):
    """No event says so; the poll of stopped containers must, even when the container's
    own last event was the engine's last one (its refresh is then the newest there is)."""
    a, b = make.network(), make.network()
    cid = make.container(network=a["Name"], start=False)
    assert hub.wait_for(lambda t: cid in t.containers, 2)
    hub.wait_for(lambda t: False, 1.5)  # a poll or two pass with nothing new
    docker_api.connect_container_to_network(cid, b["Id"])
    assert hub.wait_for(lambda t: b["Id"] in t.containers[cid].networks, 3)


def test_it_reads_host_none_and_shared_namespace_containers(hub, docker_api, make, op_client):
    host = make.container(network="host")
    none = make.container(network="none")
    shared = make.container(network=f"container:{host}")
    assert_matches_docker(op_client, docker_api)
    t = hub.current
    assert t.containers[shared].networks == ()
    assert t.containers[shared].network_mode == f"container:{host}"
    host_net = t.find_network("host")
    assert t.endpoints[(host_net.id, host)].ipv4 == ""
    assert t.endpoints[(t.find_network("none").id, none)].mac == ""


def test_it_reads_a_multi_network_container_and_several_subnets(hub, docker_api, make, op_client):
    nets = [make.network() for _ in range(3)]
    cid = make.container(network=nets[0]["Name"])
    for n in nets[1:]:
        docker_api.connect_container_to_network(cid, n["Id"])
    assert_matches_docker(op_client, docker_api)
    assert len(hub.current.endpoints_of_container(cid)) == 3


def test_a_burst_of_events_lands_in_one_or_few_patches(hub, docker_api, make, op_client):
    net = make.network()
    seen = []
    hub.listeners.append(seen.append)
    for _ in range(10):
        make.container(network=net["Name"])
    assert_matches_docker(op_client, docker_api, timeout=5)
    versions = [p.version for p in seen]
    assert versions == sorted(versions)
    assert all(b.base == a.version for a, b in zip(seen, seen[1:], strict=False))


def test_a_connect_shows_although_docker_lists_it_late(hub, docker_api, make):
    # Docker emits `connect` a few ms before its container list shows the endpoint; the
    # watcher must read again rather than miss it until the next resync, and a read that
    # comes too early must not take an edge away again.
    net = make.network()
    running = [make.container() for _ in range(8)]
    assert hub.wait_for(lambda t: all(t.endpoints_of_container(c) for c in running), 5)
    watcher = hub.watchers["local"]
    syncs = watcher.syncs
    seen = []
    hub.listeners.append(seen.append)
    for cid in running:
        docker_api.connect_container_to_network(cid, net["Id"])
        assert hub.wait_for(lambda t, cid=cid: (net["Id"], cid) in t.endpoints, 0.5), cid
    truth = docker_api.inspect_network(net["Id"])["Containers"]
    for cid in running:
        e = hub.current.endpoints[(net["Id"], cid)]
        assert (e.ipv4, e.mac) == (truth[cid]["IPv4Address"], truth[cid]["MacAddress"])
    for cid in running:
        docker_api.disconnect_container_from_network(cid, net["Id"])
        assert hub.wait_for(lambda t, cid=cid: (net["Id"], cid) not in t.endpoints, 0.5), cid
    assert watcher.syncs == syncs

    # Each edge went once: no flicker from a list that lagged behind. (Listeners run in
    # the publisher, a moment after the store changed.)
    def removed():
        return sorted(k for p in list(seen) for k in p.removed_endpoints if k[0] == net["Id"])

    assert eventually(lambda: len(removed()) >= len(running))
    assert removed() == sorted((net["Id"], c) for c in running)


@pytest.mark.engine2
def test_a_resync_with_nothing_changed_in_docker_publishes_no_patch(engine2_up, make_e2):
    # Docker's status text ("Up 3 seconds") changes every second by itself; only facts are
    # kept, so relists seconds apart find nothing to send. On the run's own engine: the
    # drift counted over the whole engine is then this test's alone.
    make = make_e2
    net = make.network()
    running = [make.container(network=net["Name"]) for _ in range(3)]
    exited = make.container(network=net["Name"], command="sh -c 'exit 3'")
    created = make.container(start=False)
    claiming = make.container(
        ports=[80], host={"port_bindings": {80: free_ports(1)}}, start=False
    )  # its claim comes from inspect alone: relists must keep it
    ours = {*running, exited, created, claiming}
    hub = start_hub({"e2": engine2_up.url}, resync_seconds=1)
    try:
        assert hub.synced(15)
        watcher = hub.watchers["e2"]

        def settled(t):
            cs = [t.containers.get(c) for c in ours]
            return (
                all(cs)
                and all(t.containers[c].started_at for c in running)
                and t.containers[claiming].configured_ports
            )

        assert hub.wait_for(settled, 5), "the first inspects did not fill the start times"
        assert hub.wait_for(lambda t: t.containers[exited].state == "exited", 5)
        seen = []
        settled_version = hub.current.version
        hub.listeners.append(seen.append)
        syncs, drift = watcher.syncs, watcher.drift
        assert eventually(lambda: watcher.syncs >= syncs + 3, 8), "three resyncs"
        assert watcher.drift == drift

        def touches_ours(p):
            ids = {c.id for c in p.containers} | {e.container for e in p.endpoints}
            return ours & (ids | set(p.removed_containers))

        # Listeners hear of a change a moment after it: older versions may still arrive.
        touching = [p for p in seen if p.version > settled_version and touches_ours(p)]
        assert touching == [], [describe(hub.current, p) for p in touching]
        assert hub.current.containers[exited].exit_code == 3
        assert [p.container_port for p in hub.current.containers[claiming].configured_ports] == [80]
    finally:
        hub.stop_thread()
        set_hub(None)


def test_start_and_exit_times_and_codes_follow_docker(hub, docker_api, make):
    cid = make.container()
    state = docker_api.inspect_container(cid)["State"]
    started = convert.details_from_inspect({"State": state}).started_at
    assert hub.wait_for(lambda t: cid in t.containers and t.containers[cid].started_at, 2)
    assert abs(hub.current.containers[cid].started_at - started) <= 1
    docker_api.stop(cid, timeout=0)  # SIGKILL, as the test containers stop
    state = docker_api.inspect_container(cid)["State"]
    finished = convert.details_from_inspect({"State": state}).finished_at
    assert hub.wait_for(lambda t: t.containers[cid].state == "exited", 2)
    c = hub.current.containers[cid]
    assert c.exit_code == state["ExitCode"] == 137
    assert abs(c.finished_at - finished) <= 1


def test_health_changes_show_without_a_resync(hub, docker_api, make):
    watcher = hub.watchers["local"]
    syncs = watcher.syncs
    cid = make.container(
        healthcheck={"test": ["CMD", "true"], "interval": 500_000_000, "start_period": 0}
    )
    assert hub.wait_for(lambda t: cid in t.containers, 2)
    assert hub.wait_for(lambda t: t.containers[cid].health == "healthy", 5)
    assert docker_api.inspect_container(cid)["State"]["Health"]["Status"] == "healthy"
    assert watcher.syncs == syncs


def test_the_stopped_poll_holds_back_no_event_and_a_late_answer_undoes_nothing(
    hub, docker_api, make
):
    """The poll of stopped containers runs beside the event stream, on its own connection.
    Made slow here (its answer, read while the container was stopped, arrives 1.5 s late):
    the start's event still shows at once, and the late answer is not applied over it."""
    import time

    watcher = hub.watchers["local"]
    net = make.network()
    cid = make.container(network=net["Name"], start=False)
    assert hub.wait_for(lambda t: cid in t.containers, 3)
    real = watcher.poll_client.containers
    read, answered = [], []

    def slow(*args):
        views = real(*args)
        read.append(time.monotonic())
        time.sleep(1.5)
        answered.append(time.monotonic())
        return views

    watcher.poll_client.containers = slow
    try:
        assert eventually(lambda: read, 3)  # a poll has read: it holds a stale answer now
        started = time.monotonic()
        docker_api.start(cid)
        assert hub.wait_for(lambda t: t.containers[cid].live, 1.0), "the event waited"
        assert time.monotonic() - started < 1.0
        assert eventually(lambda: answered and answered[0] > started, 3)
        time.sleep(0.3)
        assert hub.current.containers[cid].live, "a late poll answer undid the start"
    finally:
        watcher.poll_client.containers = real


def test_a_state_shows_at_its_event_ahead_of_a_slow_list(hub, docker_api, make):
    """The state an event says (pause, unpause, start) is published before the list call
    that follows it. Here every list of the container is made slow (1 s): pause and
    unpause still show at once, with the container's addresses kept, and the list's answer
    then takes nothing back."""
    import time

    watcher = hub.watchers["local"]
    net = make.network()
    cid = make.container(network=net["Name"])
    assert hub.wait_for(lambda t: (net["Id"], cid) in t.endpoints, 3)
    real = watcher.client.containers
    slow_reads = []

    def slow(*args):
        if args[1:2] and cid in (args[1] or ()):
            slow_reads.append(time.monotonic())
            time.sleep(1.0)
        return real(*args)

    states = []
    hub.listeners.append(lambda p: states.extend(c.state for c in p.containers if c.id == cid))
    watcher.client.containers = slow
    try:
        for action, state in ((docker_api.pause, "paused"), (docker_api.unpause, "running")):
            started = time.monotonic()
            action(cid)
            assert hub.wait_for(lambda t, s=state: t.containers[cid].state == s, 0.6), state
            assert time.monotonic() - started < 0.6
            assert (net["Id"], cid) in hub.current.endpoints
            assert eventually(lambda: slow_reads and time.monotonic() - slow_reads[-1] > 1.1, 3)
            assert hub.current.containers[cid].state == state
            assert set(states[states.index(state) :]) == {state}, "the list took it back"
            slow_reads.clear()
            states.clear()
    finally:
        watcher.client.containers = real


def test_a_state_shows_as_its_event_comes_while_a_list_for_another_is_out(hub, docker_api, make):
    """A list call for one container is out (made slow: 1 s) when another container's
    event comes: that state shows at once, not after the list; and nothing the list then
    answers takes either state back."""
    import time

    watcher = hub.watchers["local"]
    net = make.network()
    a = make.container(network=net["Name"])
    b = make.container(network=net["Name"])
    assert hub.wait_for(
        lambda t: (net["Id"], a) in t.endpoints and (net["Id"], b) in t.endpoints, 3
    )
    real = watcher.client.containers
    out = []

    def slow(*args):
        views = real(*args)
        if args[1:2] and a in (args[1] or ()):
            out.append(time.monotonic())
            time.sleep(1.0)
        return views

    states = []
    hub.listeners.append(
        lambda p: states.extend((c.id, c.state) for c in p.containers if c.id in (a, b))
    )
    watcher.client.containers = slow
    try:
        docker_api.pause(a)
        assert eventually(lambda: out, 2), "no list call of the first container went out"
        started = time.monotonic()
        docker_api.pause(b)
        assert hub.wait_for(lambda t: t.containers[b].state == "paused", 0.6)
        assert time.monotonic() - started < 0.6, "the event waited for the list"
        assert eventually(lambda: time.monotonic() - out[-1] > 1.2, 3)
        assert hub.current.containers[a].state == "paused"
        assert hub.current.containers[b].state == "paused"
        assert "running" not in [s for cid, s in states[states.index((b, "paused")) :] if cid == b]
        assert "running" not in [s for cid, s in states[states.index((a, "paused")) :] if cid == a]
    finally:
        watcher.client.containers = real
        for cid in (a, b):
            docker_api.unpause(cid)


def test_a_list_behind_a_pause_never_takes_the_said_state_back(hub, docker_api, make):
    """Docker sends pause before its list shows it paused. The watcher's first list after
    the event is given an answer Docker really gave just before the pause (as that race
    gives it): the map stays paused, and the list is read again until it agrees."""
    watcher = hub.watchers["local"]
    net = make.network()
    cid = make.container(network=net["Name"])
    assert hub.wait_for(lambda t: (net["Id"], cid) in t.endpoints, 3)
    real = watcher.client.containers
    stale = real(watcher._network_ids(), [cid])
    assert stale[0].container.state == "running"
    reads = []

    def behind(*args):
        if args[1:2] and cid in (args[1] or ()):
            reads.append(args)
            if len(reads) == 1:
                return stale
        return real(*args)

    states = []
    hub.listeners.append(lambda p: states.extend(c.state for c in p.containers if c.id == cid))
    watcher.client.containers = behind
    try:
        docker_api.pause(cid)
        assert hub.wait_for(lambda t: t.containers[cid].state == "paused", 1.0)
        assert eventually(lambda: len(reads) >= 2, 2), "the list was not read again"
        assert hub.wait_for(lambda t: t.containers[cid].state == "paused", 0.5)
        assert "running" not in states[states.index("paused") :]
        assert (net["Id"], cid) in hub.current.endpoints
    finally:
        watcher.client.containers = real
        docker_api.unpause(cid)
