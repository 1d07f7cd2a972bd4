"""`make bench [BENCH=...]`: which measures run, in which order, for each option."""

import argparse
import asyncio
import sys
import time

from scripts.bench import (
    browser,
    cache,
    databases,
    events,
    fanout,
    flood,
    history,
    layouts,
    live,
    probe,
    reach,
    readability,
    reads,
    swarm,
    takeover,
)
from scripts.bench.report import Report
from scripts.bench.rig import Rig, local_dashboard


def full(report: Report, sizes: list[int]) -> None:
    """Every row. Each rig is removed before the next measure starts: the history rows
    run between the two, the browser's on a dashboard of their own after the second (they
    once ran beside its 5,000 containers: first paint at 1,000 took 1.79 s, 0.93 s alone),
    and the swarm's last, on hosts of their own."""
    print("Setting up a bench-owned dockerd and dashboard…", file=sys.stderr)
    cache.rows(report)
    with Rig() as rig:
        rig.make_networks(10)
        for total in (20, 100, 300):
            rig.grow(total, 10)
            reads.rows(report, rig, total, 10)
        asyncio.run(events.rows(report, rig))
        asyncio.run(fanout.rows(report, rig, 50))
        asyncio.run(fanout.rows(report, rig, 200))
        fanout.redis_rows(report, rig, 1000, processes=4)
        takeover.rows(report, rig)
        databases.rows(report, rig)
    history.rows(report)
    reach.rows(report)
    with Rig() as rig:
        rig.make_networks(50)
        for total in (20, 100, 300, 1000):
            rig.grow(total, 50)
            reads.rows(report, rig, total, 50)
            if total in (100, 1000):
                live.start_rows(report, rig, total)
                live.burst_rows(report, rig, total)
            if total >= 300:
                reads.resync(report, rig, total, 50)
            if total == 1000:
                asyncio.run(flood.rows(report, rig, total))
                probe.rows(report, rig, total)
        rig.make_created(4000, 50)
        rig.wait_dashboard(5000)
        time.sleep(5)  # the inspects that follow a first sight
        reads.memory(report, rig, 1000, 4000)
    with local_dashboard("dash-bench-browser-") as url:
        readability.rows(report, url)
        browser.rows(report, url)
    swarm.rows(report)


def browser_only(report: Report, sizes: list[int]) -> None:
    """The browser rows alone, against a dashboard on the local engine (the render uses
    synthetic data, routed into the page's socket)."""
    with local_dashboard("dash-bench-browser-") as url:
        readability.rows(report, url)
        pairs = [(n, n // 10) for n in sizes] if sizes else browser.SIZES
        browser.rows(report, url, pairs)


def readability_only(report: Report, sizes: list[int]) -> None:
    with local_dashboard("dash-bench-read-") as url:
        readability.rows(report, url)


def layouts_only(report: Report, sizes: list[int]) -> None:
    """Issue 29's layout libraries beside today's placement (docs/layout-choice.md)."""
    with local_dashboard("dash-bench-layouts-") as url:
        layouts.rows(report, url)


def live_only(report: Report, sizes: list[int]) -> None:
    """`docker start` to the open map, at 100, 500 and 1,000 containers (or the sizes
    given)."""
    cache.rows(report)
    with Rig() as rig:
        rig.make_networks(50)
        for total in sizes or (100, 500, 1000):
            rig.grow(total, 50)
            live.start_rows(report, rig, total)
            live.burst_rows(report, rig, total)
            live.burst_rows(report, rig, total, paced=False)


def flood_only(report: Report, sizes: list[int]) -> None:
    (size,) = sizes or (1000,)
    with Rig() as rig:
        rig.make_networks(50)
        rig.grow(size, 50)
        asyncio.run(flood.rows(report, rig, size))


def scale_only(report: Report, sizes: list[int]) -> None:
    """The rows of several processes (fan-out through Redis, takeover, the two databases),
    at 300 containers."""
    with Rig() as rig:
        rig.make_networks(10)
        rig.grow(300, 10)
        fanout.redis_rows(report, rig, 1000, processes=4)
        takeover.rows(report, rig)
        databases.rows(report, rig)


def reach_only(report: Report, sizes: list[int]) -> None:
    reach.rows(report)


def probe_only(report: Report, sizes: list[int]) -> None:
    """The probe beside an engine of 1,000 containers (or SIZE)."""
    (size,) = sizes or (1000,)
    with Rig() as rig:
        rig.make_networks(50)
        rig.grow(size, 50)
        probe.rows(report, rig, size)


def history_only(report: Report, sizes: list[int]) -> None:
    history.rows(report)


def swarm_only(report: Report, sizes: list[int]) -> None:
    swarm.rows(report)


# option -> (plan, what it runs, how many SIZEs it takes: None for any, 0, or 1)
OPTIONS = {
    "--browser": (
        browser_only,
        "the browser rows alone (first sight; first paint, patches, panning, heap at "
        "1,000 and 5,000 containers, or at the SIZEs given)",
        None,
    ),
    "--readability": (readability_only, "the first-sight rows alone", 0),
    "--layouts": (
        layouts_only,
        "today's placement beside ELK (layered), fcose and dagre: the first-sight figures "
        "and layout time of each",
        0,
    ),
    "--live": (
        live_only,
        "`docker start` to the open map, at 100, 500 and 1,000 containers (or the SIZEs)",
        None,
    ),
    "--flood": (flood_only, "the flooding socket's row, at 1,000 containers (or SIZE)", 1),
    "--scale": (
        scale_only,
        "the several-process rows: fan-out through Redis, takeover, the two databases",
        0,
    ),
    "--history": (history_only, "history's rows", 0),
    "--reach": (reach_only, "the reach view's rows: what-if previews, the whole matrix", 0),
    "--probe": (probe_only, "the probe's cost beside 1,000 containers (or SIZE)", 1),
    "--swarm": (swarm_only, "the swarm's rows (two hosts set up for it)", 0),
}


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.bench",
        description="Print the benchmark table (`make bench BENCH=...`). With no option, "
        "every row (about 16 minutes).",
    )
    only = parser.add_mutually_exclusive_group()
    for option, (plan, what, _) in OPTIONS.items():
        only.add_argument(option, dest="plan", action="store_const", const=plan, help=what)
    parser.add_argument(
        "sizes", nargs="*", type=int, metavar="SIZE", help="container counts, for the options "
        "that take them: `make bench BENCH=\"--live 1000\"`",
    )  # fmt: skip
    args = parser.parse_args(argv)
    takes = next((n for plan, _, n in OPTIONS.values() if plan is args.plan), 0)
    if args.sizes and (takes == 0 or (takes == 1 and len(args.sizes) > 1)):
        sized = ", ".join(o for o, (_, _, n) in OPTIONS.items() if n != 0)
        if takes == 1:
            parser.error("this option takes one SIZE")
        parser.error(f"a SIZE goes after one of {sized}")
    if any(n < 1 for n in args.sizes):
        parser.error("a SIZE is a number of containers, 1 or more")
    args.sizes = sorted(args.sizes)  # each grows the engine's containers from the last
    args.plan = args.plan or full
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse(sys.argv[1:] if argv is None else argv)
    report = Report()
    try:
        args.plan(report, args.sizes)
    finally:  # what was measured before a failure is still worth reading
        report.print_table()


if __name__ == "__main__":
    main()
