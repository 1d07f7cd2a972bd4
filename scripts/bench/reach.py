"""Reach rows of the bench: the what-if preview and the whole reach matrix, on the server,
at 1,000 containers on 100 networks (the synthetic topology the browser bench draws).

Pure computation: no Docker, no database.
"""

import statistics
import time

from dashboard.topology import serialize
from dashboard.topology.egress import to_outside
from dashboard.topology.reach_index import Indexed
from dashboard.topology.reachability import matrix
from dashboard.topology.whatif import Change, describe, what_if
from scripts.bench.report import Report
from scripts.harness.synthetic import synthetic_snapshot

CONTAINERS, NETWORKS = 1000, 100
RUNS = 15


def _median_ms(call, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _changes(t) -> list[Change]:
    """A connect and a disconnect of a container to the network with most containers."""
    by_network: dict[str, int] = {}
    for e in t.endpoints.values():
        by_network[e.network] = by_network.get(e.network, 0) + 1
    busiest = max(by_network, key=lambda n: (by_network[n], n))
    on = next(c for c in t.containers.values() if c.live and busiest in c.networks)
    off = next(c for c in t.containers.values() if c.live and busiest not in c.networks)
    return [
        Change("connect", network=busiest, container=off.id, aliases=("bench",)),
        Change("disconnect", network=busiest, container=on.id),
    ]


def measure(containers: int = CONTAINERS, networks: int = NETWORKS) -> list[tuple]:
    t = serialize.topology_from(synthetic_snapshot(containers, networks)["topology"])
    scale = f"{containers:,} containers / {networks} networks"
    connect, disconnect = _changes(t)
    rows = []
    for label, change in (("connect", connect), ("disconnect", disconnect)):
        ms = _median_ms(lambda change=change: describe(what_if(t, change)))
        rows.append((f"what-if preview of a {label}, {scale}", round(ms, 1), "ms", "< 50"))
    rows.append(
        (f"whole reach matrix, {scale}", round(_median_ms(lambda: matrix(t), 5), 1), "ms", "< 200")
    )
    rows.append(
        (
            f"way out of every container, {scale}",
            round(
                _median_ms(
                    lambda: [
                        to_outside(ix, c) for ix in [Indexed(t)] for c in t.containers.values()
                    ],
                    5,
                ),
                1,
            ),  # fmt: skip
            "ms",
            "",
        )
    )
    return rows


def rows(report: Report) -> None:
    for name, value, unit, goal in measure():
        report.row(name, f"{value} {unit}", goal and f"{goal} {unit}")
