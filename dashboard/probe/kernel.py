"""The probe's one reach into the kernel: a process's socket tables, read from /proc.

Reading another process's `/proc/<pid>/net` needs root (or CAP_SYS_PTRACE with the
host's pid namespace); the dashboard never does it, only the probe.
"""

from pathlib import Path

from dashboard.topology.sockets import TABLES, Socket, parse_table


class KernelError(Exception):
    """The kernel refused a read, said in plain words."""


def read_sockets(pid: int, proc: str = "/proc") -> list[Socket] | None:
    """The sockets in the network namespace of process `pid`; None when the process is
    gone (its container stopped since it was listed). A missing IPv6 or UDP table (the
    kernel built without it) counts as empty."""
    found: list[Socket] = []
    for name, proto in TABLES.items():
        path = Path(proc, str(pid), "net", name)
        try:
            text = path.read_text()
        except FileNotFoundError:
            if not Path(proc, str(pid)).exists():
                return None
            continue
        except ProcessLookupError:
            return None
        except PermissionError as e:
            raise KernelError(
                f"Reading {path} was refused: the probe needs root, or CAP_SYS_PTRACE "
                "with the host's pid namespace, to see a container's sockets."
            ) from e
        found += parse_table(text, proto)
    return found
