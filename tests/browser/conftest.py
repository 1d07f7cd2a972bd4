import pytest

from scripts.harness.browser import routed_map
from scripts.harness.server import USERS, DashboardServer

PROBE_TOKEN = "browser-tests-probe-token-" + "p" * 20


@pytest.fixture(scope="session")
def server(tmp_path_factory, engine2, docker_api):
    s = DashboardServer(
        tmp_path_factory.mktemp("dashboard-var"),
        f"local=,e2={engine2.url}",
        DASHBOARD_PROBE_TOKEN=PROBE_TOKEN,
    )
    s.start()
    yield s
    s.stop()


class Page:
    """A logged-in page that records console errors and failed script runs, on the map
    opened with nothing folded (as a link with "fold=none" opens it): the tests look for
    their own containers, drawn whatever else the engine holds."""

    def __init__(self, browser, server, role="operator"):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.server = server
        name, password = USERS[role]
        self.page.goto(server.url + "/login/?next=/%3Ffold%3Dnone")
        self.page.fill("input[name=username]", name)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(lambda url: url.startswith(server.url + "/?"))


@pytest.fixture
def page(browser, server):
    p = Page(browser, server)
    yield p
    p.context.close()


def routed_page(browser, server, query: str):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    routes = routed_map(page, server.url, query=query)
    return context, (page, routes, errors)


@pytest.fixture
def routed(browser, server):
    """A logged-in map whose socket the test feeds itself, opened with nothing folded (as a
    link with "fold=none" opens it): whatever its size, every container is drawn."""
    context, opened = routed_page(browser, server, "fold=none")
    yield opened
    context.close()


@pytest.fixture
def routed_first_sight(browser, server):
    """The same, opened as a first visit does: the map's first sight folds what could not
    be read (static/js/overview.js)."""
    context, opened = routed_page(browser, server, "")
    yield opened
    context.close()


def open_menu(page, menu_id: str) -> None:
    """Open a toolbar menu (`<details id=menu_id>`) by its button, as a person would; one
    already open stays so."""
    if not page.evaluate("id => document.getElementById(id).open", menu_id):
        page.click(f"#{menu_id} > summary")
