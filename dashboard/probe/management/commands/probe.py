"""`manage.py probe`: who talks to whom on this engine's host, read once from the kernel.

It runs beside the engine as root (it reads other processes' /proc/<pid>/net), never
inside the dashboard. It prints one JSON line per flow; sending readings to a dashboard
is not built yet."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dashboard.engine.client import EngineClient
from dashboard.engine.errors import EngineError
from dashboard.probe.kernel import KernelError
from dashboard.probe.reading import read


def _peer(peer, t) -> dict:
    c = t.containers.get(peer.id) if peer.kind == "container" else None
    return {"kind": peer.kind, "id": peer.id, "name": c.name if c else ""}


class Command(BaseCommand):
    help = "Print the connections between this host's containers, read from the kernel."

    def add_arguments(self, parser):
        parser.add_argument("--engine", help="one of DASHBOARD_ENGINES (default: the first)")
        parser.add_argument("--proc", default="/proc", help="where the host's /proc is mounted")

    def handle(self, *args, engine=None, proc="/proc", **options):
        engines = settings.DASHBOARD_ENGINES
        name = engine or next(iter(engines))
        if name not in engines:
            raise CommandError(f"No engine {name!r}; DASHBOARD_ENGINES names {sorted(engines)}.")
        client = EngineClient(name, engines[name], settings.DASHBOARD_DOCKER_TIMEOUT)
        try:
            reading = read(client, proc)
        except (EngineError, KernelError) as e:
            raise CommandError(str(e)) from e
        finally:
            client.close()
        for f in reading.flows:
            line = {
                "client": _peer(f.client, reading.topology),
                "server": _peer(f.server, reading.topology),
                "proto": f.proto,
                "port": f.port,
                "connections": f.connections,
            }
            self.stdout.write(json.dumps(line, sort_keys=True))
