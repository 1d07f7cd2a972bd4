"""The map page's last resort, a counted meta refresh for when its loader did not come:
the page loaded again keeps the view its address holds."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.django_db

VIEW = {
    "hide_stopped": "1",
    "driver": "bridge",
    "label": 'a=b&c;d "e"',
    "select": "container:0123456789ab",
    "zoom": "1.25",
    "center": "120,-40",
    "at": "2026-12-07T20:00:00Z",
}


def refresh(page: str) -> dict | None:
    """The refresh's query, read as the browser reads it; None without one."""
    found = re.search(r'<meta http-equiv="refresh" content="([^"]*)"', page)
    if not found:
        return None
    delay, url = html.unescape(found.group(1)).split("; url=", 1)
    assert delay == "3" and url.startswith("?"), url
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}


def test_it_loads_again_with_the_view_kept_and_the_count_raised(viewer_client, hub):
    page = viewer_client.get("/", VIEW).content.decode()
    assert refresh(page) == {**VIEW, "reload": "1"}
    page = viewer_client.get("/", {**VIEW, "reload": "2"}).content.decode()
    assert refresh(page) == {**VIEW, "reload": "3"}


def test_it_stops_after_its_last_try(viewer_client, hub):
    from dashboard.web.views import MAP_RELOADS

    page = viewer_client.get("/", {**VIEW, "reload": str(MAP_RELOADS)}).content.decode()
    assert refresh(page) is None


@pytest.mark.parametrize("count", ["x", "-1", "1e3", "²", "9" * 400])
def test_a_count_the_page_did_not_write_starts_again(viewer_client, hub, count):
    r = viewer_client.get("/", {"driver": "bridge", "reload": count})
    assert r.status_code == 200
    assert refresh(r.content.decode()) == {"driver": "bridge", "reload": "1"}
