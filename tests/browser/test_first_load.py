"""The map comes up by itself on a first visit while Docker changes the host's interfaces:
Chromium aborts the requests in flight (net::ERR_NETWORK_CHANGED) at every new bridge and
veth, and the page must retry what failed until it is live."""

import random
import threading
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.browser.conftest import Page
from tests.conftest import Maker

pytestmark = [pytest.mark.browser, pytest.mark.engine2]

LOADS = 20
LIVE_WITHIN_MS = 15_000


class DockerDuringLoad(threading.Thread):
    """Makes a labelled network, then a container on it, starting a random moment into the
    page's first 0.6 s: each changes the host's interfaces (a br-… bridge, then a veth)."""

    def __init__(self, maker: Maker, rng: random.Random):
        super().__init__(daemon=True)
        self.maker, self.delay = maker, rng.uniform(0, 0.6)
        self.go, self.error = threading.Event(), None

    def run(self):
        # The random moment is the point of the test: the injected change, not a wait.
        self.go.wait()
        threading.Event().wait(self.delay)
        try:
            net = self.maker.network()
            self.maker.container(network=net["Name"])
        except Exception as e:  # noqa: BLE001 - reported by the test
            self.error = e


def first_load(browser, state, url, maker, rng) -> tuple[str | None, list[str]]:
    """One load in a fresh context (an empty cache) while Docker makes its objects: what
    the pill said if the map was not live in time (None if it was), and what failed."""
    context, page = fresh_page(browser, state)
    failed = []
    docker = DockerDuringLoad(maker, rng)
    try:
        page.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
        page.on("request", lambda _r: docker.go.set())
        docker.start()
        try:
            page.goto(url, wait_until="commit")
            page.wait_for_selector("#map-app[data-state=live]", timeout=LIVE_WITHIN_MS)
            stuck = None
        except Exception:  # noqa: BLE001 - the load is reported as stuck
            stuck = page.evaluate(
                "() => document.getElementById('live-status')?.textContent ?? document.title"
            )
        docker.go.set()
        docker.join()
        assert docker.error is None, docker.error
        return stuck, failed
    finally:
        context.close()


def test_it_comes_up_on_a_first_load_while_docker_changes_the_interfaces(
    browser, server, session_state, make
):
    rng = random.Random()
    stuck, aborted = [], 0
    for load in range(LOADS):
        maker = Maker(make.api, make.image, make.subnets)
        try:
            status, failed = first_load(browser, session_state, server.url + "/", maker, rng)
        finally:
            maker.cleanup()
        aborted += bool(failed)
        if status is not None:
            stuck.append(f"load {load}: {status!r} after {failed}")
    print(f"{aborted} of {LOADS} loads had a request aborted; {len(stuck)} stayed stuck")
    assert not stuck, f"{len(stuck)} of {LOADS} loads not live within 15 s:\n" + "\n".join(stuck)


def fresh_page(browser, state):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, storage_state=state)
    return context, context.new_page()


@pytest.fixture(scope="module")
def session_state(browser, server):
    p = Page(browser, server, role="viewer")
    yield p.context.storage_state()
    p.context.close()


def losing(asked: list, times: int):
    """A route handler that notes each URL asked for in `asked` and loses the first `times`
    requests as a changed network does."""

    def handle(route):
        asked.append(route.request.url)
        if len(asked) <= times:
            route.abort("internetdisconnected")
        else:
            route.continue_()

    return handle


# What fails first, and what the pill says while the page asks for it again.
LOST = {
    "cytoscape": ("**/static/vendor/cytoscape/cytoscape.min.js*", "Reloading the map's library…"),
    "the map's code": ("**/static/bundle/map.js*", "Reloading the map's code…"),
}


@pytest.mark.parametrize("what", LOST)
def test_it_asks_again_for_what_did_not_come_and_says_so(browser, server, session_state, what):
    pattern, saying = LOST[what]
    context, page = fresh_page(browser, session_state)
    asked = []

    try:
        context.route(pattern, losing(asked, 2))
        page.goto(server.url + "/", wait_until="commit")
        page.wait_for_function(
            "text => document.getElementById('live-status').textContent.startsWith(text)",
            arg=saying,
        )
        page.wait_for_selector("#map-app[data-state=live]", timeout=LIVE_WITHIN_MS)
        assert len(asked) == 3 and len(set(asked)) == 3, asked  # a URL of its own each time
    finally:
        context.close()


def test_it_loads_the_page_again_when_its_loader_did_not_come(browser, server, session_state):
    context, page = fresh_page(browser, session_state)
    asked = []

    try:
        context.route("**/static/js/loader.js*", losing(asked, 1))
        page.goto(server.url + "/", wait_until="commit")
        page.wait_for_url("**/?reload=1", timeout=LIVE_WITHIN_MS)
        page.wait_for_selector("#map-app[data-state=live]", timeout=LIVE_WITHIN_MS)
        assert len(asked) == 2
    finally:
        context.close()


def test_the_page_loaded_again_keeps_the_view_in_its_address(browser, server, session_state):
    context, page = fresh_page(browser, session_state)
    asked, loads = [], []
    view = {"hide_stopped": "1", "driver": "bridge", "zoom": "1.25", "center": "0,0"}
    try:
        page.on("domcontentloaded", lambda p: loads.append(p.url))
        context.route("**/static/js/loader.js*", losing(asked, 1))
        page.goto(server.url + "/?" + urlencode(view), wait_until="commit")
        page.wait_for_selector("#map-app[data-state=live]", timeout=LIVE_WITHIN_MS)
        assert len(loads) == 2 and len(asked) == 2, (loads, asked)
        query = parse_qs(urlsplit(loads[1]).query)
        assert query == {**{k: [v] for k, v in view.items()}, "reload": ["1"]}, loads[1]
        # And the map shows that view.
        assert page.is_checked("#hide-stopped")
        assert page.evaluate("document.getElementById('driver-filter').value") == "bridge"
    finally:
        context.close()


def test_it_stays_on_a_page_whose_loader_came(browser, server, session_state):
    """The last-resort reload is cancelled: the live page is still the first one."""
    context, page = fresh_page(browser, session_state)
    loads = []
    try:
        # Documents loaded, not addresses: the map writes its view into the address
        # (history.replaceState), which is no new load.
        page.on("domcontentloaded", lambda p: loads.append(p.url))
        page.goto(server.url + "/")
        page.wait_for_selector("#map-app[data-state=live]", timeout=LIVE_WITHIN_MS)
        # Past the refresh's 3 s: a loaded page is left alone (a reload would be a second
        # document, at ?reload=1).
        page.wait_for_function("() => performance.now() > 5000")
        assert loads == [server.url + "/"]
    finally:
        context.close()


def test_it_asks_again_for_a_stylesheet_that_did_not_come(browser, server, session_state):
    context, page = fresh_page(browser, session_state)
    asked = []

    try:
        context.route("**/static/css/dashboard.css*", losing(asked, 1))
        page.goto(server.url + "/", wait_until="commit")
        page.wait_for_selector("#map-app[data-state=live]", timeout=LIVE_WITHIN_MS)
        page.wait_for_function(
            "() => [...document.styleSheets].some("
            " s => s.href && s.href.includes('dashboard.css') && s.cssRules.length > 0)"
        )
        assert len(asked) == 2
    finally:
        context.close()


@pytest.mark.parametrize("lost", ["the socket", "the snapshot"])
def test_it_reconnects_when_the_socket_or_its_snapshot_is_lost(
    browser, server, session_state, lost
):
    context, page = fresh_page(browser, session_state)
    sockets = []

    def first_lost(ws):
        sockets.append(ws)
        if len(sockets) > 1:
            ws.connect_to_server()
        elif lost == "the socket":
            ws.close(code=1011)
        else:  # the server's first message, the snapshot, never reaches the page
            ws.connect_to_server().on_message(lambda _m: ws.close(code=1011))

    try:
        page.route_web_socket("**/ws/topology/", first_lost)
        page.goto(server.url + "/", wait_until="commit")
        page.wait_for_function(
            "() => document.getElementById('live-status').textContent.startsWith('Reconnecting…')"
        )
        page.wait_for_selector("#map-app[data-state=live]", timeout=LIVE_WITHIN_MS)
        assert len(sockets) == 2
    finally:
        context.close()
