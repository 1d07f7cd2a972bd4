"""A real shared database: dashboard processes started together against one PostgreSQL run
their start-up one at a time, and share users, lockouts and the audit log."""

import threading

import pytest

from dashboard.accounts.startup import LOCK_KEY
from scripts.harness import postgres_server
from scripts.harness.server import USERS, DashboardServer


@pytest.fixture(scope="module")
def postgres():
    why = postgres_server.available()
    if why:
        pytest.skip(why)
    server = postgres_server.PostgresServer()
    server.start()
    yield server
    server.stop()


def test_processes_started_together_share_one_postgresql(tmp_path, postgres, docker_api):
    servers = [
        DashboardServer(tmp_path / f"var{i}", "local=", DASHBOARD_DATABASE_URL=postgres.url)
        for i in (1, 2, 3)
    ]
    errors = []

    def start(s):
        s.var_dir.mkdir()
        try:
            s.start()  # migrate, collectstatic, adduser: all three at once
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=start, args=(s,)) for s in servers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    try:
        assert errors == []
        a, b, c = servers
        name, password = USERS["operator"]
        assert a.try_login(name, password)[1].status_code == 302, "users are shared"
        for _ in range(4):
            assert b.try_login(name, "wrong")[1].status_code == 200
        assert c.try_login(name, "wrong")[1].status_code == 429, "lockouts are shared"
        audit = a.login("viewer").get(a.url + "/audit/?action=login.failed").text
        assert audit.count("login.failed") >= 4, "the audit log is shared"
    finally:
        for s in servers:
            s.stop()


def test_start_up_work_holds_the_advisory_lock_while_it_runs(postgres):
    import os
    import subprocess
    import sys

    import psycopg

    from scripts.harness.server import ROOT

    script = (
        "from dashboard.accounts.startup import startup_lock\n"
        "import time\n"
        "with startup_lock():\n"
        "    print('held', flush=True)\n"
        "    time.sleep(3)\n"
    )
    env = {**os.environ, "DASHBOARD_DATABASE_URL": postgres.url}
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", script],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "held"
        with psycopg.connect(postgres.url) as other:
            try_lock = "SELECT pg_try_advisory_lock(%s)"
            assert other.execute(try_lock, [LOCK_KEY]).fetchone()[0] is False
            proc.wait(20)
            assert other.execute(try_lock, [LOCK_KEY]).fetchone()[0] is True
    finally:
        if proc.poll() is None:
            proc.kill()
