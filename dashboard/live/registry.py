"""The process's one hub, built from settings on first use: the watchers themselves, or
with DASHBOARD_REDIS_URL a candidate for the lease that follows whoever holds it."""

import threading
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from dashboard.history.recorder import Recorder
from dashboard.history.seed import last_recorded
from dashboard.live.base import BaseHub
from dashboard.live.election import ElectedHub
from dashboard.live.hub import Hub

_hub: BaseHub | None = None
_lock = threading.Lock()


def get_hub() -> BaseHub:
    """The process's hub (built, not started: dashboard.asgi starts it on daphne's loop)."""
    global _hub
    with _lock:
        if _hub is None:
            from channels.layers import get_channel_layer
            from django.conf import settings

            if settings.DASHBOARD_REDIS_URL:
                import redis.asyncio

                _hub = ElectedHub(
                    settings.DASHBOARD_ENGINES,
                    redis=redis.asyncio.Redis.from_url(
                        settings.DASHBOARD_REDIS_URL, socket_connect_timeout=1
                    ),
                    make_leader=partial(hub_from_settings, serve_followers=True),
                    lease_seconds=settings.DASHBOARD_LEASE_SECONDS,
                    channel_layer=get_channel_layer(),
                    timeout=settings.DASHBOARD_DOCKER_TIMEOUT,
                    watcher_timeout=settings.DASHBOARD_WATCHER_TIMEOUT,
                )
            else:
                _hub = hub_from_settings()
        return _hub


def hub_from_settings(**extra) -> Hub:
    """A Hub that watches the engines the settings name (alone, or as the lease holder),
    recording what it publishes when history is on. Alone, it starts from the last
    recorded map, so that its first relist shows what changed while it was stopped."""
    from channels.layers import get_channel_layer
    from django.conf import settings

    engines = settings.DASHBOARD_ENGINES
    if settings.DASHBOARD_HISTORY and extra.get("seed") is None:
        with ThreadPoolExecutor(1) as pool:  # the ORM refuses to run on a running loop
            seed = pool.submit(last_recorded, engines).result()
        if seed is not None:
            extra = {**extra, "seed": seed, "first_version": seed.version + 1}
    hub = Hub(
        engines,
        channel_layer=get_channel_layer(),
        timeout=settings.DASHBOARD_DOCKER_TIMEOUT,
        resync_seconds=settings.DASHBOARD_RESYNC_SECONDS,
        ping_seconds=settings.DASHBOARD_PING_SECONDS,
        stopped_seconds=settings.DASHBOARD_STOPPED_POLL_SECONDS,
        **extra,
    )
    if settings.DASHBOARD_HISTORY:
        recorder = Recorder(hub.store.current, settings.DASHBOARD_HISTORY_LIMITS)
        hub.listeners.append(recorder)
        hub.closers.append(recorder.stop)
        recorder.start()
    return hub


def set_hub(hub: BaseHub | None) -> None:
    """Replace the process's hub (tests)."""
    global _hub
    with _lock:
        _hub = hub
