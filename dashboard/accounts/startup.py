"""Several dashboard processes may start at once against one database: start-up's database
work (migrations, the groups, the first user) goes one process at a time."""

import fcntl
from contextlib import contextmanager
from pathlib import Path

from django.db import connections

LOCK_KEY = 0x646F636B  # the advisory lock's number: any constant the project owns


@contextmanager
def startup_lock(using: str = "default"):
    """PostgreSQL: a session advisory lock. SQLite: a lock file beside the database file
    (the processes share a machine then)."""
    conn = connections[using]
    if conn.vendor == "postgresql":
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        try:
            yield
        finally:
            with conn.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        return
    name = str(conn.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        yield
        return
    path = Path(name + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
