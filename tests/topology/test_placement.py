"""The server's placement follows the map's rules: both are held to the same figures."""

import json
import math
from pathlib import Path

from dashboard.topology.placement import Placement
from dashboard.topology.serialize import topology_from

CASE = json.loads((Path(__file__).parents[1] / "shared" / "placement-case.json").read_text())


def test_it_places_every_node_as_the_shared_case_says():
    t = topology_from(CASE["snapshot"]["topology"])
    got = Placement(t).all()
    assert set(got) == set(CASE["positions"])
    for key, (x, y) in CASE["positions"].items():
        assert math.isclose(got[key][0], x, abs_tol=1e-5) and math.isclose(
            got[key][1], y, abs_tol=1e-5
        ), key


def test_it_keeps_containers_near_their_first_network_and_host_mode_by_the_host():
    t = topology_from(CASE["snapshot"]["topology"])
    p = Placement(t).all()
    host = p["h:a"]
    assert math.dist(p["c:" + "f" * 64], host) < 120
    web = next(n for n in t.networks.values() if n.name == "web")
    first = next(c for c in t.containers.values() if c.networks and c.networks[0] == web.id)
    assert math.dist(p["c:" + first.id], p["n:" + web.id]) < Placement(t).spacing / 2
