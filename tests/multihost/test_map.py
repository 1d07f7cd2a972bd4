"""The swarm on the live map in Debian's chromium: a manager watched alone draws the node it
cannot watch, with its tasks and the service's VIP; both hosts watched draw the overlay
once, across both engines' boxes."""

import pytest

from scripts.harness.server import DashboardServer
from tests.browser.conftest import Page

pytestmark = [pytest.mark.browser]


def opened(browser, server):
    p = Page(browser, server)
    p.page.wait_for_selector("#map-app[data-state=live]", timeout=15_000)
    return p


def js(p, expression, arg=None):
    return p.page.evaluate(expression, arg)


def wait_js(p, expression, arg=None, timeout=15_000):
    p.page.wait_for_function(expression, arg=arg, timeout=timeout)


def data(p, element: str, key: str):
    """A field of a map element's data, or None when it is not drawn."""
    expression = "([id, key]) => window.dashboardMap.cy.getElementById(id).data(key) ?? null"
    return js(p, expression, [element, key])


LIVE_TASK_ON = (
    "id => [...window.dashboardMap.model.tasks.values()].find(t => t.node === id && t.live)"
)


@pytest.fixture
def dashboard(tmp_path):
    servers = []

    def start(engines: str) -> DashboardServer:
        s = DashboardServer(tmp_path / str(len(servers)), engines)
        s.var_dir.mkdir()
        servers.append(s)
        s.start()
        return s

    yield start
    for s in servers:
        s.stop()


def test_a_manager_alone_draws_the_node_it_cannot_watch(
    browser,
    dashboard,
    two_hosts,
    wired,
    service,
):
    p = opened(browser, dashboard(f"hosta={two_hosts.a.url}"))
    try:
        node_b = two_hosts.b.api().info()["Swarm"]["NodeID"]
        wait_js(p, "id => !!window.dashboardMap.cy.getElementById('N:' + id).length", node_b)
        label = data(p, f"N:{node_b}", "label")
        assert label.startswith("hostb") and "seen through hosta" in label
        wait_js(p, LIVE_TASK_ON, node_b)
        task = js(p, f"id => ({LIVE_TASK_ON})(id).id", node_b)
        truth = two_hosts.a.api().inspect_task(task)
        assert truth["NodeID"] == node_b and truth["ServiceID"] == service["id"]
        assert data(p, f"T:{task}", "parent") == f"N:{node_b}"
        vip = two_hosts.a.api().inspect_service(service["id"])["Endpoint"]["VirtualIPs"]
        (overlay_vip,) = [v["Addr"] for v in vip if v["NetworkID"] == wired.overlay]
        edge = f"v:{service['id']}|{wired.overlay}"
        wait_js(p, "id => !!window.dashboardMap.cy.getElementById(id).length", edge)
        assert data(p, edge, "label") == f"VIP {overlay_vip}"
        # Search finds the node, and its panel says it is seen through the manager.
        p.page.fill("#search", "hostb")
        p.page.click("#search-results button.hit-node")
        p.page.wait_for_selector("#panel .panel-node")
        assert "seen through its manager" in p.page.inner_text("#panel")
        assert not p.errors
    finally:
        p.context.close()


def test_both_hosts_watched_draw_the_overlay_once_across_their_boxes(
    browser,
    dashboard,
    two_hosts,
    wired,
):
    p = opened(browser, dashboard(f"hosta={two_hosts.a.url},hostb={two_hosts.b.url}"))
    try:
        ov = wired.overlay
        wait_js(
            p,
            "([n, a, b]) => [`n:${n}`, `e:${n}|${a}`, `e:${n}|${b}`]"
            ".every(id => window.dashboardMap.cy.getElementById(id).length)",
            [ov, wired.web, wired.probe],
        )
        assert data(p, f"n:{ov}", "parent") is None  # in no engine's box
        assert data(p, f"c:{wired.web}", "parent") == "g:hosta"
        assert data(p, f"c:{wired.probe}", "parent") == "g:hostb"
        assert "across hosta, hostb" in data(p, f"n:{ov}", "label")
        assert not p.errors
    finally:
        p.context.close()
