import pytest

from dashboard.topology.exposure import (
    CLAIMED,
    EXPOSED,
    HOST_NETWORK,
    PUBLISHED,
    port_rows,
    who_holds,
)
from dashboard.topology.records import Container, ContainerView, PortBinding
from dashboard.topology.store import Store


def topology(*containers):
    s = Store()
    s.replace_engine("e", [], [ContainerView(c) for c in containers])
    return s.current


def c(name, state="running", **kw):
    return Container(id=name * 4, engine="e", name=name, state=state, **kw)


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        (PortBinding(80, "tcp", "0.0.0.0", 8080), PortBinding(80, "tcp", "127.0.0.1", 8080), True),
        (
            PortBinding(80, "tcp", "127.0.0.1", 8080),
            PortBinding(80, "tcp", "127.0.0.2", 8080),
            False,
        ),
        (PortBinding(80, "tcp", "0.0.0.0", 8080), PortBinding(80, "udp", "0.0.0.0", 8080), False),
        (PortBinding(80, "tcp", "::", 8080), PortBinding(80, "tcp", "::1", 8080), True),
        (PortBinding(80, "tcp", "::", 8080), PortBinding(80, "tcp", "127.0.0.1", 8080), False),
        (PortBinding(80, "tcp", "", 8080), PortBinding(81, "tcp", "::1", 8080), True),
        (PortBinding(80, "tcp", "0.0.0.0", 8080), PortBinding(80, "tcp", "0.0.0.0", 8081), False),
        (PortBinding(80, "tcp", "", 0), PortBinding(80, "tcp", "", 0), False),
    ],
)
def test_two_bindings_clash_when_they_share_a_port_protocol_and_address(a, b, clash):
    assert a.overlaps(b) is clash and b.overlaps(a) is clash


def test_a_binding_says_itself_as_docker_ps_does():
    assert str(PortBinding(80, "tcp", "0.0.0.0", 8080)) == "0.0.0.0:8080 → 80/tcp"
    assert str(PortBinding(53, "udp", "::", 5353)) == "[::]:5353 → 53/udp"
    assert str(PortBinding(7000, "tcp")) == "7000/tcp"
    assert (
        PortBinding(80, "tcp", "127.0.0.1", 1).loopback
        and PortBinding(80, "tcp", "::1", 1).loopback
    )
    assert not PortBinding(80, "tcp", "0.0.0.0", 1).loopback


def test_rows_tell_published_exposed_claimed_and_host_network_apart():
    web = c("web", ports=(PortBinding(80, "tcp", "0.0.0.0", 8080), PortBinding(443, "tcp")))
    old = c("old", state="exited", configured_ports=(PortBinding(80, "tcp", "", 8080),))
    host = c("hostc", network_mode="host")
    rows = port_rows(topology(web, old, host))
    kinds = {(r.container.name, r.kind, str(r.binding) if r.binding else "") for r in rows}
    assert kinds == {
        ("web", PUBLISHED, "0.0.0.0:8080 → 80/tcp"),
        ("web", EXPOSED, "443/tcp"),
        ("old", CLAIMED, "*:8080 → 80/tcp"),
        ("hostc", HOST_NETWORK, ""),
    }
    conflicts = {r.container.name: r.conflicts for r in rows if r.kind in (PUBLISHED, CLAIMED)}
    assert conflicts == {"web": ("old",), "old": ("web",)}


def test_a_stopped_container_publishes_nothing_but_its_claim_is_known():
    old = c("old", state="exited", ports=(), configured_ports=(PortBinding(80, "tcp", "", 0),))
    assert port_rows(topology(old)) == [], "a port Docker will pick is no claim"


def test_who_holds_a_host_port():
    web = c(
        "web", ports=(PortBinding(80, "tcp", "0.0.0.0", 8080), PortBinding(80, "tcp", "::", 8080))
    )
    rows = port_rows(topology(web))
    assert {str(r.binding) for r in who_holds(rows, "e", 8080)} == {
        "0.0.0.0:8080 → 80/tcp",
        "[::]:8080 → 80/tcp",
    }
    assert who_holds(rows, "e", 8080, "udp") == [] and who_holds(rows, "e", 8081) == []
