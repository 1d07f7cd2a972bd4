"""Debian's chromium as the browser tests and the bench drive it, and a map page whose
socket the caller feeds (synthetic data routed into the page)."""

from pathlib import Path
from urllib.parse import quote

from scripts.harness.server import USERS

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--disable-dev-shm-usage",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def routed_map(page, server_url: str, role: str = "viewer", query: str = "") -> list:
    """Log `page` in and open the map (at `/?query` when given: a view as a link gives it,
    such as "fold=none" for nothing folded) with its socket routed to the caller, who sends
    it what it likes (synthetic data). Returns the list the socket's route is put in."""
    routes = []
    page.route_web_socket("**/ws/topology/", lambda ws: routes.append(ws))
    page.goto(server_url + "/login/" + (f"?next={quote('/?' + query, safe='')}" if query else ""))
    name, password = USERS[role]
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    map_loaded(page)
    page.wait_for_function("() => window.dashboardMap.socket.readyState === 1")
    return routes


def map_loaded(page) -> None:
    """Wait for the map page's scripts to have run. A load that Chromium aborted
    (ERR_NETWORK_CHANGED, when Docker adds an interface) is the page's own to retry
    (js/loader.js), not the test's."""
    page.wait_for_function(
        "() => window.dashboardMap && window.dashboardMap.socket", timeout=30_000
    )


def page_function(path: Path) -> str:
    """A function run in the page (`page.evaluate`), kept in a .js file of its own so that
    ESLint reads it like the rest of the project's JavaScript."""
    return path.read_text()
