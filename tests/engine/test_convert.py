from dashboard.engine import convert


def raw_container(**over):
    base = {
        "Id": "c" * 64,
        "Names": ["/other/link", "/web"],
        "Image": "busybox",
        "State": "running",
        "Status": "Up 1 second",
        "Labels": {"a": "b"},
        "HostConfig": {"NetworkMode": "front"},
        "NetworkSettings": {
            "Networks": {
                "front": {
                    "NetworkID": "n" * 64,
                    "EndpointID": "e" * 64,
                    "IPAddress": "10.1.0.2",
                    "IPPrefixLen": 24,
                    "GlobalIPv6Address": "fd00::2",
                    "GlobalIPv6PrefixLen": 64,
                    "MacAddress": "02:42:0a:01:00:02",
                },
                "created-only": {"NetworkID": "", "EndpointID": ""},
            }
        },
    }
    base.update(over)
    return base


def test_a_running_container_has_endpoints_in_cidr_form():
    v = convert.container_view(raw_container(), "local", {"created-only": "m" * 64})
    assert v.container.name == "web"
    assert v.container.networks == tuple(sorted(["n" * 64, "m" * 64]))
    (e,) = v.endpoints
    assert (e.ipv4, e.ipv6, e.mac) == ("10.1.0.2/24", "fd00::2/64", "02:42:0a:01:00:02")


def test_a_created_container_whose_start_failed_has_no_endpoint():
    # Seen here: a failed start leaves State "created" with endpoint ids in the list call,
    # while `docker network inspect` lists nothing.
    v = convert.container_view(raw_container(State="created"), "local", {})
    assert v.endpoints == ()


def test_labels_and_options_become_text():
    n = convert.network(
        {"Id": "x", "Name": "n", "Labels": {"k": None}, "Options": None, "IPAM": None}, "e"
    )
    assert n.labels == {"k": ""} and n.options == {} and n.ipam == ()


def test_inspect_keeps_aliases_and_nothing_else():
    raw = {
        "Config": {"Env": ["PASSWORD=secret"]},
        "NetworkSettings": {"Networks": {"a": {"NetworkID": "n1", "Aliases": ["db", "x"]}}},
    }
    assert convert.aliases_from_inspect(raw) == {"n1": ("db", "x")}


def test_events_keep_what_the_topology_needs():
    ev = convert.event(
        {
            "Type": "network",
            "Action": "connect",
            "Actor": {"ID": "n1", "Attributes": {"container": "c1", "name": "front"}},
            "timeNano": 1795843323816987397,
        }
    )
    assert (ev.kind, ev.action, ev.actor, ev.container) == ("network", "connect", "n1", "c1")
    assert convert.event({"Type": "image", "Action": "pull"}) is None
    assert convert.event({"Type": "container", "Action": "exec_start: sh", "Actor": {}}).action == (
        "exec_start"
    )


def test_rfc3339_with_nanoseconds():
    assert convert.rfc3339_to_nanos("2026-11-28T05:18:11.06777768Z") == 1795843091067777680
    assert convert.rfc3339_to_nanos("2026-11-28T05:18:11Z") == 1795843091000000000
    assert convert.rfc3339_to_nanos("2026-11-28T06:18:11.5+01:00") == 1795843091500000000
