from dashboard.topology.flows import (
    CONTAINER,
    HOST,
    OUTSIDE,
    Connection,
    Flow,
    Peer,
    address_book,
    as_seen,
    connections,
)
from dashboard.topology.flows import flows as flows_of
from dashboard.topology.records import Container, ContainerView, Endpoint, IpamPool, Network
from dashboard.topology.sockets import ESTABLISHED, LISTEN, Socket
from dashboard.topology.store import Store
from tests.topology.test_reachability import two_hosts

WEB, API, DB = "web" * 8, "api" * 8, "db" * 8


def stack():
    """web and api on `front`, api and db on `back`; front's gateway is 10.1.0.1."""
    nets = [
        Network("front", "e", "front", "bridge", ipam=(IpamPool("10.1.0.0/24", "10.1.0.1"),)),
        Network("back", "e", "back", "bridge", ipam=(IpamPool("10.2.0.0/24", "10.2.0.1"),)),
    ]
    where = {WEB: {"front": "10.1.0.2"}, API: {"front": "10.1.0.3", "back": "10.2.0.3"}}
    where[DB] = {"back": "10.2.0.4"}
    views = [
        ContainerView(
            Container(cid, "e", cid[:3], state="running", networks=tuple(addrs)),
            tuple(Endpoint(n, cid, a + "/24") for n, a in addrs.items()),
        )
        for cid, addrs in where.items()
    ]
    s = Store()
    s.replace_engine("e", nets, views)
    return s.current


def flows(tables, t, engine, **kwargs):
    return flows_of({cid: connections(s) for cid, s in tables.items()}, t, engine, **kwargs)


def tcp(local, lport, remote="0.0.0.0", rport=0, state=ESTABLISHED):
    return Socket("tcp", local, lport, remote, rport, state)


def listen(local, port):
    return tcp(local, port, state=LISTEN)


def test_it_counts_a_connection_seen_from_both_ends_once():
    tables = {
        WEB: [tcp("10.1.0.2", 40001, "10.1.0.3", 8080)],
        API: [listen("0.0.0.0", 8080), tcp("10.1.0.3", 8080, "10.1.0.2", 40001)],
    }
    assert flows(tables, stack(), "e") == [
        Flow(Peer(CONTAINER, WEB), Peer(CONTAINER, API), "tcp", 8080, 1)
    ]


def test_it_counts_each_connection_and_knows_the_server_from_its_listener():
    tables = {
        API: [
            listen("0.0.0.0", 8080),
            tcp("10.1.0.3", 8080, "10.1.0.2", 40001),
            tcp("10.1.0.3", 8080, "10.1.0.2", 40002),
            tcp("10.2.0.3", 51000, "10.2.0.4", 5432),  # api as the database's client
        ]
    }
    assert flows(tables, stack(), "e") == [
        Flow(Peer(CONTAINER, API), Peer(CONTAINER, DB), "tcp", 5432, 1),
        Flow(Peer(CONTAINER, WEB), Peer(CONTAINER, API), "tcp", 8080, 2),
    ]


def test_the_gateway_is_the_host_an_unknown_address_is_outside_and_loopback_is_no_flow():
    tables = {
        WEB: [
            listen("0.0.0.0", 80),
            tcp("10.1.0.2", 80, "10.1.0.1", 39000),  # the host, through a published port
            tcp("10.1.0.2", 45000, "192.0.2.7", 443),
            tcp("127.0.0.1", 46000, "127.0.0.1", 80),
            tcp("10.1.0.2", 47000, "10.1.0.3", 9000, state="time_wait"),
        ]
    }
    assert flows(tables, stack(), "e") == [
        Flow(Peer(CONTAINER, WEB), Peer(OUTSIDE), "tcp", 443, 1),
        Flow(Peer(HOST, "e"), Peer(CONTAINER, WEB), "tcp", 80, 1),
    ]


def test_the_hosts_own_addresses_are_the_host():
    tables = {WEB: [listen("0.0.0.0", 80), tcp("10.1.0.2", 80, "198.51.100.5", 50000)]}
    assert flows(tables, stack(), "e", host_addresses=["198.51.100.5"]) == [
        Flow(Peer(HOST, "e"), Peer(CONTAINER, WEB), "tcp", 80, 1)
    ]


def test_a_container_calling_a_host_address_that_is_no_gateway_calls_the_host():
    tables = {
        WEB: [
            tcp("10.1.0.2", 50000, "192.0.2.2", 8000),  # the host's eth0, say
            tcp("10.1.0.2", 50001, "192.0.2.3", 8000),  # another machine on its link
        ]
    }
    assert flows(tables, stack(), "e") == [
        Flow(Peer(CONTAINER, WEB), Peer(OUTSIDE), "tcp", 8000, 2)
    ]
    assert flows(tables, stack(), "e", host_addresses=("192.0.2.2", "2001:db8::2")) == [
        Flow(Peer(CONTAINER, WEB), Peer(HOST, "e"), "tcp", 8000, 1),
        Flow(Peer(CONTAINER, WEB), Peer(OUTSIDE), "tcp", 8000, 1),
    ]


def test_a_containers_address_stays_the_containers_whatever_the_host_says():
    tables = {WEB: [tcp("10.1.0.2", 50000, "10.1.0.3", 9000)]}
    assert flows(tables, stack(), "e", host_addresses=["10.1.0.3"]) == [
        Flow(Peer(CONTAINER, WEB), Peer(CONTAINER, API), "tcp", 9000, 1)
    ]


def test_an_overlay_address_is_the_container_on_the_other_host_a_bridge_address_is_not():
    t, web, api = two_hosts()
    book = address_book(t, "a")
    assert book["10.0.1.4"] == Peer(CONTAINER, api.id)
    assert book["172.30.0.2"] == Peer(CONTAINER, web.id)  # a's own bridge, not b's twin
    tables = {web.id: [tcp("10.0.1.3", 41000, "10.0.1.4", 80)]}
    assert flows(tables, t, "a") == [
        Flow(Peer(CONTAINER, web.id), Peer(CONTAINER, api.id), "tcp", 80, 1)
    ]


def tracked(client, client_port, server, server_port, proto="tcp"):
    return Connection(proto, client, client_port, server, server_port)


def test_a_connection_conntrack_saw_between_two_containers_is_under_both_and_one_flow():
    t = stack()
    conn = tracked("10.1.0.2", 40001, "10.1.0.3", 8080)
    seen = as_seen([conn], address_book(t, "e"))
    assert seen == {WEB: [(conn, False)], API: [(conn, True)]}
    assert flows_of(seen, t, "e") == [
        Flow(Peer(CONTAINER, WEB), Peer(CONTAINER, API), "tcp", 8080, 1)
    ]


def test_conntrack_connections_with_no_container_end_are_left_out():
    t = stack()
    assert as_seen([tracked("10.1.0.1", 40001, "192.0.2.7", 443)], address_book(t, "e")) == {}


def test_a_loopback_client_is_the_host_itself():
    """The host's conntrack shows a call to a published port from 127.0.0.1 (with the
    userland proxy off) with its loopback source; a container's never leaves it."""
    t = stack()
    seen = as_seen([tracked("127.0.0.1", 40001, "10.2.0.4", 5432)], address_book(t, "e"))
    assert flows_of(seen, t, "e") == [Flow(Peer(HOST, "e"), Peer(CONTAINER, DB), "tcp", 5432, 1)]


def test_the_same_connection_from_conntrack_and_a_socket_table_counts_once():
    t = stack()
    conn = tracked("10.1.0.2", 40001, "10.1.0.3", 8080)
    seen = as_seen([conn], address_book(t, "e"))
    seen[WEB] = seen[WEB] + connections([tcp("10.1.0.2", 40001, "10.1.0.3", 8080)])
    assert [f.connections for f in flows_of(seen, t, "e")] == [1]
