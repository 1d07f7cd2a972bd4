"""The map at first sight, in Debian's chromium, on a real engine: a small Compose-like stack
(14 containers on its own front/back/db/tools/batch networks and the default bridge) opened
on windows of three sizes. At the map's own first fit every container's and network's name
is drawn at 10 px or more on screen, no two drawn labels overlap, and the drawing covers at
least half of the canvas. Read through Cytoscape's public API (scripts/harness/readability.js).

The run's second daemon holds the stack alone, watched by a dashboard of its own: the main
engine carries whatever else runs on this machine."""

import pytest

from scripts.harness.docker_env import RUN_ID
from scripts.harness.readability import READABILITY_JS
from scripts.harness.server import USERS, DashboardServer
from tests.conftest import Maker
from tests.harness.ports import free_ports

pytestmark = [pytest.mark.browser, pytest.mark.engine2]

PROJECT = f"t{RUN_ID[:6]}"
# name, networks (the first one it is created on), published container ports
STACK = [
    ("proxy-1", ["front"], [80, 443]),
    ("web-1", ["front", "back"], []),
    ("web-2", ["front", "back"], []),
    ("api-1", ["back", "db"], []),
    ("api-2", ["back", "db"], []),
    ("worker-1", ["back", "batch"], []),
    ("db-1", ["db"], []),
    ("cache-1", ["back"], []),
    ("adminer-1", ["tools", "db"], [8080]),
    ("monitor-1", ["tools", "front"], []),
    ("legacy-1", ["bridge"], [9000]),
    ("legacy-2", ["bridge"], []),
    ("batch-1", ["batch"], []),
    ("batch-2", ["batch"], []),
]
INTERNAL = {"db", "batch"}


@pytest.fixture(scope="module")
def stack(tmp_path_factory, engine2, subnets):
    """The stack on the second daemon, and a dashboard watching that daemon alone."""
    if not engine2.running():
        engine2.start()
    api = engine2.api(timeout=60)
    maker = Maker(api, engine2.image, subnets)
    server = DashboardServer(tmp_path_factory.mktemp("first-sight"), f"e2={engine2.url}")
    try:
        compose = {"com.docker.compose.project": PROJECT}
        nets = {"bridge": "bridge"}
        ids = []
        for name in ("front", "back", "db", "tools", "batch"):
            made = maker.network(
                name=f"{PROJECT}_{name}", labels=compose, internal=name in INTERNAL
            )
            nets[name] = made["Id"]
            ids.append(f"n:{made['Id']}")
        first = free_ports(8)
        ports = iter(range(first, first + 8))
        for name, on, published in STACK:
            labels = compose if not name.startswith("legacy") else {}
            bindings = {p: ("127.0.0.1", next(ports)) for p in published}
            cid = maker.container(
                name=f"{PROJECT}-{name}",
                network=nets[on[0]] if on[0] != "bridge" else "bridge",
                labels=labels,
                ports=published or None,
                host={"port_bindings": bindings} if bindings else {},
            )
            for extra in on[1:]:
                api.connect_container_to_network(cid, nets[extra])
            ids.append(f"c:{cid}")
        server.start()
        yield server, ids
    finally:
        server.stop()
        maker.cleanup()


@pytest.mark.parametrize("size", [(1280, 720), (1400, 900), (1920, 1080)])
def test_every_name_is_legible_at_the_first_fit(browser, stack, size):
    server, ids = stack
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        name, password = USERS["viewer"]
        page.goto(server.url + "/login/")
        page.fill("input[name=username]", name)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(server.url + "/")
        # The dashboard has read the whole stack before the map is opened for its first sight.
        want = {i[2:] for i in ids if i.startswith("c:")}

        def seen():
            topology = page.request.get(server.url + "/api/topology").json()
            return want <= {c["id"] for c in topology["containers"]}

        for _ in range(200):
            if seen():
                break
            page.wait_for_timeout(100)
        assert seen(), "the dashboard never saw the whole stack"
        page.goto(server.url + "/")
        page.wait_for_function(
            "ids => window.dashboardMap && window.dashboardMap.stats.snapshots >= 1"
            " && ids.every(id => window.dashboardMap.cy.getElementById(id).length)",
            arg=ids,
            timeout=90_000,  # a loaded machine; a resync's snapshot keeps the first fit
        )
        page.evaluate("() => new Promise(r => requestAnimationFrame(r))")
        m = page.evaluate(READABILITY_JS, ids)
        assert m["names"] == len(ids)
        assert m["smallest"] >= 10, f"a name drawn at {m['smallest']:.1f} px: {m}"
        assert m["unnamed"] == 0, m
        assert m["overlaps"] == 0, f"labels overlap: {m}"
        assert m["coverage"] >= 0.5, f"the drawing covers {100 * m['coverage']:.0f} %: {m}"
        assert errors == []
    finally:
        context.close()
