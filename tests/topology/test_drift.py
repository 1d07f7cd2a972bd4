from dataclasses import replace

from dashboard.topology.drift import describe
from dashboard.topology.records import Container, ContainerView, Endpoint, Network
from dashboard.topology.store import Store


def store_with(*views, networks=()):
    s = Store()
    s.replace_engine("e", list(networks), list(views))
    return s


def test_it_names_each_changed_field_with_old_and_new_values():
    c = Container(id="c" * 64, engine="e", name="web", state="running")
    s = store_with(ContainerView(c))
    before = s.current
    patch = s.replace_engine("e", [], [ContainerView(replace(c, state="exited", exit_code=137))])
    text = describe(before, patch)
    assert text == f"container web ({'c' * 12}) state 'running' → 'exited', exit_code None → 137"


def test_it_says_what_appeared_and_what_vanished():
    n = Network(id="n" * 64, engine="e", name="front", driver="bridge")
    c = Container(id="c" * 64, engine="e", name="web", state="running", networks=(n.id,))
    s = store_with(ContainerView(c, (Endpoint(n.id, c.id, ipv4="10.0.0.2/24"),)), networks=[n])
    before = s.current
    patch = s.replace_engine("e", [], [])
    text = describe(before, patch)
    assert "network front (nnnnnnnnnnnn) vanished" in text
    assert "container web (cccccccccccc) vanished" in text
    assert "endpoint nnnnnnnnnnnn|cccccccccccc vanished" in text


def test_it_stops_at_the_limit_and_says_how_many_more():
    s = Store()
    before = s.current
    views = [ContainerView(Container(id=f"{i:064d}", engine="e", name=f"c{i}")) for i in range(15)]
    text = describe(before, s.replace_engine("e", [], views), limit=10)
    assert text.count("appeared") == 10 and text.endswith("; and 5 more")
