"""The store's freshness rule and carry-over, without Docker: reads that overlap as a
watcher's do (the event's list call, the stopped poll, a relist), their answers written in
the order that made the races fixed so far."""

from dataclasses import replace

import pytest

from dashboard.topology.freshness import Freshness
from dashboard.topology.records import Container, ContainerView, Endpoint, Network, PortBinding
from dashboard.topology.store import Store


def net(nid):
    return Network(id=nid, engine="a", name=nid, driver="bridge")


def view(cid, state="running", networks=("n1",), aliases=(), **kw):
    c = Container(id=cid, engine="a", name=cid, state=state, networks=tuple(networks), **kw)
    live = state in ("running", "paused")
    eps = tuple(
        Endpoint(network=n, container=cid, ipv4="10.0.0.2/24", aliases=tuple(aliases))
        for n in networks
        if live
    )
    return ContainerView(c, eps)


def synced(*views):
    s = Store()
    s.replace_engine("a", [net("n1"), net("n2")], list(views))
    return s


def test_it_drops_a_stopped_polls_answer_about_a_container_an_event_wrote_since():
    """The poll read the container stopped; its start's list call began later and wrote
    first: the poll's late answer must not undo the start."""
    s = synced(view("c1", state="created"))
    poll = s.begin_read()
    event = s.begin_read()
    s.listed("a", {"c1"}, [view("c1")], read=event)
    s.end_read(event)
    assert s.listed("a", {"c1"}, [view("c1", state="created")], read=poll, mark=False) is None
    s.end_read(poll)
    assert s.current.containers["c1"].state == "running"


def test_a_poll_begun_after_an_event_read_began_is_not_dropped_for_it():
    """The lost answers: a poll that shared the last refresh's mark dropped a container's
    answers until some other event came (a connect to a stopped container never showed)."""
    s = synced(view("c1", state="exited"))
    event = s.begin_read()
    s.listed("a", {"c1"}, [view("c1", state="exited")], read=event)
    s.end_read(event)
    poll = s.begin_read()
    p = s.listed("a", {"c1"}, [view("c1", state="exited", networks=("n1", "n2"))], read=poll)
    s.end_read(poll)
    assert p is not None and s.current.containers["c1"].networks == ("n1", "n2")


def test_a_poll_begun_while_an_event_read_was_out_keeps_its_answer_when_that_read_wrote_first():
    s = synced(view("c1", state="exited"), view("c2", state="exited"))
    event = s.begin_read()
    poll = s.begin_read()
    s.listed("a", {"c1"}, [view("c1", state="exited", networks=("n2",))], read=event)
    s.end_read(event)
    p = s.listed("a", {"c1", "c2"}, [view("c1", state="exited", networks=("n2",))], read=poll)
    s.end_read(poll)
    assert s.current.containers["c1"].networks == ("n2",)
    assert p is not None and "c2" in p.removed_containers


def test_a_said_state_wins_over_every_read_out_when_it_was_said():
    """Pause comes before the list shows it: a list call out when the event came answers
    `running`, and must not take the pause back."""
    s = synced(view("c1"))
    out = s.begin_read()
    paused = replace(s.current.containers["c1"], state="paused")
    said = s.say([ContainerView(paused, tuple(s.endpoints_of_container("c1")))], [{"a": 1}])
    assert said.events == [{"a": 1}]
    assert s.listed("a", {"c1"}, [view("c1")], read=out) is None
    s.end_read(out)
    assert s.current.containers["c1"].state == "paused"
    assert ("n1", "c1") in s.current.endpoints
    later = s.begin_read()
    p = s.listed("a", {"c1"}, [view("c1")], read=later)
    s.end_read(later)
    assert p.containers[0].state == "running", "a read begun after the event may write"


def test_a_relist_makes_every_earlier_read_of_its_engine_stale():
    s = synced(view("c1", state="exited"))
    poll = s.begin_read()
    relist = s.begin_read()
    s.replace_engine("a", [net("n1")], [], read=relist, relist=True)
    s.end_read(relist)
    assert "c1" not in s.current.containers
    assert s.listed("a", {"c1"}, [view("c1", state="exited")], read=poll, mark=False) is None
    s.end_read(poll)
    assert "c1" not in s.current.containers, "a late poll answer brought a removed one back"


def test_a_relist_leaves_alone_what_events_said_while_it_read():
    s = synced(view("c1"))
    relist = s.begin_read()
    paused = replace(s.current.containers["c1"], state="paused")
    s.say([ContainerView(paused, tuple(s.endpoints_of_container("c1")))])
    p = s.replace_engine("a", [net("n1"), net("n2")], [view("c1")], read=relist, relist=True)
    s.end_read(relist)
    assert p is None and s.current.containers["c1"].state == "paused"


def test_a_relist_keeps_what_inspect_told():
    """The relist that undid inspect's details: aliases, exact times and configured ports
    come from inspect alone, and a relist's answer (read before the inspect finished) keeps
    them, as every list read's does."""
    binding = PortBinding(container_port=80, protocol="tcp", host_port=8080)
    s = synced(view("c1", aliases=("db",), started_at=100, configured_ports=(binding,)))
    relist = s.begin_read()
    p = s.replace_engine("a", [net("n1"), net("n2")], [view("c1")], read=relist, relist=True)
    s.end_read(relist)
    assert p is None
    c = s.current.containers["c1"]
    assert (c.started_at, c.configured_ports) == (100, (binding,))
    assert s.current.endpoints[("n1", "c1")].aliases == ("db",)


def test_a_list_answer_carries_the_times_its_events_gave():
    s = synced(view("c1", state="exited", started_at=100))
    read = s.begin_read()
    p = s.listed("a", {"c1"}, [view("c1")], read=read, times={"c1": {"started_at": 200}})
    s.end_read(read)
    assert p.containers[0].started_at == 200


def test_marks_are_forgotten_once_no_read_is_out():
    f = Freshness()
    out = f.begin()
    f.wrote({"c1"}, f.now())
    assert f.stale("a", {"c1"}, out) == {"c1"}
    f.end(out)
    assert f.stale("a", {"c1"}, f.begin()) == set()
    assert f._written == {}, "marks no read can need are forgotten"


@pytest.mark.parametrize("relist", [True, False])
def test_patches_come_complete_and_cannot_be_changed(relist):
    s = Store()
    p = s.replace_engine("a", [net("n1")], [view("c1")], relist=relist)
    assert p.relist is relist
    with pytest.raises(AttributeError):
        p.relist = not relist
