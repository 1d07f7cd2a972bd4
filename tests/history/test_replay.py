"""Replaying recorded patches onto a snapshot: pure functions on the API's JSON shapes."""

from dashboard.history import replay


def net(i, name=None):
    return {"id": f"n{i}", "engine": "e", "name": name or f"net{i}"}


def ctr(i):
    return {"id": f"c{i}", "engine": "e", "name": f"c{i}"}


def ep(n, c, ip):
    return {"network": f"n{n}", "container": f"c{c}", "ipv4": ip, "ipv6": ""}


def patch(version, upsert=None, remove=None, engines=()):
    upsert, remove = upsert or {}, remove or {}
    return {
        "version": version,
        "upsert": {k: upsert.get(k, []) for k in ("networks", "containers", "endpoints")},
        "remove": {k: remove.get(k, []) for k in ("networks", "containers", "endpoints")},
        "engines": list(engines),
    }


def test_it_applies_upserts_and_removals_in_order_whatever_the_versions():
    state = replay.indexed(
        {
            "version": 5,
            "networks": [net(1)],
            "containers": [ctr(1)],
            "endpoints": [ep(1, 1, "10.0.0.2")],
            "engines": [],
        }
    )
    replay.apply(
        state, patch(6, upsert={"networks": [net(2)], "endpoints": [ep(2, 1, "10.1.0.2")]})
    )
    # A takeover: the next version line starts far above.
    replay.apply(state, patch(9000, remove={"endpoints": [["n1", "c1"]], "networks": ["n1"]}))
    out = replay.listed(state)
    assert out["version"] == 9000
    assert [n["id"] for n in out["networks"]] == ["n2"]
    assert out["endpoints"] == [ep(2, 1, "10.1.0.2")]


def test_listed_and_indexed_round_trip():
    t = {
        "version": 3,
        "engines": [{"id": "e"}],
        "networks": [net(1)],
        "containers": [ctr(1)],
        "endpoints": [ep(1, 1, "10.0.0.2")],
        "nodes": [{"id": "n", "cluster": "x"}],
        "services": [{"id": "s", "cluster": "x"}],
        "tasks": [{"id": "t", "cluster": "x", "service": "s"}],
    }
    assert replay.listed(replay.indexed(t)) == t


def test_compared_says_what_appeared_vanished_and_moved():
    before = replay.indexed(
        {
            "networks": [net(1), net(2)],
            "containers": [ctr(1), ctr(2)],
            "endpoints": [ep(1, 1, "10.0.0.2"), ep(1, 2, "10.0.0.3")],
        }
    )
    after = replay.indexed(
        {
            "networks": [net(1), net(3)],
            "containers": [ctr(1), ctr(3)],
            "endpoints": [ep(1, 1, "10.0.0.9"), ep(3, 3, "10.3.0.2")],
        }
    )
    assert replay.compared(before, after) == {
        "networks": {"appeared": ["n3"], "vanished": ["n2"]},
        "containers": {"appeared": ["c3"], "vanished": ["c2"], "moved": ["c1"]},
    }
