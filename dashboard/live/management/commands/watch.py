"""Watch the engines in a process of its own and publish through Redis to every dashboard
process (DASHBOARD_REDIS_URL): one watcher for any number of daphne workers.

Stops cleanly on SIGTERM and SIGINT.
"""

import asyncio
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dashboard.live.interprocess import another_watcher
from dashboard.live.registry import hub_from_settings


def run_bounded(main, grace: float = 3.0):
    """asyncio.run, except that tasks still running once `main` is done get `grace`
    seconds after their cancellation and are then left behind: a Redis client that
    swallows a cancellation must not keep the process from exiting."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(main)
    finally:
        pending = asyncio.all_tasks(loop)
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.wait(pending, timeout=grace))
        loop.close()


class Command(BaseCommand):
    help = "Watch the Docker engines and publish the topology through Redis (DASHBOARD_REDIS_URL)."

    def handle(self, *args, **options):
        if not settings.DASHBOARD_REDIS_URL:
            raise CommandError(
                "Set DASHBOARD_REDIS_URL: without Redis the dashboard watches the engines "
                "itself, and this command has nobody to publish to."
            )
        if not run_bounded(self.watch()):
            raise CommandError(
                "Another `manage.py watch` already publishes through this Redis; only one may "
                "run (two would send the dashboards two different version lines). Stopped."
            )

    async def watch(self) -> bool:
        """Run until SIGTERM or SIGINT (True), or until an older watcher is heard (False)."""
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
        # Listen a heartbeat's length first: a second watcher goes before it sends anything.
        if await another_watcher(hub.channel_layer, hub.heartbeat_seconds * 1.5):
            return False
        if stop.is_set():
            return True
        hub.start()
        names = ", ".join(
            f"{k}={v or 'default socket'}" for k, v in settings.DASHBOARD_ENGINES.items()
        )
        self.stdout.write(f"Watching {names}; publishing through Redis.")
        self.stdout.flush()
        waits = [asyncio.create_task(stop.wait()), asyncio.create_task(hub.followers.rival.wait())]
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        for w in waits:
            w.cancel()
        try:
            async with asyncio.timeout(5):
                await hub.stop()
        except TimeoutError:
            self.stderr.write("Some task did not stop within 5 s; leaving it behind.")
        self.stdout.write("Stopped.")
        return not hub.followers.rival.is_set()
