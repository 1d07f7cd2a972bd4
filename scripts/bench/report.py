"""The bench's table: each measure adds its rows to the Report it is given, which echoes
them to stderr as they come and prints the table at the end; and the figures' helpers."""

import os
import statistics
import sys
import time
from pathlib import Path


class Report:
    def __init__(self, echo=sys.stderr):
        self.rows: list[tuple[str, str, str]] = []
        self.echo = echo

    def row(self, what: str, value: str, target: str = "") -> None:
        self.rows.append((what, value, target))
        print(f"  {what}: {value}", file=self.echo, flush=True)

    def print_table(self, out=None) -> None:
        out = out or sys.stdout
        if not self.rows:
            return
        width = max(len(r[0]) for r in self.rows)
        vwidth = max(len(r[1]) for r in self.rows)
        print(f"\n{'measure'.ljust(width)} | {'result'.ljust(vwidth)} | target", file=out)
        print(f"{'-' * width}-+-{'-' * vwidth}-+-------", file=out)
        for what, value, target in self.rows:
            print(f"{what.ljust(width)} | {value.ljust(vwidth)} | {target}", file=out)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def timed(fn, repeat=5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """The process's user and system CPU time so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
