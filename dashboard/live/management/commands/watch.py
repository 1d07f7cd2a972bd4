"""Watch the engines in a process of its own and publish through Redis to every dashboard
process (DASHBOARD_REDIS_URL): one watcher for any number of daphne workers.

Stops cleanly on SIGTERM and SIGINT.
"""

import asyncio
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dashboard.live.hub import hub_from_settings


class Command(BaseCommand):
    help = "Watch the Docker engines and publish the topology through Redis (DASHBOARD_REDIS_URL)."

    def handle(self, *args, **options):
        if not settings.DASHBOARD_REDIS_URL:
            raise CommandError(
                "Set DASHBOARD_REDIS_URL: without Redis the dashboard watches the engines "
                "itself, and this command has nobody to publish to."
            )
        asyncio.run(self.watch())

    async def watch(self):
        hub = hub_from_settings(
            # Versions go on rising across restarts, so followers and browsers see a gap
            # and take a snapshot rather than mistake new patches for old ones.
            first_version=time.time_ns() // 1_000_000,
            serve_followers=True,
        )
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        hub.start()
        names = ", ".join(
            f"{k}={v or 'default socket'}" for k, v in settings.DASHBOARD_ENGINES.items()
        )
        self.stdout.write(f"Watching {names}; publishing through Redis.")
        self.stdout.flush()
        await stop.wait()
        try:
            async with asyncio.timeout(10):
                await hub.stop()
        except TimeoutError:
            self.stderr.write("Some watcher did not stop within 10 s; leaving anyway.")
        self.stdout.write("Stopped.")
