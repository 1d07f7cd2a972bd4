"""Each diagram export opens where people open it, and hostile names stay text: the SVG in
Chromium, the Mermaid text in a real Mermaid renderer (the npm package, in Chromium)."""

from pathlib import Path

import pytest

from scripts.harness.docker_env import RUN_ID

pytestmark = [pytest.mark.browser, pytest.mark.engine2]

ROOT = Path(__file__).resolve().parents[2]
MERMAID = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
HOSTILE = "<img src=x onerror=window.__xss=1>"


def export(page, fmt, query=""):
    return page.page.evaluate(
        "async url => (await fetch(url, {credentials: 'same-origin'})).text()",
        f"/api/topology.{fmt}{query}",
    )


@pytest.fixture
def hostile_network(make, page):
    net = make.network(name=f"{HOSTILE}-{RUN_ID[:6]}")
    make.container(network=net["Name"], labels={"note": HOSTILE})
    page.page.wait_for_selector("#map-app[data-state=live]")
    return net


def test_the_svg_opens_in_chromium_with_names_as_text(page, hostile_network):
    text = export(page, "svg")
    viewer = page.context.new_page()
    errors = []
    viewer.on("pageerror", lambda e: errors.append(str(e)))
    # Served from a route of the test's own: nothing leaves the machine.
    viewer.route(
        "http://diagram.test/x.svg", lambda r: r.fulfill(body=text, content_type="image/svg+xml")
    )
    viewer.goto("http://diagram.test/x.svg")
    assert viewer.evaluate("document.documentElement.tagName") == "svg"
    shown = viewer.evaluate(
        "[...document.querySelectorAll('text')].map(t => t.textContent).join(' ')"
    )
    assert hostile_network["Name"] in shown
    assert viewer.evaluate("window.__xss") is None and errors == []
    assert viewer.evaluate("document.querySelectorAll('img, script, foreignObject').length") == 0


def test_mermaid_parses_and_renders_the_export_with_names_as_text(page, hostile_network):
    text = export(page, "mmd")
    viewer = page.context.new_page()
    errors = []
    viewer.on("pageerror", lambda e: errors.append(str(e)))
    viewer.set_content("<!doctype html><html><body><div id='out'></div></body></html>")
    viewer.add_script_tag(path=str(MERMAID))
    ok = viewer.evaluate(
        """async src => {
            mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
            await mermaid.parse(src);
            const { svg } = await mermaid.render("diagram", src);
            document.getElementById("out").insertAdjacentHTML("beforeend", svg);
            return true;
        }""",
        text,
    )
    assert ok is True
    shown = viewer.evaluate("document.getElementById('out').textContent")
    assert hostile_network["Name"] in shown
    assert viewer.evaluate("window.__xss") is None and errors == []
    assert viewer.evaluate("document.querySelectorAll('#out img').length") == 0


def test_the_export_links_follow_the_map_filters(page, hostile_network):
    page.page.check("#hide-stopped")
    href = page.page.get_attribute("#export-mmd", "href")
    assert href == "/api/topology.mmd?hide_stopped=1"
    assert hostile_network["Name"].replace("<", "#60;")[:10] in export(
        page, "mmd", "?hide_stopped=1"
    )
