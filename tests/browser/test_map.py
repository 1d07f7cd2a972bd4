"""The live map in Debian's chromium, against the real engine and the run's second daemon."""

import pytest

from scripts.harness.docker_env import RUN_ID, RUN_LABEL
from tests.browser.conftest import open_menu
from tests.harness.wait import converged

pytestmark = [pytest.mark.browser, pytest.mark.engine2]

# Returns nothing: emit() gives back a Cytoscape collection, slow for Playwright to serialise.
TAP = "id => { window.dashboardMap.cy.getElementById('c:' + id).emit('tap'); }"

HOSTILE = "<img src=x onerror=window.__xss=1>"


def live(p, timeout=10_000):
    try:
        p.page.wait_for_selector("#map-app[data-state=live]", timeout=timeout)
    except Exception as e:
        status = p.page.text_content("#live-status")
        raise AssertionError(f"the map is not live after {timeout} ms: {status!r}") from e


def drawn(p, container_ids, timeout=10_000):
    """Wait until each container has its own node on the map."""
    p.page.wait_for_function(
        "ids => ids.every(id => window.dashboardMap.cy.getElementById('c:' + id).nonempty())",
        arg=list(container_ids),
        timeout=timeout,
    )


def refs(p, selector):
    return set(
        p.page.evaluate(f"window.dashboardMap.cy.nodes('{selector}').map(n => n.data('ref'))")
    )


def wait_js(p, expression, arg=None, timeout=2_000):
    p.page.wait_for_function(expression, arg=arg, timeout=timeout)


def test_the_map_shows_exactly_what_docker_has(page, docker_api, engine2_up, make):
    net = make.network()
    make.container(network=net["Name"])
    make.container(network=net["Name"], start=False)
    live(page)
    wait_js(page, "id => !!window.dashboardMap.cy.getElementById('n:' + id).length", net["Id"])
    e2 = engine2_up.api()

    def docker():
        networks = {n["Id"] for n in docker_api.networks()} | {n["Id"] for n in e2.networks()}
        containers = {c["Id"] for c in docker_api.containers(all=True)}
        containers |= {c["Id"] for c in e2.containers(all=True)}
        return networks, containers

    # Both engines whole; the main one may be changing (a user's containers, another test
    # run), so the map is compared with Docker read again until the two agree.
    shown, truth = converged(lambda: (refs(page, ".network"), refs(page, ".container")), docker, 10)
    assert shown == truth
    assert page.errors == []


def test_containers_appear_connect_and_vanish_without_reload(page, docker_api, make):
    live(page)
    page.page.evaluate("window.__noReload = true")
    a, b = make.network(), make.network()
    cid = make.container(network=a["Name"])
    wait_js(page, "id => window.dashboardMap.cy.getElementById('c:' + id).length === 1", cid)
    ip = docker_api.inspect_container(cid)["NetworkSettings"]["Networks"][a["Name"]]["IPAddress"]
    edge = f"e:{a['Id']}|{cid}"
    wait_js(
        page,
        "([e, ip]) => (window.dashboardMap.cy.getElementById(e).data('label') || '')"
        ".startsWith(ip + '/')",
        [edge, ip],
    )

    docker_api.connect_container_to_network(cid, b["Id"])
    wait_js(
        page, "e => window.dashboardMap.cy.getElementById(e).length === 1", f"e:{b['Id']}|{cid}"
    )

    before = page.page.evaluate(
        "window.dashboardMap.cy.getElementById('n:' + arguments[0]).position()".replace(
            "arguments[0]", repr(a["Id"])
        )
    )
    docker_api.remove_container(cid, force=True)
    wait_js(page, "id => window.dashboardMap.cy.getElementById('c:' + id).length === 0", cid)
    after = page.page.evaluate(
        "window.dashboardMap.cy.getElementById('n:' + arguments[0]).position()".replace(
            "arguments[0]", repr(a["Id"])
        )
    )
    assert before == after, "a patch must not move the nodes already placed"
    assert page.page.evaluate("window.__noReload") is True
    assert page.page.evaluate("window.dashboardMap.stats.snapshots") == 1
    assert page.errors == []


def test_a_stopped_engine_is_shown_with_its_reason(page, engine2_up):
    live(page)
    engine2_up.stop()
    try:
        page.page.wait_for_selector("#map-app[data-state=engine-down]", timeout=3_000)
        status = page.page.text_content("#live-status")
        assert "Engine e2 disconnected" in status
        assert page.page.evaluate("window.dashboardMap.cy.getElementById('g:e2').hasClass('down')")
    finally:
        engine2_up.start()
    live(page, timeout=10_000)


def test_hostile_text_is_shown_literally_and_runs_nothing(page, docker_api, make):
    net = make.network(
        name=f"x{HOSTILE}{RUN_ID}", labels={"note": HOSTILE}, options={"hostile.opt": HOSTILE}
    )
    cid = make.container(network=net["Name"], labels={"evil": HOSTILE})
    docker_api.connect_container_to_network(
        cid, make.network()["Id"], aliases=["<svg onload=window.__xss=2>"]
    )
    live(page)
    wait_js(page, "id => window.dashboardMap.cy.getElementById('c:' + id).length === 1", cid)

    page.page.fill("#search", HOSTILE[:12])
    page.page.wait_for_selector("#search-results button")
    assert HOSTILE in page.page.text_content("#search-results")
    page.page.click("#search-results button.hit-network")
    panel = page.page.text_content("#panel")
    assert HOSTILE in panel and page.page.query_selector("#panel img") is None

    page.page.evaluate(TAP, cid)
    wait_js(page, "() => document.querySelector('#panel').textContent.includes('<svg onload')")
    assert HOSTILE in page.page.text_content("#panel")
    label = page.page.evaluate(
        "id => window.dashboardMap.cy.getElementById('n:' + id).data('label')", net["Id"]
    )
    assert HOSTILE in label
    assert page.page.evaluate("window.__xss") is None
    assert page.page.query_selector("#panel svg, #panel img, #search-results img") is None


def test_the_isolation_view_explains_the_walkthrough(page, docker_api, make):
    c1 = make.container()  # the default bridge
    c2 = make.container()
    user = make.network()
    c3 = make.container(network=user["Name"])
    live(page)
    for cid in (c1, c2, c3):
        wait_js(page, "id => window.dashboardMap.cy.getElementById('c:' + id).length === 1", cid)

    def compare(a, b):
        page.page.evaluate(TAP, a)
        page.page.click("#reach-compare")
        page.page.evaluate(TAP, b)
        page.page.wait_for_selector("#panel .panel-verdict")
        return page.page.text_content("#panel")

    text = compare(c1, c3)
    assert "isolated" in text and "No shared network" in text and user["Name"] in text
    text = compare(c1, c2)
    assert "can reach" in text and "by address only" in text and "embedded DNS" in text

    page.page.evaluate(TAP, c1)
    page.page.click("#reach-highlight")
    wait_js(page, "id => window.dashboardMap.cy.getElementById('c:' + id).hasClass('hl')", c2)
    assert page.page.evaluate(
        "id => window.dashboardMap.cy.getElementById('c:' + id).hasClass('faded')", c3
    )


def test_filters_and_png_export(page, make):
    net = make.network()
    stopped = make.container(network=net["Name"], start=False)
    live(page)
    wait_js(page, "id => window.dashboardMap.cy.getElementById('c:' + id).length === 1", stopped)
    hidden = "id => window.dashboardMap.cy.getElementById('c:' + id).hasClass('hidden')"
    assert not page.page.evaluate(hidden, stopped)
    page.page.check("#hide-stopped")
    assert page.page.evaluate(hidden, stopped)
    page.page.uncheck("#hide-stopped")
    open_menu(page.page, "menu-filters")
    page.page.fill("#label-filter", f"{RUN_LABEL}={RUN_ID}")
    assert not page.page.evaluate(hidden, stopped)
    page.page.fill("#label-filter", "no-such-label")
    assert page.page.evaluate(hidden, stopped)
    page.page.fill("#label-filter", "")
    page.page.select_option("#driver-filter", "host")
    assert page.page.evaluate(hidden, stopped)
    page.page.select_option("#driver-filter", "")
    open_menu(page.page, "menu-export")
    with page.page.expect_download() as download:
        page.page.click("#export-png")
    assert download.value.suggested_filename.endswith(".png")


def test_a_dropped_socket_reconnects_and_resyncs(page, make):
    live(page)
    page.page.evaluate("window.__noReload = true")
    page.page.evaluate("window.dashboardMap.socket.close()")
    page.page.wait_for_selector("#map-app[data-state=reconnecting]", timeout=2_000)
    cid = make.container()  # made while the socket is down or just back: either way it shows
    live(page, timeout=5_000)
    wait_js(page, "id => window.dashboardMap.cy.getElementById('c:' + id).length === 1", cid)
    assert page.page.evaluate("window.dashboardMap.stats.snapshots") == 2
    assert page.page.evaluate("window.__noReload") is True


def test_the_side_panel_holds_long_ids_and_aliases_within_its_width(page, docker_api, make):
    net = make.network(name=f"t{RUN_ID[:6]}-a-network-with-a-rather-long-name-for-the-panel")
    long_alias = "a-very-long-alias-that-has-no-spaces-at-all-" + "x" * 60
    cid = make.container(network=net["Name"])
    docker_api.connect_container_to_network(cid, make.network()["Id"], aliases=[long_alias])
    live(page)
    wait_js(page, "id => window.dashboardMap.cy.getElementById('c:' + id).length === 1", cid)
    page.page.evaluate(TAP, cid)
    wait_js(page, "a => document.querySelector('#panel').textContent.includes(a)", long_alias)
    overflow = page.page.evaluate(
        "() => [...document.querySelectorAll('#panel table')]"
        ".map(t => t.scrollWidth - t.parentElement.clientWidth)"
    )
    assert overflow and max(overflow) <= 0, overflow
    titles = page.page.evaluate(
        "() => [...document.querySelectorAll('#panel td[title]')].map(td => td.title)"
    )
    assert any(long_alias in t for t in titles), "the full text is on hover"


def test_published_ports_and_host_mode_hang_off_the_host_node(page, make):
    from tests.harness.ports import free_ports

    base = free_ports(2)
    everywhere = make.container(ports=[80], host={"port_bindings": {80: ("0.0.0.0", base)}})
    loopback = make.container(ports=[80], host={"port_bindings": {80: ("127.0.0.1", base + 1)}})
    hostmode = make.container(network="host")
    live(page)
    for cid in (everywhere, loopback, hostmode):
        wait_js(page, "id => window.dashboardMap.cy.getElementById('c:' + id).length === 1", cid)
    edges = page.page.evaluate(
        "ids => ids.map(id => window.dashboardMap.cy.getElementById('c:' + id)"
        ".incomers('edge').filter(e => e.source().id() === 'h:local')"
        ".map(e => [e.classes().join(' '), e.data('label')]))",
        [everywhere, loopback, hostmode],
    )
    assert edges[0] == [["published open", f"0.0.0.0:{base} → 80/tcp"]]
    assert edges[1] == [["published loopback", f"127.0.0.1:{base + 1} → 80/tcp"]]
    assert edges[2] == [["hostnet", "host network"]]
    distance = page.page.evaluate(
        "id => { const cy = window.dashboardMap.cy;"
        " const a = cy.getElementById('h:local').position();"
        " const b = cy.getElementById('c:' + id).position();"
        " return Math.hypot(a.x - b.x, a.y - b.y); }",
        hostmode,
    )
    assert distance < 150, "a host-mode container sits on the host node"
    page.page.evaluate(TAP, everywhere)
    page.page.click("#reach-outside")
    page.page.wait_for_selector(".panel-verdict.verdict-exposed")
    assert f"0.0.0.0:{base} → 80/tcp (from outside this host)" in page.page.text_content("#panel")
    # Exposure follows Docker live: a stopped container publishes nothing.
    page.page.evaluate("() => window.dashboardMap.cy.elements().unselect()")
    make.api.stop(loopback, timeout=0)
    wait_js(
        page,
        "id => window.dashboardMap.cy.getElementById('c:' + id).incomers('edge.published')"
        ".length === 0",
        loopback,
    )
    page.page.check("#only-exposed")
    hidden = "id => window.dashboardMap.cy.getElementById('c:' + id).hasClass('hidden')"
    plain = make.container()
    wait_js(page, "id => window.dashboardMap.cy.getElementById('c:' + id).length === 1", plain)
    wait_js(page, hidden, plain)
    assert not page.page.evaluate(hidden, everywhere) and not page.page.evaluate(hidden, hostmode)
    assert page.errors == []


def test_a_compose_project_is_grouped_filterable_and_found(page, make):
    project = f"shop{RUN_ID[:6]}"
    labels = {"com.docker.compose.project": project}
    net = make.network(name=f"{project}_default", labels=labels)
    web = make.container(
        network=net["Name"], labels={**labels, "com.docker.compose.service": "web"}
    )
    db = make.container(network=net["Name"], labels={**labels, "com.docker.compose.service": "db"})
    loner = make.container()
    live(page)
    for cid in (web, db, loner):
        wait_js(page, "id => window.dashboardMap.cy.getElementById('c:' + id).length === 1", cid)
    parent = "id => window.dashboardMap.cy.getElementById(id).data('parent')"
    box = f"P:local|{project}"
    assert page.page.evaluate(parent, f"c:{web}") == box
    assert page.page.evaluate(parent, f"n:{net['Id']}") == box
    assert page.page.evaluate(parent, f"c:{loner}") == "g:local"
    open_menu(page.page, "menu-filters")
    page.page.select_option("#project-filter", f"local|{project}")
    hidden = "id => window.dashboardMap.cy.getElementById('c:' + id).hasClass('hidden')"
    wait_js(page, hidden, loner)
    assert not page.page.evaluate(hidden, web) and not page.page.evaluate(hidden, db)
    page.page.select_option("#project-filter", "")
    page.page.fill("#search", project)
    page.page.click("#search-results button.hit-project")
    panel = page.page.text_content("#panel")
    assert f"Compose project {project}" in panel and "web" in panel and "db" in panel
    assert f"{project}_default" in panel
    assert page.errors == []


def test_warnings_appear_and_clear_on_the_open_map(page, make, subnets):
    live(page)
    net = make.network(subnet=subnets.next(29))
    cids = [make.container(network=net["Name"]) for _ in range(5)]
    listed = "name => document.querySelector('#warnings-list').textContent.includes(name)"
    wait_js(page, listed, net["Name"], timeout=5_000)
    assert not page.page.is_hidden("#warnings-pill")
    page.page.click("#warnings-pill")
    assert "6 of 6 addresses" in page.page.text_content("#warnings-list")
    # The map marks the network the warning is about, and unmarks it once it clears.
    marked = "id => window.dashboardMap.cy.getElementById('n:' + id).hasClass('warned')"
    assert page.page.evaluate(marked, net["Id"])
    make.api.remove_container(cids[0], force=True)
    wait_js(page, f"name => !({listed.split(' => ')[1]})", net["Name"], timeout=5_000)
    wait_js(page, f"id => !({marked.split(' => ')[1]})", net["Id"], timeout=5_000)
    assert page.errors == []


def test_the_default_bridges_gateway_shows_in_the_panel_marked_as_read_from_endpoints(
    page, docker_api, make
):
    cid = make.container()  # on the default bridge
    bridge = docker_api.inspect_network("bridge")
    gateway = docker_api.inspect_container(cid)["NetworkSettings"]["Networks"]["bridge"]["Gateway"]
    configured = (bridge["IPAM"]["Config"] or [{}])[0].get("Gateway", "")
    live(page)
    # The map knows the container's endpoint, and so the gateway it reports.
    wait_js(
        page,
        "([n, c]) => window.dashboardMap.model.endpointsOfNetwork(n).some(e => e.container === c)",
        [bridge["Id"], cid],
        timeout=10_000,
    )
    page.page.evaluate(
        "id => { window.dashboardMap.cy.getElementById('n:' + id).emit('tap'); }", bridge["Id"]
    )
    page.page.wait_for_selector("#panel .panel-network")
    cells = page.page.evaluate(
        "() => [...document.querySelectorAll('#panel table')[0].querySelectorAll('tbody td')]"
        ".map(td => td.textContent.trim())"
    )
    # As the network list and page show it (tests/web/test_network_list.py).
    assert cells[1] == (configured or f"{gateway} (from endpoints)"), cells


def test_a_page_closed_for_flooding_stays_away_a_long_while_and_says_why(page):
    live(page)
    page.page.evaluate("window.__noReload = true")
    # Far more snapshots than a page ever asks for: the server closes the socket (4429).
    page.page.evaluate(
        "() => { const ws = window.dashboardMap.socket; window.__flooded = ws;"
        " for (let i = 0; i < 500; i += 1) ws.send(JSON.stringify({ type: 'resync' })); }"
    )
    page.page.wait_for_function("() => window.__flooded.readyState === WebSocket.CLOSED")
    page.page.wait_for_selector("#map-app[data-state=reconnecting]", timeout=2_000)
    status = page.page.text_content("#live-status")
    assert "too often" in status, status
    seconds = int(status.split("retry in ")[1].split(" s")[0])
    assert seconds >= 45, status  # a minute, less a quarter of jitter; not the usual half second
    assert page.page.evaluate("window.dashboardMap.socket === window.__flooded")
    assert page.page.evaluate("window.__noReload") is True
