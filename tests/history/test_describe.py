"""What changed in an object, in words, for the History page."""

from dashboard.history import describe


def test_an_engine_change_names_each_field_that_changed_in_order():
    before = {"status": "connected", "server_version": "27.3.1", "swarm": "inactive",
              "manager": False, "drivers": ["bridge", "host"]}  # fmt: skip
    after = {**before, "server_version": "28.0.1", "drivers": ["bridge", "host", "overlay"]}
    assert describe.engine_change(before, after) == (
        "version 27.3.1 → 28.0.1; drivers added: overlay"
    )
    assert describe.engine_change(before, before) == ""
    assert describe.engine_change({}, after) == "first seen: state connected"


def test_a_role_is_only_told_inside_a_swarm():
    before = {"swarm": "active", "manager": True}
    assert describe.engine_change(before, {**before, "manager": False}) == (
        "swarm role manager → worker"
    )


def test_network_endpoint_and_container_changes_say_what_moved():
    net = {"internal": False, "hosts": ["a"], "labels": {}}
    assert describe.network_change(net, {**net, "hosts": ["a", "b"], "internal": True}) == (
        "internal no → yes; engines added: b"
    )
    ep = {"ipv4": "10.0.0.2/24", "ipv6": "", "mac": "m", "aliases": ["web"]}
    assert describe.endpoint_change(ep, {**ep, "ipv4": "10.0.0.3/24", "aliases": []}) == (
        "IPv4 10.0.0.2/24 → 10.0.0.3/24; aliases gone: web"
    )
    c = {"state": "running", "health": "healthy", "networks": ["n1"], "ports": []}
    after = {**c, "health": "unhealthy", "ports": [{"host_port": 80}]}
    assert describe.container_change(c, after) == (
        "health healthy → unhealthy; published ports changed"
    )


def test_a_task_is_named_as_docker_names_its_container():
    services = {"s1": {"name": "web"}}
    assert describe.swarm_name("tasks", {"service": "s1", "slot": 2}, services) == "web.2"
    task = {"service": "s1", "slot": 0, "node": "node123456789xyz"}
    assert describe.swarm_name("tasks", task, services) == "web.node12345678"
    assert describe.swarm_name("nodes", {"id": "n" * 20, "hostname": ""}, {}) == "n" * 12
