"""Cytoscape's WebGL mode (a preview since 3.31) against its canvas mode on the map itself:
first paint, a one-container patch and panning on a synthetic map of 1,000 and 5,000
containers, measured as scripts/bench.py's browser rows measure them, and a screenshot of
each mode to see what it draws (labels, compound boxes).

The map's code is not changed: the page's `cytoscape` is wrapped before the map loads, so
that every graph is made with `renderer: { name: "canvas", webgl: true }`. Chromium runs
WebGL on its software rasteriser (SwiftShader) here: no GPU on the build machine.

    npm run --silent build          # the map's bundle, var/bundle/map.js
    .venv/bin/python docs/upstream/webgl-bench.py [containers ...] [--webgl-only | --canvas-only]
    # default: 1000 5000, both modes

Starts the dashboard as `make run` does (daphne, a throwaway var/ directory, the local
engine listed but the map's socket fed synthetic data, as the bench does).
"""

import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.bench.page import js  # noqa: E402
from scripts.bench.report import percentile  # noqa: E402
from scripts.harness.browser import CHROMIUM, routed_map  # noqa: E402
from scripts.harness.server import DashboardServer  # noqa: E402
from scripts.harness.synthetic import patch_adding, synthetic_snapshot  # noqa: E402

DRAWN, PAN = js("drawn"), js("pan")

# WebGL needs a GL: without a GPU, Chromium's software one (SwiftShader).
ARGS = [
    "--disable-dev-shm-usage",
    "--no-sandbox",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]
SHOTS = Path(tempfile.gettempdir()) / "webgl-bench"

WEBGL = """(() => {
  let real;
  Object.defineProperty(window, "cytoscape", {
    configurable: true,
    get: () => real,
    set(fn) {
      const wrapped = (options) => fn({ ...options, renderer: { name: "canvas", webgl: true } });
      real = Object.assign(wrapped, fn);
    },
  });
})();"""

FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def measure(b, url, containers, networks, webgl):
    snapshot = synthetic_snapshot(containers, networks)
    patch = patch_adding(snapshot, 3, "f" * 64, "new-one", base=1)
    page = b.new_page(viewport={"width": 1400, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    if webgl:
        page.add_init_script(WEBGL)
    routes = routed_map(page, url)
    out = {"webgl": page.evaluate("() => !!window.dashboardMap.cy.renderer().webgl")}
    t0 = time.perf_counter()
    routes[0].send(json.dumps(snapshot))
    page.wait_for_function("() => window.dashboardMap.stats.snapshots === 1", timeout=300_000)
    page.evaluate(FRAMES)
    # The bench's "painted" row: the send to two frames later. The map's own paintMs (the
    # snapshot's arrival to Cytoscape's next `render` event) stays null in WebGL mode:
    # Cytoscape 3.35's WebGL drawing emits no `render` event.
    out["painted ms"] = (time.perf_counter() - t0) * 1000
    out["map code ms"] = page.evaluate("window.dashboardMap.stats.renderMs")
    out["first paint ms (render event)"] = page.evaluate("window.dashboardMap.stats.paintMs")
    page.evaluate(DRAWN)
    routes[0].send(json.dumps(patch))
    page.wait_for_function("() => window.dashboardMap.stats.patches === 1", timeout=120_000)
    out["patch ms"] = page.evaluate("window.dashboardMap.stats.lastPatchMs")
    page.wait_for_function("() => window.__drawn", timeout=120_000)
    out["patch drawn ms"] = page.evaluate("window.__drawn")
    page.wait_for_function("() => window.dashboardMap.stats.warm", timeout=120_000)
    time.sleep(1)
    gaps = page.evaluate(PAN)[2:]
    out["pan p50 ms"] = statistics.median(gaps)
    out["pan p95 ms"] = percentile(gaps, 95)
    SHOTS.mkdir(exist_ok=True)
    mode = "webgl" if webgl else "canvas"
    page.evaluate("() => window.dashboardMap.cy.fit()")  # the pan took the map away
    time.sleep(1)
    page.evaluate(FRAMES)
    page.screenshot(path=str(SHOTS / f"{mode}-{containers}-fit.png"))
    # Closer: a project's box and its containers' labels at zoom 1.
    page.evaluate(
        """() => { const cy = window.dashboardMap.cy;
        const box = cy.nodes('.project').first();
        cy.zoom(1); cy.center(box.nonempty() ? box : cy.nodes().first()); }"""
    )
    time.sleep(1)
    page.evaluate(FRAMES)
    page.screenshot(path=str(SHOTS / f"{mode}-{containers}-zoom1.png"))
    out["errors"] = errors[:3]
    page.close()
    return out


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sizes = [int(a) for a in args] or [1000, 5000]
    modes = [False, True]
    if "--webgl-only" in sys.argv or "--canvas-only" in sys.argv:
        modes = ["--webgl-only" in sys.argv]
    var = Path(tempfile.mkdtemp(prefix="dash-webgl-bench-"))
    server = DashboardServer(var, "local=")
    server.start()
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for containers in sizes:
                for webgl in modes:
                    r = measure(b, server.url, containers, containers // 10, webgl)
                    print(json.dumps({"containers": containers, **r}), flush=True)
            b.close()
    finally:
        server.stop()
        shutil.rmtree(var, ignore_errors=True)
    print(f"screenshots in {SHOTS}")


if __name__ == "__main__":
    main()
