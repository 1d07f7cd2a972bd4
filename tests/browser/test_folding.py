"""Folding on the map in Debian's chromium: a big map (synthetic, routed into the socket:
no engine here holds one) opens folded with its counts; patches into a folded network
change its counts and move nothing; a search into it unfolds it; folding and unfolding
keeps every place. Engines' and projects' boxes fold the same way. Beside it, the same on
the real engine, with "Can it reach…?" into a folded box."""

import json

import pytest

from scripts.harness.docker_env import RUN_ID
from scripts.harness.synthetic import ENGINE, container, patch_adding, synthetic_snapshot
from tests.browser.conftest import Page, open_menu
from tests.browser.test_map import TAP, live, refs, wait_js

pytestmark = [pytest.mark.browser, pytest.mark.engine2]

# Where the placed nodes are (the boxes of engines and projects follow their children).
POSITIONS = (
    "() => Object.fromEntries(window.dashboardMap.cy.nodes()"
    ".filter(n => !n.isParent()).map(n => [n.id(), n.position()]))"
)


def label(page, node_id) -> str:
    return page.evaluate(f"window.dashboardMap.cy.getElementById('{node_id}').data('label')")


def test_a_big_map_opens_folded_and_patches_into_it_only_change_counts(routed_first_sight):
    page, routes, errors = routed_first_sight
    snapshot = synthetic_snapshot(2500, 50)
    routes[0].send(json.dumps(snapshot))
    page.wait_for_function("() => window.dashboardMap.stats.snapshots === 1", timeout=30000)
    # Its first sight: the engine's box (overview.js); a click opens it on its projects'
    # boxes and networks, folded; a click on each box, on its networks.
    assert page.evaluate("window.dashboardMap.cy.nodes().length") == 1
    page.evaluate(f"void window.dashboardMap.cy.getElementById('g:{ENGINE}').emit('tap')")
    assert page.evaluate("window.dashboardMap.cy.nodes('.project.folded').length") == 10
    page.evaluate("void window.dashboardMap.cy.nodes('.project.folded').emit('tap')")
    assert page.evaluate("window.dashboardMap.cy.nodes('.container').length") == 0
    assert page.evaluate("window.dashboardMap.cy.nodes('.network.folded').length") == 50
    net = snapshot["topology"]["networks"][3]
    homed = [c for c in snapshot["topology"]["containers"] if c["networks"][0] == net["id"]]
    running = sum(c["live"] for c in homed)
    assert 0 < running < len(homed)
    first = label(page, f"n:{net['id']}")
    assert f"{len(homed)} containers ({running} running, {len(homed) - running} stopped)" in first
    assert page.evaluate(
        f"window.dashboardMap.cy.getElementById('n:{net['id']}').hasClass('has-stopped')"
    )
    before = page.evaluate(POSITIONS)

    routes[0].send(json.dumps(patch_adding(snapshot, 3, "f" * 64, "late-one", base=1)))
    page.wait_for_function("() => window.dashboardMap.stats.patches === 1")
    assert f"{len(homed) + 1} containers" in label(page, f"n:{net['id']}")
    assert page.evaluate("window.dashboardMap.cy.nodes('.container').length") == 0
    assert page.evaluate(POSITIONS) == before  # nothing moved

    page.fill("#search", "late-one")
    page.click("#search-results button")
    wait_js_page(
        page, "() => window.dashboardMap.cy.getElementById('c:' + 'f'.repeat(64)).selected()"
    )
    shown = page.evaluate("window.dashboardMap.cy.nodes('.container').length")
    assert shown == len(homed) + 1  # its network unfolded, and only that one
    assert page.evaluate("window.dashboardMap.cy.nodes('.network.folded').length") == 49
    placed = page.evaluate(POSITIONS)
    moved = {k: (v, placed.get(k)) for k, v in before.items() if placed.get(k) != v}
    assert not moved

    page.evaluate(f"void window.dashboardMap.cy.getElementById('n:{net['id']}').emit('dbltap')")
    assert page.evaluate("window.dashboardMap.cy.nodes('.container').length") == 0
    open_menu(page, "menu-fold")
    page.click("#unfold-all")
    after = page.evaluate(POSITIONS)
    assert all(after[k] == v for k, v in placed.items()), "refolding moved a container"
    assert page.evaluate("window.dashboardMap.cy.nodes('.container').length") == 2501
    assert errors == []


def test_an_engine_and_a_project_fold_into_counts_and_unfold_where_they_were(routed):
    page, routes, errors = routed
    snapshot = synthetic_snapshot(300, 10)
    routes[0].send(json.dumps(snapshot))
    page.wait_for_function("() => window.dashboardMap.stats.snapshots === 1", timeout=30000)
    before = page.evaluate(POSITIONS)
    top = snapshot["topology"]
    net = top["networks"][2]
    members = {f"c:{c['id']}" for c in top["containers"] if c["project"] == "project-2"}
    box = f"P:{ENGINE}|project-2"
    assert members and members <= set(before)
    count = "s => window.dashboardMap.cy.nodes(s).length"

    page.evaluate(f"void window.dashboardMap.cy.getElementById('{box}').emit('dbltap')")
    folded = page.evaluate(POSITIONS)
    drawn = set(folded)
    assert not members & drawn and f"n:{net['id']}" not in drawn
    assert set(before) - members - {f"n:{net['id']}"} <= drawn, "only the project folded"
    stopped = sum(not c["live"] for c in top["containers"] if c["project"] == "project-2")
    running = len(members) - stopped
    assert f"1 network · {len(members)} containers ({running} running, {stopped} stopped)" in (
        label(page, box)
    )

    patch = patch_adding(snapshot, 2, "f" * 64, "late-one", base=1)
    patch["upsert"]["containers"][0] = container("f" * 64, "late-one", [net["id"]], (), "project-2")
    routes[0].send(json.dumps(patch))
    page.wait_for_function("() => window.dashboardMap.stats.patches === 1")
    assert f"{len(members) + 1} containers ({running + 1} running" in label(page, box)
    assert page.evaluate(POSITIONS) == folded  # counts changed, nothing moved or came
    assert {k: v for k, v in folded.items() if k in before} == {
        k: v for k, v in before.items() if k in drawn
    }

    page.evaluate(f"void window.dashboardMap.cy.getElementById('g:{ENGINE}').emit('dbltap')")
    assert page.evaluate(count, "node") == 1  # the engine's box alone stands for it all
    assert "10 networks · 301 containers" in label(page, f"g:{ENGINE}")
    patch = patch_adding(snapshot, 5, "e" * 64, "later-one", base=2)
    routes[0].send(json.dumps(patch))
    page.wait_for_function("() => window.dashboardMap.stats.patches === 2")
    assert "10 networks · 302 containers" in label(page, f"g:{ENGINE}")
    assert page.evaluate(count, "node") == 1

    page.fill("#search", "late-one")
    page.click("#search-results button")
    wait_js_page(
        page, "() => window.dashboardMap.cy.getElementById('c:' + 'f'.repeat(64)).selected()"
    )
    placed = page.evaluate(POSITIONS)
    assert {k: placed.get(k) for k in before} == before, "unfolding moved something"
    assert f"c:{'e' * 64}" in placed  # the patch that came while folded is drawn too
    assert not page.evaluate(f"window.dashboardMap.cy.getElementById('{box}').hasClass('folded')")
    assert page.evaluate(count, ".folded") == 0
    assert errors == []


def wait_js_page(page, expression, timeout=3000):
    page.wait_for_function(expression, timeout=timeout)


def test_folding_on_the_real_engine_counts_what_docker_has(
    browser, server, engine2_up, docker_api, make
):
    p = Page(browser, server)
    try:
        live(p)
        net = make.network()
        cids = [make.container(network=net["Name"]) for _ in range(3)]
        stopped = make.container(network=net["Name"], start=False)
        node = f"n:{net['Id']}"
        wait_js(p, "id => window.dashboardMap.cy.getElementById('c:' + id).length === 1", stopped)
        open_menu(p.page, "menu-fold")
        p.page.click("#fold-all")
        assert "4 containers (3 running, 1 stopped)" in label(p.page, node)
        assert "3 of 254 addresses in use" in label(p.page, node)  # a /24
        assert not refs(p, ".container") & set(cids)
        more = make.container(network=net["Name"])
        wait_js(p, "([n, k]) => window.dashboardMap.cy.getElementById(n).data('label').includes(k)",
                [node, "5 containers (4 running"])  # fmt: skip
        assert more not in refs(p, ".container")
        p.page.evaluate(f"void window.dashboardMap.cy.getElementById('{node}').emit('tap')")
        wait_js(p, "id => window.dashboardMap.cy.getElementById('c:' + id).length === 1", more)
        assert set(cids) | {stopped, more} <= refs(p, ".container")
        assert p.errors == []
    finally:
        p.context.close()


def test_can_it_reach_finds_its_target_in_a_folded_box(browser, server, engine2_up, make):
    """ "Can it reach…?" on the real engine, the second container searched for inside a
    folded project's box: the box unfolds and the verdict is given. (The map is live only
    with both engines up: an earlier fault test may have stopped the second.)"""
    project = f"fold{RUN_ID[:6]}"
    labels = {"com.docker.compose.project": project}
    net = make.network(name=f"{project}_default", labels=labels)
    web = make.container(network=net["Name"], labels=labels, name=f"{project}-web")
    db = make.container(network=net["Name"], labels=labels, name=f"{project}-db")
    p = Page(browser, server)
    try:
        live(p)
        wait_js(p, "id => window.dashboardMap.cy.getElementById('c:' + id).length === 1", db)
        p.page.evaluate(TAP, web)
        p.page.click("#reach-highlight")
        wait_js(p, "id => window.dashboardMap.cy.getElementById('c:' + id).hasClass('hl')", db)
        p.page.click("#clear-highlight")
        p.page.click("#reach-compare")
        box = f"P:local|{project}"
        p.page.evaluate(f"void window.dashboardMap.cy.getElementById('{box}').emit('dbltap')")
        assert not {web, db} & refs(p, ".container")
        assert "2 containers (all running)" in label(p.page, box)
        p.page.fill("#search", f"{project}-db")
        p.page.click("#search-results button.hit-container")
        p.page.wait_for_selector("#panel .panel-verdict")
        assert "can reach" in p.page.text_content("#panel")
        assert {web, db} <= refs(p, ".container")
        assert p.errors == []
    finally:
        p.context.close()


def test_a_burst_of_patches_while_redraws_run_long_is_drawn_in_fewer_flushes_and_loses_nothing(
    routed,
):
    """1,000 containers: 40 patches sent at once reach the model at once and, while each
    redraw runs long (made to, here: the map repaints a change in a few ms), the drawing in
    merged flushes; in the end every container they started is drawn, running."""
    page, routes, errors = routed
    snapshot = synthetic_snapshot(1000, 100)
    routes[0].send(json.dumps(snapshot))
    page.wait_for_function("() => window.dashboardMap.stats.snapshots === 1", timeout=30000)
    page.evaluate(
        """() => {
          window.__flushes = 0;
          const r = window.dashboardMap.renderer;
          const patch = r.patch.bind(r);
          r.patch = (changed) => {
            window.__flushes += 1;
            patch(changed);
            const t = performance.now();
            while (performance.now() - t < 40); // a redraw as long as a full one at 1,000
          };
        }"""
    )
    ids = [f"{k:x}".rjust(64, "a") for k in range(40)]
    for k, cid in enumerate(ids):
        routes[0].send(json.dumps(patch_adding(snapshot, k % 100, cid, f"burst-{k}", base=1 + k)))
    page.wait_for_function("() => window.dashboardMap.stats.patches === 40", timeout=20000)
    assert page.evaluate("window.dashboardMap.model.version") == 41
    flushes = page.evaluate("window.__flushes")
    assert 1 <= flushes < 40, f"{flushes} flushes for 40 patches"
    drawn = page.evaluate(
        "ids => ids.filter(id => window.dashboardMap.cy.getElementById('c:' + id)"
        ".hasClass('stopped') === false && window.dashboardMap.cy.getElementById('c:' + id)"
        ".length === 1).length",
        ids,
    )
    assert drawn == 40
    assert errors == []


def test_zoomed_out_the_small_labels_are_left_out_and_zoomed_in_they_are_back(routed):
    """Cytoscape would not draw them at the zoom a thousand containers fit at, so they are
    not measured either; zoomed in, each container (its name) and edge has its label again."""
    page, routes, errors = routed
    snapshot = synthetic_snapshot(1000, 100)
    routes[0].send(json.dumps(snapshot))
    page.wait_for_function("() => window.dashboardMap.stats.snapshots === 1", timeout=30000)
    c = snapshot["topology"]["containers"][7]
    shown = f"""() => {{
      const cy = window.dashboardMap.cy;
      const node = cy.getElementById('c:{c["id"]}');
      const edge = node.connectedEdges('.endpoint')[0];
      return [cy.zoom(), node.style('label'), node.data('short'),
              edge.style('label'), edge.data('label')];
    }}"""
    # At the first fit a name would be drawn below Cytoscape's smallest (its font at this zoom).
    under = page.evaluate(
        "id => { const cy = window.dashboardMap.cy; const n = cy.getElementById(id);"
        " return parseFloat(n.style('font-size')) * cy.zoom() * devicePixelRatio"
        " < parseFloat(n.style('min-zoomed-font-size')); }",
        f"c:{c['id']}",
    )
    assert under
    zoom, node_label, node_text, edge_label, edge_text = page.evaluate(shown)
    assert (node_label, edge_label) == ("", "")
    assert c["name"] in node_text and edge_text

    page.evaluate("() => window.dashboardMap.cy.zoom({ level: 1.5, position: { x: 0, y: 0 } })")
    zoom, node_label, node_text, edge_label, edge_text = page.evaluate(shown)
    assert zoom == 1.5
    assert (node_label, edge_label) == (node_text, edge_text)
    assert errors == []
