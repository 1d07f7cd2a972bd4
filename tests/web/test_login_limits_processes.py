"""Lockouts live in the database, so they hold across dashboard processes."""

import pytest

from scripts.harness.server import USERS, DashboardServer


def post_login(server, username, password):
    return server.try_login(username, password)[1]


@pytest.fixture
def two_servers(tmp_path, docker_api):
    db = tmp_path / "shared.sqlite3"
    servers = [
        DashboardServer(tmp_path / f"var{i}", "local=", DASHBOARD_DB=str(db)) for i in (1, 2)
    ]
    for s in servers:
        s.var_dir.mkdir()
        s.start()
    yield servers
    for s in servers:
        s.stop()


def test_a_lockout_made_on_one_process_holds_on_another(two_servers):
    a, b = two_servers
    name, password = USERS["operator"]
    for _ in range(4):
        assert post_login(a, name, "wrong").status_code == 200
    assert post_login(b, name, "wrong").status_code == 429, "the fifth failure, on the other one"
    assert post_login(a, name, password).status_code == 429
    assert post_login(b, name, password).status_code == 429
