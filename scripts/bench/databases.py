"""PostgreSQL against SQLite on the login and audit paths, 50 users at once: each a failed
login (audited), a login, and three reads of the audit log; a dashboard of its own for each
store, watching the rig's engine."""

import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scripts.bench.report import Report, ms, percentile
from scripts.bench.rig import Rig
from scripts.harness import postgres_server
from scripts.harness.server import DashboardServer


def rows(report: Report, rig: Rig, users=50) -> None:
    stores = [("SQLite", {})]
    pg = None
    if postgres_server.available():
        report.row("PostgreSQL vs SQLite", "skipped: no PostgreSQL server", "")
    else:
        pg = postgres_server.PostgresServer()
        pg.start()
        stores.append(("PostgreSQL", {"DASHBOARD_DATABASE_URL": pg.url}))
    try:
        for label, env in stores:
            store_rows(report, rig, label, env, users)
    finally:
        if pg is not None:
            pg.stop()


def store_rows(report: Report, rig: Rig, label, env, users) -> None:
    var = Path(tempfile.mkdtemp(prefix="dash-bench-db-"))
    server = DashboardServer(
        var, f"bench={rig.engine.url}", DASHBOARD_LOGIN_FAILURES_PER_ADDRESS="100000", **env
    )
    server.start()
    password = "bench-password-1"  # noqa: S105 - users of a throwaway database
    server.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "from dashboard.accounts.roles import OPERATOR, ensure_groups, give_role\n"
        "ensure_groups()\n"
        f"for i in range({users}):\n"
        f"    u = get_user_model().objects.create_user(f'bench{{i}}', '', '{password}')\n"
        "    give_role(u, OPERATOR)\n",
    )
    times: dict[str, list[float]] = {"failed login": [], "login": [], "audit log page": []}
    errors = {kind: 0 for kind in times}

    def timed_call(kind, call):
        t0 = time.monotonic()
        answer = call()
        times[kind].append(time.monotonic() - t0)
        if answer.status_code >= 500:
            errors[kind] += 1
        return answer

    def user(i):
        name = f"bench{i}"
        timed_call("failed login", lambda: server.try_login(name, "wrong-password")[1])
        session, _ = server.try_login(name, password)  # warm: the timed one follows
        timed_call("login", lambda: server.try_login(name, password)[1])
        for _ in range(3):
            timed_call("audit log page", lambda: session.get(server.url + "/audit/"))

    try:
        with ThreadPoolExecutor(users) as pool:
            list(pool.map(user, range(users)))
    finally:
        server.stop()
        shutil.rmtree(var, ignore_errors=True)
    for kind, values in times.items():
        report.row(
            f"{label}, {users} users at once: {kind}",
            f"p50 {ms(percentile(values, 50))}, p95 {ms(percentile(values, 95))}, "
            f"max {ms(max(values))}, {errors[kind]} errors",
            "no errors",
        )
