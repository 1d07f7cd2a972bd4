import pytest

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
    # A failed start leaves State "created" with endpoint ids in the list call,
    # while `docker network inspect` lists nothing.
    v = convert.container_view(raw_container(State="created"), "local", {})
    assert v.endpoints == ()


def test_labels_and_options_become_text():
    n = convert.network(
        {"Id": "x", "Name": "n", "Labels": {"k": None}, "Options": None, "IPAM": None}, "e"
    )
    assert n.labels == {"k": ""} and n.options == {} and n.ipam == ()


def test_inspect_keeps_aliases_and_times_and_nothing_else():
    raw = {
        "Config": {"Env": ["PASSWORD=secret"]},
        "State": {
            "StartedAt": "2026-11-28T10:00:05.123456789Z",
            "FinishedAt": "0001-01-01T00:00:00Z",
        },
        "NetworkSettings": {"Networks": {"a": {"NetworkID": "n1", "Aliases": ["db", "x"]}}},
    }
    d = convert.details_from_inspect(raw)
    assert d.aliases == {"n1": ("db", "x")}
    assert d.started_at == 1795860005 and d.finished_at == 0
    assert "secret" not in repr(d)


@pytest.mark.parametrize(
    ("status", "code", "health"),
    [
        ("Up 25 seconds", None, ""),
        ("Up 2 hours (healthy)", None, "healthy"),
        ("Up 3 seconds (health: starting)", None, "starting"),
        ("Up About a minute (unhealthy)", None, "unhealthy"),
        ("Up 5 minutes (Paused)", None, ""),
        ("Exited (137) 5 minutes ago", 137, ""),
        ("Restarting (1) Less than a second ago", 1, ""),
        ("Created", None, ""),
        ("Dead", None, ""),
        ("", None, ""),
    ],
)
def test_it_keeps_the_facts_of_the_status_text_and_drops_the_clock(status, code, health):
    assert convert.status_facts(status) == (code, health)
    v = convert.container_view(raw_container(Status=status, Created=1795860000), "local", {})
    assert (v.container.exit_code, v.container.health) == (code, health)
    assert v.container.created == 1795860000


def test_two_reads_a_minute_apart_make_the_same_record():
    a = convert.container_view(raw_container(Status="Up 25 seconds"), "local", {})
    b = convert.container_view(raw_container(Status="Up About a minute"), "local", {})
    assert a == b


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


def test_ports_are_kept_as_the_list_reports_them():
    raw = [
        {"IP": "127.0.0.1", "PrivatePort": 80, "PublicPort": 38081, "Type": "tcp"},
        {"IP": "0.0.0.0", "PrivatePort": 53, "PublicPort": 38053, "Type": "udp"},
        {"IP": "::", "PrivatePort": 53, "PublicPort": 38053, "Type": "udp"},
        {"PrivatePort": 7000, "Type": "tcp"},
        {"PrivatePort": 7000, "Type": "tcp"},
    ]
    v = convert.container_view(raw_container(Ports=raw), "local", {})
    assert [str(p) for p in v.container.ports] == [  # by container port, then protocol
        "0.0.0.0:38053 → 53/udp",
        "[::]:38053 → 53/udp",
        "127.0.0.1:38081 → 80/tcp",
        "7000/tcp",
    ]


def test_configured_ports_come_from_inspect_with_dockers_pick_as_zero():
    d = convert.details_from_inspect(
        {
            "HostConfig": {
                "PortBindings": {
                    "53/udp": [{"HostIp": "", "HostPort": "38053"}],
                    "9000/tcp": [{"HostIp": "", "HostPort": ""}],
                }
            }
        }
    )
    assert [str(p) for p in d.configured_ports] == ["*:38053 → 53/udp", "9000/tcp"]


@pytest.mark.parametrize(
    ("state", "pid"),
    [({"Pid": 4242}, 4242), ({"Pid": 0}, 0), ({"Pid": "4242"}, 0), ({"Pid": True}, 0), ({}, 0)],
)
def test_it_takes_a_pid_only_when_it_is_a_positive_integer(state, pid):
    assert convert.pid_from_inspect({"State": state}) == pid
    assert convert.pid_from_inspect({}) == 0
