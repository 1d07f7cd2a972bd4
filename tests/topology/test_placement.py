"""The server's placement follows the map's rules: both are held to the same figures."""

import json
import math
from pathlib import Path

from dashboard.topology.placement import SLOT_X, Placement
from dashboard.topology.serialize import topology_from
from scripts.harness.readability import stack_snapshot

CASE = json.loads((Path(__file__).parents[1] / "shared" / "placement-case.json").read_text())


def test_it_places_every_node_as_the_shared_case_says():
    t = topology_from(CASE["snapshot"]["topology"])
    got = Placement(t).all()
    assert set(got) == set(CASE["positions"])
    for key, (x, y) in CASE["positions"].items():
        assert math.isclose(got[key][0], x, abs_tol=1e-5) and math.isclose(
            got[key][1], y, abs_tol=1e-5
        ), key


def test_it_keeps_containers_beside_their_first_network_and_host_mode_in_the_host_line():
    t = topology_from(CASE["snapshot"]["topology"])
    p = Placement(t).all()
    host = p["h:a"]
    hosted = p["c:" + "f" * 64]
    assert hosted[1] == host[1] and abs(hosted[0] - host[0]) <= 2 * SLOT_X
    for c in t.containers.values():
        xs = [p["n:" + n][0] for n in c.networks if n in t.networks and not t.networks[n].spanning]
        if xs and not c.host_network:  # beside its networks, or between them
            assert min(xs) - SLOT_X <= p["c:" + c.id][0] <= max(xs) + SLOT_X, c.name


def test_it_sets_the_stack_as_the_map_does_joiners_between_published_above():
    t = topology_from(stack_snapshot()["topology"])
    p = Placement(t).all()
    net = {n.name: p["n:" + n.id] for n in t.networks.values()}
    ctr = {c.name: p["c:" + c.id] for c in t.containers.values()}
    front, back = net["stack_front"], net["stack_back"]
    assert front[1] == back[1] and abs(front[0] - back[0]) == 2 * SLOT_X  # they share web
    assert min(front[0], back[0]) < ctr["stack-web-1"][0] < max(front[0], back[0])
    assert p["h:synthetic"][1] < ctr["stack-proxy-1"][1] < front[1]
    assert len(set(p.values())) == len(p)
    xs, ys = [x for x, _ in p.values()], [y for _, y in p.values()]
    assert max(xs) - min(xs) > max(ys) - min(ys)  # wide, as windows are
