"""The host's conntrack through netlink: what a connection's two tuples say, and the table
the probe keeps from a dump and the kernel's events, checked on connections the test makes
on the host's loopback (the only traffic it may make outside its containers)."""

import socket

import pytest

from dashboard.probe.conntrack import Subnets, Tracker, connection
from dashboard.topology.flows import Connection
from tests.harness.wait import eventually

LOOPBACK = ["127.0.0.0/8"]


def test_the_client_is_the_original_source_and_the_server_the_reply_source():
    """A published port: the host calls 127.0.0.1:32768, DNAT sends it to 10.1.0.3:7000,
    whose answer comes from there. The connection is the one the server's own table shows."""
    assert connection(socket.IPPROTO_TCP, "127.0.0.1", 40001, "10.1.0.3", 7000) == Connection(
        "tcp", "127.0.0.1", 40001, "10.1.0.3", 7000
    )
    assert connection(socket.IPPROTO_UDP, "::ffff:10.1.0.2", 5353, "10.1.0.3", 53).client == (
        "10.1.0.2"
    )
    assert connection(socket.IPPROTO_ICMP, "10.1.0.2", 0, "10.1.0.3", 0) is None


def test_only_connections_with_an_end_in_the_subnets_followed_are_kept():
    keep = Subnets(["10.1.0.0/24", "fd00:1::/64"])
    assert Connection("tcp", "192.0.2.9", 1, "10.1.0.3", 80) in keep
    assert Connection("tcp", "fd00:1::5", 1, "2001:db8::1", 80) in keep
    assert Connection("tcp", "192.0.2.9", 1, "198.51.100.3", 80) not in keep


@pytest.fixture
def tracker():
    t = Tracker(wait_events=0.1)
    yield t
    t.close()


@pytest.fixture
def server():
    s = socket.create_server(("127.0.0.1", 0))
    yield s
    s.close()


def pair(server):
    caller = socket.create_connection(server.getsockname())
    served, _ = server.accept()
    return caller, served


def as_tracked(caller):
    (client, client_port), (host, port) = caller.getsockname(), caller.getpeername()
    return Connection("tcp", client, client_port, host, port)


def test_a_connection_made_before_is_dumped_and_one_made_after_comes_as_an_event(tracker, server):
    before, served_before = pair(server)
    tracker.follow(LOOPBACK)
    assert as_tracked(before) in tracker.connections()
    after, served_after = pair(server)
    assert eventually(lambda: as_tracked(after) in tracker.connections(), timeout=5)
    for s in (before, served_before, after, served_after):
        s.close()


def test_following_other_subnets_drops_what_they_do_not_hold(tracker, server):
    caller, served = pair(server)
    tracker.follow(LOOPBACK)
    assert as_tracked(caller) in tracker.connections()
    tracker.follow(["10.255.255.0/24"])  # a dump again, for these only
    assert as_tracked(caller) not in tracker.connections()
    caller.close()
    served.close()
