"""The server's filters answer as the map's do: both are held to tests/shared/filter-cases.json."""

import json
from pathlib import Path

import pytest

from dashboard.topology.serialize import topology_from
from dashboard.topology.view import Filters, visible

CASES = json.loads((Path(__file__).parents[1] / "shared" / "filter-cases.json").read_text())
T = topology_from(CASES["snapshot"]["topology"])
KEYS = {
    "hideStopped": "hide_stopped",
    "hideHostNone": "hide_hostnone",
    "driver": "driver",
    "label": "label",
    "onlyExposed": "only_exposed",
    "project": "project",
}


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: json.dumps(c["filters"]))
def test_it_leaves_what_the_shared_case_says(case):
    f = Filters(**{KEYS[k]: v for k, v in case["filters"].items()})
    networks, containers = visible(T, f)
    assert sorted(T.networks[i].name for i in networks) == case["networks"]
    assert sorted(T.containers[i].name for i in containers) == case["containers"]


def test_it_reads_the_map_links_query():
    f = Filters.from_query({"hide_stopped": "1", "label": " team ", "project": "local|shop"})
    assert f == Filters(hide_stopped=True, label="team", project="local|shop")
