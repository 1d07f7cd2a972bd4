"""Records to JSON and back by their fields: every record that travels comes back equal,
derived facts travel but are not read back, and a new field needs no edit here."""

import dataclasses
import json
import typing
from dataclasses import dataclass, field
from typing import ClassVar

import pytest

from dashboard.topology import records, swarm_records, wire
from dashboard.topology.insight import Warning

# Kept in the watcher's memory only, never sent.
NOT_SENT = {records.ContainerView, records.ContainerDetails}
TRAVELLING = [
    c
    for module in (records, swarm_records)
    for c in vars(module).values()
    if isinstance(c, type) and dataclasses.is_dataclass(c) and c not in NOT_SENT
] + [Warning]


def sample(cls):
    """A record of `cls` with a hostile, non-default value in every field."""
    hints = typing.get_type_hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        keys = f.metadata.get("wire.pairs")
        values[f.name] = (
            tuple(tuple(f"{k}<&>{i}" for k in keys) for i in range(2))
            if keys
            else value_of(hints[f.name])
        )
    return cls(**values)


def value_of(hint):
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is str:
        return '<b>"x"</b>\'&'
    if hint is bool:
        return True
    if hint is int or (origin is not None and int in args):
        return 2**60 + 7
    if hint is dict:
        return {"k<": "v&", "empty": ""}
    if dataclasses.is_dataclass(hint):
        return sample(hint)
    if origin is tuple and dataclasses.is_dataclass(args[0]):
        return (sample(args[0]), sample(args[0]))
    if origin is tuple:
        return ("a'", "b<")
    raise AssertionError(f"no sample for {hint!r}")


def through_json(record):
    return json.loads(json.dumps(wire.encode(record)))


def sent_fields(record):
    """The record with every field that does not travel back at its default."""
    left = {
        f.name: f.default
        for f in dataclasses.fields(record)
        if f.metadata.get("wire.key", f.name) is None
    }
    return dataclasses.replace(record, **left)


@pytest.mark.parametrize("cls", TRAVELLING, ids=lambda c: c.__name__)
def test_it_brings_every_record_back_equal_through_json(cls):
    record = sample(cls)
    assert wire.decode(cls, through_json(record)) == sent_fields(record)


def test_it_covers_the_records_the_messages_carry():
    names = {c.__name__ for c in TRAVELLING}
    assert {"Network", "Container", "Endpoint", "EngineState", "PortBinding"} <= names
    assert {"SwarmNode", "Service", "ServicePort", "Task", "Event", "Warning"} <= names


def test_it_sends_derived_facts_and_computes_them_again_on_the_way_back():
    n = records.Network("n1", "e", "web", "bridge", ipam=(records.IpamPool("10.1.0.0/24"),))
    sent = through_json(n)
    assert sent["usable_ipv4"] == n.usable_ipv4 > 0
    assert sent["bridge"] == "br-n1" and sent["icc"] is True
    assert sent["hosts"] == ["e"] and sent["spanning"] is False
    sent["usable_ipv4"] = 1  # a reader's word on a derived fact is not taken
    assert wire.decode(records.Network, sent) == n


def test_it_sends_a_spanning_network_with_its_hosts_and_one_engines_network_without():
    one = records.Network("n1", "e", "web", "overlay")
    both = dataclasses.replace(one, engines=("e", "f"))
    assert wire.decode(records.Network, through_json(both)).engines == ("e", "f")
    assert wire.decode(records.Network, through_json(one)).engines == ()


def test_it_renames_and_leaves_out_what_the_fields_say():
    ev = records.Event("container", "start", "c1", 10**18, scope="swarm", attempt=3)
    assert through_json(ev) == {
        "type": "container",
        "action": "start",
        "id": "c1",
        "time_nano": 10**18,
        "container": "",
        "name": "",
    }


def test_it_sends_pairs_as_dicts_with_their_keys():
    t = swarm_records.Task("t1", "x", "s1", addresses=(("n1", "10.0.1.5/24"),))
    assert through_json(t)["addresses"] == [{"network": "n1", "address": "10.0.1.5/24"}]


def test_it_gives_a_missing_key_its_default_and_refuses_a_missing_required_one():
    d = through_json(records.EngineState("e", server_version="20.10"))
    del d["cluster_error"], d["drivers"]
    assert wire.decode(records.EngineState, d) == records.EngineState("e", server_version="20.10")
    del d["id"]
    with pytest.raises(KeyError):
        wire.decode(records.EngineState, d)


@dataclass(frozen=True, slots=True)
class Grown:
    """A record as it might grow: a new field is sent and read with no other edit."""

    id: str
    added: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)
    wire_extras: ClassVar[dict] = {"size": "size"}

    @property
    def size(self) -> int:
        return len(self.added)


def test_a_new_field_travels_with_no_other_edit():
    g = Grown("g", ("a", "b"), {"k": "v"})
    assert through_json(g) == {"id": "g", "added": ["a", "b"], "extra": {"k": "v"}, "size": 2}
    assert wire.decode(Grown, through_json(g)) == g


def test_it_refuses_a_field_type_it_has_no_wire_form_for():
    @dataclass(frozen=True)
    class Odd:
        when: set

    with pytest.raises(TypeError, match="no wire form"):
        wire.encode(Odd({1}))
