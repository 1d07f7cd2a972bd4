"""At first sight: the smallest container's or network's name on screen, labels that
overlap, the share of the canvas the drawing covers, edge crossings and the longest edge
(as % of the canvas diagonal), for the 14-container stack, 1,000 and 5,000 containers
(synthetic, routed into the page's socket) at three window sizes; and of every node drawn
(boxes and folded networks too, as a big map's first sight has them), how many are named
and the smallest name, with the fit's zoom and the first paint."""

import json

from scripts.bench.page import chromium, js
from scripts.bench.report import Report
from scripts.harness.browser import routed_map
from scripts.harness.readability import READABILITY_JS, stack_snapshot
from scripts.harness.synthetic import synthetic_snapshot

# Today's figures (before issue 29's layout), measured with the same rows on the same maps:
# (window, map) -> smallest name px, overlapping labels, coverage %, crossings, longest %.
BEFORE = {
    ("1280x720", "14-container stack"): "3.1 px (22 of 22 unnamed), 24 %, 20 crossings, 27 %",
    ("1400x900", "14-container stack"): "4.4 px (22 of 22 unnamed), 34 %, 20 crossings, 35 %",
    ("1920x1080", "14-container stack"): "6.4 px (14 of 22 unnamed), 37 %, 20 crossings, 36 %",
    ("1280x720", "1,000 containers"): "0.8 px (1100 of 1100 unnamed), 26 %, 22429 crossings, 38 %",
    ("1400x900", "1,000 containers"): "1.2 px (1100 of 1100 unnamed), 36 %, 22429 crossings, 49 %",
    ("1920x1080", "1,000 containers"): "1.7 px (1100 of 1100 unnamed), 39 %, 22429 crossings, 51 %",
}
WINDOWS = ((1280, 720), (1400, 900), (1920, 1080))


def rows(report: Report, server_url: str) -> None:
    from playwright.sync_api import sync_playwright

    maps = (
        ("14-container stack", stack_snapshot()),
        ("1,000 containers", synthetic_snapshot()),
        ("5,000 containers", synthetic_snapshot(5000, 500)),
    )
    with sync_playwright() as p:
        b = chromium(p)
        for what, snapshot in maps:
            for w, h in WINDOWS:
                m = first_sight(b, server_url, snapshot, w, h)
                key = (f"{w}x{h}", what)
                value = (
                    f"{m['smallest']:.1f} px ({m['unnamed']} of {m['names']} unnamed), "
                    f"{m['overlaps']} overlaps, {100 * m['coverage']:.0f} % covered, "
                    f"{m['crossings']} crossings, longest {100 * m['longest']:.0f} %; "
                    f"nodes drawn {m['nodesDrawn']}, named {m['nodesNamed']}, smallest "
                    f"{m['nodeSmallest']:.1f} px, zoom {m['zoom']:.3f}, first paint "
                    f"{m['paintMs']:.0f} ms"
                )
                before = BEFORE.get(key, "")
                report.row(
                    f"first sight, {what}, {w}x{h}: smallest name, labels overlapping, "
                    f"canvas covered, crossings, longest edge (% of diagonal); every node "
                    f"drawn: named, smallest name; the fit's zoom; first paint (one page)",
                    value,
                    f">= 10 px, 0, >= 50 %{f'; before: {before}' if before else ''}",
                )
        b.close()


def first_sight(b, server_url, snapshot, w, h, tries=3):
    """The readability figures of `snapshot` at its first fit on a w x h window. A page
    whose routed socket never delivers (seen on a loaded machine) is tried again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for k in range(tries):
        page = b.new_page(viewport={"width": w, "height": h})
        page.set_default_timeout(90_000)  # a busy machine: this row is not timed
        try:
            routes = routed_map(page, server_url)
            routes[0].send(json.dumps(snapshot))
            page.wait_for_function("() => window.dashboardMap.stats.snapshots === 1")
            page.evaluate(js("one_frame"))
            page.wait_for_function("() => window.dashboardMap.stats.paintMs !== null")
            m = page.evaluate(READABILITY_JS, None)
            return {**m, "paintMs": page.evaluate("window.dashboardMap.stats.paintMs")}
        except PlaywrightTimeout:
            if k == tries - 1:
                raise
        finally:
            page.close()
