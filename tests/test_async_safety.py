"""The suite runs as daphne serves, without DJANGO_ALLOW_ASYNC_UNSAFE: an ORM call made on
an event loop's thread fails here as it fails there."""

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.core.exceptions import SynchronousOnlyOperation

from dashboard.history.seed import WAITING
from dashboard.live.registry import hub_from_settings

pytestmark = pytest.mark.django_db(transaction=True)


async def test_the_orm_refuses_to_run_on_the_event_loop_as_under_daphne():
    users = get_user_model().objects
    with pytest.raises(SynchronousOnlyOperation):
        users.count()
    assert await sync_to_async(users.count)() == 0


async def test_a_hub_built_on_the_serving_loop_reads_the_last_recorded_map_off_it(settings):
    """Daphne's first connection builds the process's hub on the loop; with history on, it
    starts from the last recorded map, which it must read on another thread."""
    settings.DASHBOARD_ENGINES = {"local": ""}
    settings.DASHBOARD_HISTORY = True
    first = hub_from_settings()  # nothing recorded yet: its recorder records where it began
    await first.stop()
    assert first.store.current.engines["local"].error == ""

    second = hub_from_settings()
    await second.stop()
    assert second.store.current.engines["local"].error == WAITING
    assert second.store.current.version > first.store.current.version
