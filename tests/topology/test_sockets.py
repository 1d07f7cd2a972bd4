"""The socket tables read as the kernel writes them: this process's own sockets are the
oracle (a listener and a connection the test opens, then finds in /proc/self/net)."""

import socket
from pathlib import Path

import pytest

from dashboard.topology.sockets import ESTABLISHED, LISTEN, Socket, address, parse_table


def own(table: str, proto: str) -> list[Socket]:
    return parse_table(Path("/proc/self/net", table).read_text(), proto)


@pytest.fixture
def connection():
    server = socket.create_server(("127.0.0.1", 0))
    client = socket.create_connection(server.getsockname())
    accepted, _ = server.accept()
    yield server.getsockname()[1], client.getsockname()[1]
    for s in (accepted, client, server):
        s.close()


def test_it_reads_a_listener_and_both_ends_of_a_connection(connection):
    port, client_port = connection
    rows = own("tcp", "tcp")
    assert Socket("tcp", "127.0.0.1", port, "0.0.0.0", 0, LISTEN) in rows
    assert Socket("tcp", "127.0.0.1", client_port, "127.0.0.1", port, ESTABLISHED) in rows
    assert Socket("tcp", "127.0.0.1", port, "127.0.0.1", client_port, ESTABLISHED) in rows
    assert all(s.loopback for s in rows if port in (s.local_port, s.remote_port))


@pytest.mark.skipif(not socket.has_ipv6, reason="no IPv6 in this Python")
def test_it_reads_ipv6_and_writes_ipv4_mapped_addresses_as_ipv4():
    try:
        server = socket.create_server(("::", 0), family=socket.AF_INET6, dualstack_ipv6=True)
    except OSError:
        pytest.skip("the kernel has no IPv6")
    with server:
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port)) as client:
            accepted, _ = server.accept()
            with accepted:
                rows = own("tcp6", "tcp")
                mine = client.getsockname()[1]
    assert Socket("tcp", "::", port, "::", 0, LISTEN) in rows
    assert Socket("tcp", "127.0.0.1", port, "127.0.0.1", mine, ESTABLISHED) in rows


def test_it_tells_a_connected_udp_socket_from_a_bound_one():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as bound:
        bound.bind(("127.0.0.1", 0))
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as peer:
            peer.connect(bound.getsockname())
            rows = own("udp", "udp")
            here, there = peer.getsockname()[1], bound.getsockname()[1]
    assert Socket("udp", "127.0.0.1", there, "0.0.0.0", 0, LISTEN) in rows
    assert Socket("udp", "127.0.0.1", here, "127.0.0.1", there, ESTABLISHED) in rows


def test_it_skips_what_is_not_a_socket_row():
    text = "  sl  local_address rem_address   st\nnonsense\n 0: ZZ:0050 00000000:0000 0A\n"
    assert parse_table(text, "tcp") == []


@pytest.mark.parametrize(
    ("hex_text", "expected"),
    [
        ("0100007F", "127.0.0.1"),
        ("0200110A", "10.17.0.2"),
        ("00000000000000000000000001000000", "::1"),
        ("0000000000000000FFFF00000200110A", "10.17.0.2"),
        ("B80D0120000000000000000001000000", "2001:db8::1"),
    ],
)
def test_it_reads_the_kernels_byte_order(hex_text, expected):
    assert address(hex_text) == expected


def test_it_refuses_a_length_that_is_no_address():
    with pytest.raises(ValueError):
        address("0100")
