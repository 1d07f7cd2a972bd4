import pytest

from dashboard.topology.flow_report import (
    MAX_CONTAINERS,
    MAX_HOST_ADDRESSES,
    ReportError,
    decode,
    encode,
)
from dashboard.topology.flows import Connection

CID = "a" * 64
CONN = Connection("tcp", "10.1.0.2", 40001, "10.1.0.3", 8080)
GOOD = ["tcp", "10.1.0.2", 40001, "10.1.0.3", 8080, False]


def test_it_reads_back_what_it_wrote():
    seen = {CID: [(CONN, False)], "b" * 64: [(CONN, True)]}
    hosts = ("192.0.2.2", "2001:db8::2")
    assert decode(encode("local", seen, hosts), {"local": ""}) == ("local", seen, hosts)


def test_it_takes_a_report_of_a_probe_that_sends_no_host_addresses():
    doc = {"engine": "local", "connections": {CID: [GOOD]}}
    assert decode(doc, {"local": ""}) == ("local", {CID: [(CONN, False)]}, ())


def test_it_writes_host_addresses_one_way_and_once():
    doc = {
        "engine": "local",
        "connections": {},
        "host_addresses": ["2001:DB8::2", "::ffff:192.0.2.2", "192.0.2.2"],
    }
    assert decode(doc, {"local": ""})[2] == ("2001:db8::2", "192.0.2.2")


def test_it_writes_addresses_one_way():
    row = ["tcp", "2001:DB8:0::1", 1, "::ffff:10.0.0.1", 2, False]
    _, seen, _ = decode({"engine": "local", "connections": {CID: [row]}}, {"local": ""})
    assert seen[CID][0][0] == Connection("tcp", "2001:db8::1", 1, "10.0.0.1", 2)


@pytest.mark.parametrize(
    "doc",
    [
        [],
        "report",
        {"engine": "local"},
        {"engine": "local", "connections": {}, "more": 1},
        {"engine": "elsewhere", "connections": {}},
        {"engine": ["local"], "connections": {}},
        {"engine": "local", "connections": []},
        {"engine": "local", "connections": {"abc": []}},
        {"engine": "local", "connections": {"A" * 64: []}},
        {"engine": "local", "connections": {"<script>" + "a" * 56: []}},
        {"engine": "local", "connections": {CID: {}}},
        {"engine": "local", "connections": {CID: [GOOD[:5]]}},
        {"engine": "local", "connections": {CID: [["icmp", *GOOD[1:]]]}},
        {"engine": "local", "connections": {CID: [["tcp", "10.1.0.999", *GOOD[2:]]]}},
        {"engine": "local", "connections": {CID: [["tcp", "010.1.0.2", *GOOD[2:]]]}},
        {"engine": "local", "connections": {CID: [["tcp", 167837954, *GOOD[2:]]]}},
        {"engine": "local", "connections": {CID: [["tcp", "x" * 10_000, *GOOD[2:]]]}},
        {"engine": "local", "connections": {CID: [[*GOOD[:2], 65536, *GOOD[3:]]]}},
        {"engine": "local", "connections": {CID: [[*GOOD[:2], -1, *GOOD[3:]]]}},
        {"engine": "local", "connections": {CID: [[*GOOD[:2], True, *GOOD[3:]]]}},
        {"engine": "local", "connections": {CID: [[*GOOD[:2], 80.0, *GOOD[3:]]]}},
        {"engine": "local", "connections": {CID: [[*GOOD[:5], "false"]]}},
        {"engine": "local", "connections": {CID: [[*GOOD[:5], 0]]}},
        {"engine": "local", "connections": {}, "host_addresses": "192.0.2.2"},
        {"engine": "local", "connections": {}, "host_addresses": {"192.0.2.2": 1}},
        {"engine": "local", "connections": {}, "host_addresses": None},
        {"engine": "local", "connections": {}, "host_addresses": ["192.0.2.2", 3221225986]},
        {"engine": "local", "connections": {}, "host_addresses": ["192.0.2.2/24"]},
        {"engine": "local", "connections": {}, "host_addresses": ["<script>"]},
        {"engine": "local", "connections": {}, "host_addresses": ["x" * 10_000]},
        {"engine": "local", "connections": {}, "host_addresses": [["192.0.2.2"]]},
        {"engine": "local", "connections": {CID: [GOOD]}, "host_addresses": ["192.0.2.256"]},
    ],
)
def test_it_refuses_a_report_wrong_anywhere_and_says_what(doc):
    with pytest.raises(ReportError) as e:
        decode(doc, {"local": ""})
    assert str(e.value) and "Traceback" not in str(e.value)


def test_it_refuses_more_containers_than_a_host_holds():
    doc = {"engine": "local", "connections": {f"{i:064x}": [] for i in range(MAX_CONTAINERS + 1)}}
    with pytest.raises(ReportError, match="at most"):
        decode(doc, {"local": ""})


def test_it_refuses_more_host_addresses_than_a_host_holds():
    many = [f"10.{i >> 8 & 255}.{i & 255}.1" for i in range(MAX_HOST_ADDRESSES + 1)]
    doc = {"engine": "local", "connections": {}, "host_addresses": many}
    with pytest.raises(ReportError, match="at most"):
        decode(doc, {"local": ""})
