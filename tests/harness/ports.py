"""Host ports for the tests that publish container ports: free ones, found by binding."""

import socket


def free_ports(count: int) -> int:
    """The first of `count` consecutive host ports that nothing listens on (TCP and UDP)."""
    for start in range(42000, 48000, 10):
        socks = []
        try:
            for port in range(start, start + count):
                for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
                    s = socket.socket(socket.AF_INET, kind)
                    socks.append(s)
                    s.bind(("0.0.0.0", port))
            return start
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise RuntimeError("no free host ports")
