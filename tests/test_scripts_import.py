"""Every module of the bench and the harness imports: `make bench` and the write-ups'
scripts are run by hand, so a name moved elsewhere would otherwise surface only there."""

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts)
    for p in (ROOT / "scripts").rglob("*.py")
    if p.name != "__main__.py"
)


def test_it_finds_the_bench_and_the_harness():
    assert {"scripts.bench.layouts", "scripts.harness.server"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_it_imports(module):
    importlib.import_module(module)
