"""`manage.py probe`: who talks to whom on this engine's host, read from the kernel.

It runs beside the engine as root, in the host's network namespace (it reads the host's
conntrack and other processes' /proc/<pid>/net), never inside the dashboard. Alone, it
prints one reading, a JSON line per flow; with --report it sends a reading to the
dashboard every --every seconds until SIGTERM or SIGINT.

`manage.py probe` runs this command without setting up Django's apps (manage.py), so the
probe holds only what it uses: settings, the Docker client, pyroute2."""

import json
import logging
import signal
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dashboard.engine.client import EngineClient
from dashboard.engine.errors import EngineError
from dashboard.probe.kernel import KernelError
from dashboard.probe.reading import Probe
from dashboard.probe.report import ReportFailed, endpoint, send

log = logging.getLogger("dashboard.probe")


def _peer(peer, t) -> dict:
    c = t.containers.get(peer.id) if peer.kind == "container" else None
    return {"kind": peer.kind, "id": peer.id, "name": c.name if c else ""}


class Command(BaseCommand):
    help = "Read the connections between this host's containers from the kernel."
    requires_system_checks = []  # the apps are not loaded when manage.py runs it

    def add_arguments(self, parser):
        parser.add_argument("--engine", help="one of DASHBOARD_ENGINES (default: the first)")
        parser.add_argument("--proc", default="/proc", help="where the host's /proc is mounted")
        parser.add_argument("--report", metavar="URL", help="the dashboard to send readings to")
        parser.add_argument("--every", type=float, default=1.0, help="seconds between readings")
        parser.add_argument(
            "--no-conntrack",
            dest="conntrack",
            action="store_false",
            help="read every container's own socket tables, not the host's conntrack",
        )

    def handle(
        self, *args, engine=None, proc="/proc", report=None, every=1.0, conntrack=True, **options
    ):
        engines = settings.DASHBOARD_ENGINES
        name = engine or next(iter(engines))
        if name not in engines:
            raise CommandError(f"No engine {name!r}; DASHBOARD_ENGINES names {sorted(engines)}.")
        client = EngineClient(name, engines[name], settings.DASHBOARD_DOCKER_TIMEOUT)
        try:
            if report:
                self.report(client, proc, report, every, conntrack)
            else:
                self.print_once(client, proc, conntrack)
        finally:
            client.close()

    def print_once(self, client, proc, conntrack):
        try:
            with Probe(client, proc, conntrack=conntrack) as probe:
                reading = probe.read()
        except (EngineError, KernelError) as e:
            raise CommandError(str(e)) from e
        for f in reading.flows:
            line = {
                "client": _peer(f.client, reading.topology),
                "server": _peer(f.server, reading.topology),
                "proto": f.proto,
                "port": f.port,
                "connections": f.connections,
            }
            self.stdout.write(json.dumps(line, sort_keys=True))

    def report(self, client, proc, dashboard, every, conntrack):
        token = settings.DASHBOARD_PROBE_TOKEN
        if not token:
            raise CommandError("Set DASHBOARD_PROBE_TOKEN (the dashboard's) to report.")
        if not 0.1 <= every <= 3600:
            raise CommandError("--every: from 0.1 to 3600 seconds.")
        try:
            url = endpoint(dashboard)
        except ValueError as e:
            raise CommandError(str(e)) from e
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        log.info("probe: reporting engine %s to %s every %g s", client.name, url, every)
        failing = ""
        with Probe(client, proc, conntrack=conntrack, follow=True) as probe:
            while not stop.is_set():
                started = time.monotonic()
                try:
                    send(url, token, client.name, probe.read())
                    if failing:
                        log.info("probe: reports reach the dashboard again")
                    failing = ""
                except (EngineError, KernelError, ReportFailed) as e:
                    if str(e) != failing:  # once an outage, not once a second
                        log.warning("probe: no report: %s", e)
                    failing = str(e)
                stop.wait(max(0.0, every - (time.monotonic() - started)))
        log.info("probe: stopped")
