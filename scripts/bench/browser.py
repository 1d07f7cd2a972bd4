"""The map in Chromium on synthetic data routed into the page's socket (no engine here
holds 5,000): first paint, a patch, starts on the settled map, frames while panning, the
heap, and Unfold all on a map that opens folded. Measured on the map drawn whole (1,000
containers, every network open) or with every network folded (5,000), opened so by its
link: a first visit's first sight folds more (overview.js; its rows are readability's)."""

import json
import random
import statistics
import time

from scripts.bench.page import chromium, js
from scripts.bench.report import Report, ms, percentile
from scripts.harness.browser import routed_map
from scripts.harness.synthetic import patch_adding, patch_starting, synthetic_snapshot

SIZES = ((1000, 100), (5000, 500))  # containers, networks
SETTLED_STARTS = 6  # starts on the settled map, each a different container, timed one by one


def rows(report: Report, server_url: str, sizes=SIZES) -> None:
    for containers, networks in sizes:
        size_rows(report, server_url, containers, networks)


def size_rows(report: Report, server_url: str, containers, networks) -> None:
    from playwright.sync_api import sync_playwright

    snapshot = synthetic_snapshot(containers, networks)
    patch = patch_adding(snapshot, 3, "f" * 64, "new-one", base=1)
    starts = [patch_starting(snapshot, base=2 + k, nth=k) for k in range(SETTLED_STARTS)]
    moved = patch_adding(snapshot, 4, "e" * 64, "new-two", base=2 + SETTLED_STARTS)
    kinds = ("code", "drawn first", "painted", "patch", "drawn", "frames", "frames after patch")
    kinds += ("settled first", "settled work", "settled drawn")
    kinds += ("heap", "unfold")
    runs = {k: [] for k in kinds}
    runs["unfolded heap"] = []
    folded = containers > 2000
    with sync_playwright() as p:
        b = chromium(p)
        for k_page in range(3):
            page = b.new_page(viewport={"width": 1400, "height": 900})
            page.set_default_timeout(120_000)  # logging in on a busy machine; nothing timed
            routes = routed_map(page, server_url, query="fold=all" if folded else "fold=none")
            text = json.dumps(snapshot)
            t0 = time.perf_counter()
            routes[0].send(text)
            page.wait_for_function("() => window.dashboardMap.stats.snapshots === 1", timeout=60000)
            page.evaluate(js("two_frames"))
            runs["painted"].append(time.perf_counter() - t0)
            runs["code"].append(page.evaluate("window.dashboardMap.stats.renderMs") / 1000)
            page.wait_for_function("() => window.dashboardMap.stats.paintMs !== null")
            runs["drawn first"].append(page.evaluate("window.dashboardMap.stats.paintMs") / 1000)
            page.evaluate(js("drawn"))
            routes[0].send(json.dumps(patch))
            page.wait_for_function("() => window.dashboardMap.stats.patches === 1")
            runs["patch"].append(page.evaluate("window.dashboardMap.stats.lastPatchMs") / 1000)
            page.wait_for_function("() => window.__drawn")
            runs["drawn"].append(page.evaluate("window.__drawn") / 1000)
            page.wait_for_function("() => window.dashboardMap.stats.warm", timeout=30000)
            time.sleep(1)
            gaps = page.evaluate(js("pan"))[2:]  # the first frames wait for the pan to start
            runs["frames"].append(percentile(gaps, 95) / 1000)
            # Starts on the map as it stands once settled (its bitmap finished). The first
            # runs the repaint's code for the first time (not yet compiled), apart.
            time.sleep(0.5)
            phases = random.Random(k_page)
            for k, started in enumerate(starts):
                page.evaluate(js("drawn"))
                routes[0].send(json.dumps(started))
                page.wait_for_function("() => window.__drawn && window.__frame !== null")
                took, frame = page.evaluate("[window.__drawn, window.__frame]")
                code = page.evaluate("window.dashboardMap.stats.lastPatchMs")
                if k == 0:
                    runs["settled first"].append(took / 1000)
                else:
                    runs["settled work"].append((code + frame) / 1000)
                    runs["settled drawn"].append(took / 1000)
                # Not a whole number of frames: each start lands at another point of one.
                time.sleep(0.3 + phases.random() / 60)
            # A pan right after a patch, measured apart: a change the still map's bitmap
            # cannot take in place has Cytoscape draw each element again for 250 ms.
            routes[0].send(json.dumps(moved))
            page.wait_for_function(
                f"() => window.dashboardMap.stats.patches === {2 + SETTLED_STARTS}"
            )
            gaps = page.evaluate(js("pan"))[2:]
            runs["frames after patch"].append(percentile(gaps, 95) / 1000)
            cdp = page.context.new_cdp_session(page)
            cdp.send("HeapProfiler.collectGarbage")
            runs["heap"].append(cdp.send("Runtime.getHeapUsage")["usedSize"] / 1e6)
            page.click("#menu-fold > summary")  # the toolbar's Fold menu holds it
            t1 = time.perf_counter()
            page.click("#unfold-all")
            page.evaluate(js("two_frames"))
            runs["unfold"].append(time.perf_counter() - t1)
            cdp.send("HeapProfiler.collectGarbage")
            runs["unfolded heap"].append(cdp.send("Runtime.getHeapUsage")["usedSize"] / 1e6)
            page.close()
        b.close()
    med = {k: statistics.median(v) for k, v in runs.items()}
    size = f"{containers:,} containers / {networks} networks"
    paint_target = "< 1 s" if containers <= 1000 else "< 3 s"
    report.row(
        f"browser first paint, {size}{' (every network folded)' if folded else ''} (synthetic):"
        " from the snapshot's arrival to the end of the frame that draws it",
        f"{ms(med['drawn first'])}, map code {ms(med['code'])}",
        paint_target,
    )
    report.row(
        f"... from the bench's send (through Playwright's route) to two frames later, {size}",
        ms(med["painted"]),
        "",
    )
    report.row(f"browser one-container patch, {size}", ms(med["patch"]), "< 16 ms")
    report.row(
        f"... from its message to the end of the frame that draws it (sent right after first "
        f"paint, before Cytoscape has made the still map's bitmap: every element is drawn "
        f"one by one), {size}",
        ms(med["drawn"]),
        "",
    )
    work, drawn = runs["settled work"], runs["settled drawn"]
    report.row(
        f"... a start on the map settled for a second, the work of it: the map's code, and "
        f"Cytoscape's in the frame that shows it (drawn style, boxes sized, the still map's "
        f"bitmap repainted where it changed; {len(work)} starts, {SETTLED_STARTS - 1} a "
        f"page), {size}",
        f"p50 {ms(statistics.median(work))}, max {ms(max(work))}",
        "max < 16 ms",
    )
    report.row(
        f"... the same starts from their message to the end of the frame that draws them "
        f"(with the wait for the next frame, 0-16.7 ms), {size}",
        f"p50 {ms(statistics.median(drawn))}, p95 {ms(percentile(drawn, 95))}",
        "p50 < 16 ms",
    )
    report.row(
        f"... the first start of a page's life, message to drawn (the repaint's code not yet "
        f"compiled), {size}",
        ms(med["settled first"]),
        "",
    )
    report.row(
        f"browser frame while panning, {size} (p95 of 88 frames, the map quiet for 1 s)",
        ms(med["frames"]),
        "< 33 ms",
    )
    report.row(
        f"... the pan started as a patch is drawn, {size}",
        ms(med["frames after patch"]),
        "",
    )
    report.row(f"browser heap after first paint, {size}", f"{med['heap']:.0f} MB", "")
    if folded:
        report.row(f"browser Unfold all, {size}", ms(med["unfold"]), "")
        heap = f"{med['unfolded heap']:.0f} MB"
        report.row(f"browser heap with every network unfolded, {size}", heap, "")
