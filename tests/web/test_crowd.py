"""A crowd at the door: many failed logins, logins and audit-log reads at once against a real
daphne process, on SQLite and on PostgreSQL, and not one internal error."""

import threading

import pytest

from scripts.harness import postgres_server
from scripts.harness.server import USERS, DashboardServer

CROWD = 30


def crowd(server: DashboardServer) -> list[tuple[str, int]]:
    """CROWD people at once: each fails a login (audited, counted by the lockout), logs in
    and reads the audit log twice. Returns (what, status) for every answer."""
    answers: list[tuple[str, int]] = []
    name, password = USERS["operator"]
    start = threading.Barrier(CROWD)

    def one(i):
        start.wait()
        answers.append(("failed login", server.try_login(f"nobody{i}", "wrong")[1].status_code))
        session, answer = server.try_login(name, password)
        answers.append(("login", answer.status_code))
        for _ in range(2):
            answers.append(("audit log", session.get(server.url + "/audit/").status_code))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(CROWD)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return answers


def expected() -> list[tuple[str, int]]:
    each = [("failed login", 200), ("login", 302), ("audit log", 200), ("audit log", 200)]
    return sorted(each * CROWD)


def test_sqlite_lets_writers_wait_their_turn(tmp_path, docker_api):
    server = DashboardServer(tmp_path, "local=", DASHBOARD_LOGIN_FAILURES_PER_ADDRESS="1000")
    server.start()
    try:
        assert sorted(crowd(server)) == expected()
    finally:
        server.stop()


def test_postgresql_stays_within_its_connections(tmp_path, docker_api):
    if why := postgres_server.available():
        pytest.skip(why)
    # Fewer connections than requests at once: each process must share a bounded pool.
    pg = postgres_server.PostgresServer(max_connections=20)
    pg.start()
    server = DashboardServer(
        tmp_path,
        "local=",
        DASHBOARD_DATABASE_URL=pg.url,
        DASHBOARD_LOGIN_FAILURES_PER_ADDRESS="1000",
    )
    try:
        server.start()
        assert sorted(crowd(server)) == expected()
    finally:
        server.stop()
        pg.stop()
