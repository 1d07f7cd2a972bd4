"""Issue 29's choice of a layout engine, by measurement: the same map laid out by today's
placement (static/js/placement.js) and by layout libraries (ELK's layered algorithm through
elkjs, cytoscape-fcose, cytoscape-dagre; bundled apart from the map from
scripts/bench/layout_engines/), each fitted as the map's first sight is, then read with the
first-sight figures (scripts/harness/readability.js): the smallest name on screen, labels
overlapping, the share of the canvas covered, edge crossings, the longest edge (% of the
window's diagonal); and the time the layout takes in the page. On the 14-container stack,
a two-host swarm and 1,000 containers, all synthetic (routed into the page's socket), at
1400x900. A measure for docs/layout-choice.md, not a speed row of the map."""

import contextlib
import json
import statistics
import subprocess
from pathlib import Path

from scripts.bench.page import chromium, js
from scripts.bench.report import Report
from scripts.harness.browser import routed_map
from scripts.harness.readability import READABILITY_JS, stack_snapshot
from scripts.harness.synthetic import synthetic_snapshot
from scripts.harness.synthetic_swarm import swarm_snapshot

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "var" / "bench" / "layouts.js"
WINDOW = (1400, 900)
TODAY = "today (placement.js)"
INCREMENTAL = "fcose, one container added, every other node fixed"
REPEAT = 3  # timed plans of today's placement, after one; the median is reported


SCENARIOS = (
    ("14-container stack", stack_snapshot),
    ("two-host swarm", swarm_snapshot),
    ("1,000 containers", synthetic_snapshot),
)


def build() -> str:
    """The layout libraries' bundle (`npm run build:layouts`), as text for the page."""
    subprocess.run(["npm", "run", "--silent", "build:layouts"], cwd=ROOT, check=True)  # noqa: S607
    return BUNDLE.read_text()


def rows(report: Report, server_url: str) -> None:
    from playwright.sync_api import sync_playwright

    bundle = build()
    table = []
    with sync_playwright() as p:
        b = chromium(p)
        for what, make in SCENARIOS:
            snapshot = make()
            for layout, m in measure(b, server_url, snapshot, bundle):
                if layout == INCREMENTAL:
                    report.row(
                        f"layout, {what}, {layout}: layout time, others moved (max), new "
                        "one from its network",
                        f"{m['ms']:.1f} ms, {m['moved']:.1f} px, {m['away']:.0f} px",
                        "others never move",
                    )
                    continue
                table.append((what, layout, m))
                report.row(
                    f"layout, {what}, {layout}: smallest name, overlaps, covered, crossings, "
                    "longest edge (% of diagonal), layout time",
                    figures(m),
                    ">= 10 px, 0, >= 50 %, fewest, shortest",
                )
        b.close()
    print_table(table)


def figures(m: dict) -> str:
    return (
        f"{m['smallest']:.1f} px ({m['unnamed']} of {m['names']} unnamed), "
        f"{m['overlaps']} overlaps, "
        f"{100 * m['coverage']:.0f} % covered, {m['crossings']} crossings, "
        f"longest {100 * m['longest']:.0f} %, {m['ms']:.1f} ms"
    )


def measure(b, server_url: str, snapshot: dict, bundle: str):
    """Yields (layout, figures) for today's placement and each library's. Each library lays
    out a fresh page at its first sight, once: the cold run a first drawing would pay
    (a second run on the same page starts from bounds the first left, which Cytoscape's
    caches, as the map has them, do not always give back fresh)."""
    names = None
    with map_page(b, server_url, snapshot, bundle) as page:
        m = page.evaluate(READABILITY_JS, None)
        times = [page.evaluate("() => window.benchLayouts.today()") for _ in range(REPEAT + 1)]
        yield TODAY, {**m, "ms": statistics.median(times[1:])}
        names = page.evaluate("() => window.benchLayouts.names")
    for name in names:
        with map_page(b, server_url, snapshot, bundle) as page:
            ms = page.evaluate("(n) => window.benchLayouts.run(n)", name)
            page.evaluate(js("one_frame"))
            yield name, {**page.evaluate(READABILITY_JS, None), "ms": ms}
            if name == "fcose":  # a new node placed on fcose's own layout
                yield INCREMENTAL, page.evaluate("() => window.benchLayouts.incremental()")


@contextlib.contextmanager
def map_page(b, server_url: str, snapshot: dict, bundle: str):
    """The map at its first sight of `snapshot`, with the layout libraries in the page."""
    w, h = WINDOW
    context = b.new_context(viewport={"width": w, "height": h}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(180_000)  # a layout of 1,000 containers, on a busy machine
    try:
        routes = routed_map(page, server_url)
        routes[0].send(json.dumps(snapshot))
        page.wait_for_function("() => window.dashboardMap.stats.snapshots === 1")
        page.evaluate(js("one_frame"))
        page.evaluate(f"() => {{ {bundle}\n }}")
        yield page
    finally:
        context.close()


def print_table(table: list) -> None:
    """scenario x layout -> the figures, one line each."""
    head = ("scenario", "layout", "smallest px", "unnamed", "overlaps", "covered %", "crossings",
            "longest %", "layout ms (cold)")  # fmt: skip
    lines = [head] + [
        (what, layout, f"{m['smallest']:.1f}", f"{m['unnamed']}/{m['names']}",
         str(m["overlaps"]), f"{100 * m['coverage']:.0f}", str(m["crossings"]),
         f"{100 * m['longest']:.0f}", f"{m['ms']:.1f}")
        for what, layout, m in table
    ]  # fmt: skip
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    print()
    for k, line in enumerate(lines):
        print(" | ".join(cell.ljust(wd) for cell, wd in zip(line, widths, strict=True)))
        if k == 0:
            print("-+-".join("-" * wd for wd in widths))
