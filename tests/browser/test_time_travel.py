"""Time travel on the map in Debian's chromium: the map at a recorded moment, what changed
since an earlier one, live changes held back meanwhile, and the way back to live."""

import re
import time
from datetime import UTC, datetime

import pytest

from scripts.harness.docker_env import RUN_ID
from tests.browser.conftest import open_menu
from tests.browser.test_map import live, wait_js

pytestmark = [pytest.mark.browser, pytest.mark.engine2]


def quiet_moment() -> str:
    """A moment (UTC, to the second) with no change within a second either side."""
    time.sleep(1.2)
    moment = datetime.now(UTC).replace(microsecond=0)
    time.sleep(1.2)
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


# The networks drawn in the run's own second engine's box. The test judges that engine
# whole, which nothing but this run changes: the main engine may change at any moment (a
# user's containers, another test run), at the quiet moments too.
E2_NETWORKS = (
    "window.dashboardMap.cy.nodes('.network')"
    ".filter(n => n.ancestors().some(a => a.id() === 'g:e2')).map(n => n.data('ref'))"
)


def e2_networks(p) -> set:
    return set(p.evaluate(E2_NETWORKS))


def ours(banner: str, kind: str, what: str) -> list[str]:
    """The names of this run's objects the comparison banner lists as `what` (appeared,
    vanished, moved): "2 networks appeared: a, b; 1 container vanished: c"."""
    found = re.search(rf"\d+ {kind[:-1]}s? {what}: ([^;]*?)\.?(;|\s*Back to live|$)", banner)
    names = found.group(1).split(", ") if found else []
    return sorted(n for n in names if n.startswith(f"t{RUN_ID[:6]}-"))


def shown(page, node_id) -> bool:
    return page.page.evaluate(f"window.dashboardMap.cy.getElementById('{node_id}').length === 1")


def test_the_map_goes_back_marks_what_changed_and_returns_to_live(page, make_e2):
    make = make_e2
    live(page)
    before = make.network()
    wait_js(page, "id => window.dashboardMap.cy.getElementById('n:' + id).length === 1",
            before["Id"])  # fmt: skip
    then = quiet_moment()
    networks_then = e2_networks(page.page)
    assert before["Id"] in networks_then
    after = make.network()
    cid = make.container(network=after["Name"])
    wait_js(page, "id => window.dashboardMap.cy.getElementById('c:' + id).length === 1", cid)
    make.api.remove_network(before["Id"])
    make.networks.remove(before["Id"])
    wait_js(page, "id => window.dashboardMap.cy.getElementById('n:' + id).length === 0",
            before["Id"])  # fmt: skip
    now = quiet_moment()

    open_menu(page.page, "menu-travel")
    page.page.fill("#travel-at", then)
    page.page.click("#travel-go")
    page.page.wait_for_selector("#map-app[data-state=past]")
    assert e2_networks(page.page) == networks_then
    assert shown(page, f"n:{before['Id']}") and not shown(page, f"c:{cid}")
    # The moment is in the address: the link opens the same past in another tab.
    page.page.wait_for_function("() => location.search.includes('at=')")
    copy = page.context.new_page()
    copy.goto(page.page.url)
    copy.wait_for_selector("#map-app[data-state=past]")
    assert e2_networks(copy) == networks_then
    # The same moment; Chromium writes a whole minute without its ":00" seconds.
    assert datetime.fromisoformat(copy.input_value("#travel-at")) == datetime.fromisoformat(then)
    copy.close()

    open_menu(page.page, "menu-travel")
    page.page.fill("#travel-at", now)
    page.page.fill("#travel-from", then)
    page.page.click("#travel-go")
    page.page.wait_for_function(
        "() => document.getElementById('travel-banner').textContent.includes('Since')"
    )
    banner = page.page.text_content("#travel-banner")
    # The banner tells every engine's changes; this run's (its names) are exactly its own.
    assert ours(banner, "networks", "appeared") == [after["Name"]], banner
    assert ours(banner, "networks", "vanished") == [before["Name"]], banner
    assert ours(banner, "containers", "appeared") == [make.api.inspect_container(cid)["Name"][1:]]
    classes = page.page.evaluate(f"window.dashboardMap.cy.getElementById('c:{cid}').classes()")
    assert "appeared" in classes

    # Live news while the past is on show: held back. Seen arriving on the socket (after
    # the map's own handler, registered first), so the check waits for the news itself.
    page.page.evaluate(
        "() => { const news = (window.__news = []);"
        " window.dashboardMap.socket.addEventListener('message', e => news.push(e.data)); }"
    )
    held = make.network()
    wait_js(page, "id => window.__news.some((d) => d.includes(id))", held["Id"], timeout=10_000)
    assert not shown(page, f"n:{held['Id']}")
    page.page.click("#travel-live")
    live(page)
    page.page.wait_for_function("() => !location.search.includes('at=')")
    wait_js(page, "id => window.dashboardMap.cy.getElementById('n:' + id).length === 1",
            held["Id"])  # fmt: skip
    assert not shown(page, f"n:{before['Id']}")
    assert page.page.evaluate("window.dashboardMap.cy.nodes('.appeared').length") == 0
    assert page.errors == []


def test_a_moment_before_history_says_so(page):
    live(page)
    open_menu(page.page, "menu-travel")
    page.page.fill("#travel-at", "2001-01-01T00:00:00")
    page.page.click("#travel-go")
    page.page.wait_for_function("() => !document.getElementById('travel-banner').hidden")
    assert "History begins at" in page.page.text_content("#travel-banner")
    assert page.page.get_attribute("#map-app", "data-state") == "live"
