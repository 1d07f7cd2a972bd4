import pytest

from dashboard.engine.errors import Conflict, InvalidRequest, NotFound, classify


@pytest.mark.parametrize(
    "status,text,kind,words",
    [
        (
            500,
            "could not find an available, non-overlapping IPv4 address pool among the defaults "
            "to assign to the network",
            Conflict,
            "run out of free subnets",
        ),
        (403, "Pool overlaps with other one on this address space", Conflict, "overlaps"),
        (
            403,
            "error while removing network: network x id y has active endpoints",
            Conflict,
            "still attached",
        ),
        (500, "operation not supported", InvalidRequest, "kernel"),
        (404, "network zzz not found", NotFound, "No such network"),
        (500, "something new", InvalidRequest, "something new"),
    ],
)
def test_docker_errors_become_plain_words(status, text, kind, words):
    err = classify(status, text)
    assert isinstance(err, kind)
    assert words in err.message
    assert err.docker_message == text


@pytest.mark.parametrize(
    ("text", "true_words", "false_words"),
    [
        (
            "failed to allocate gateway (fd00:1:2:3:ffff:ffff:ffff:ffff): bit does not belong "
            "to the sequence",
            "could not give the network the gateway fd00:1:2:3:ffff:ffff:ffff:ffff",
            "not inside",
        ),
        (
            "failed to allocate gateway (fd00:1:2:3::): Address already in use",
            "gateway fd00:1:2:3::",
            "already in use on this network",
        ),
        ("no matching subnet for gateway fd00:1:2:4::1", "none of the network's subnets", ""),
        ("invalid address foo", "Docker refused the request: invalid address foo", "subnet"),
        ("swarm-scoped networks are weird", "swarm-scoped networks are weird", "needs"),
        (
            "failed to create the macvlan port: operation not supported",
            "kernel does not support",
            "",
        ),
        ("setting: operation not supported by this driver", "Docker refused", "kernel"),
    ],
)
def test_each_translation_stays_true_and_unknown_causes_keep_dockers_words(
    text, true_words, false_words
):
    err = classify(500, text)
    assert true_words in err.message
    if false_words:
        assert false_words not in err.message
    assert text in err.explained, "Docker's own words are always at hand"


# Engine 20.10's own texts, measured on a dockerd in a network namespace of its own.
@pytest.mark.parametrize(
    ("text", "kind", "field", "words"),
    [
        (
            "invalid subinterface vlan name nosuch0, example formatting is eth0.10",
            InvalidRequest,
            "parent",
            "has no interface nosuch0",
        ),
        (
            "-o parent interface does was not found on the host: nosuch0",
            InvalidRequest,
            "parent",
            "has no interface nosuch0",
        ),
        (
            "-o parent interface was not found on the host: nosuch0",
            InvalidRequest,
            "parent",
            "has no interface nosuch0",
        ),
        (
            "network dm-47670f45e543 is already using parent interface dmy0",
            Conflict,
            "parent",
            "already uses the parent interface dmy0",
        ),
        (
            "required interface name format is: name.vlan_id, ex. eth0.10 for vlan 10, instead "
            "received mvA.1.2",
            InvalidRequest,
            "parent",
            "no interface mvA.1.2",
        ),
        (
            "unable to parse a valid vlan id from: x (ex. eth0.10 for vlan 10)",
            InvalidRequest,
            "parent",
            "“x” after the dot is not a VLAN number",
        ),
        (
            "vlan id must be between 1-4094, received: 5000",
            InvalidRequest,
            "parent",
            "VLAN 5000 is outside 1–4094",
        ),
        (
            "failed to create dmy0.10 vlan link: operation not supported",
            InvalidRequest,
            "parent",
            "VLAN sub-interface dmy0.10",
        ),
        (
            "requested ipvlan mode 'l3s' is not valid, 'l2' mode is the ipvlan driver default",
            InvalidRequest,
            "ipvlan_mode",
            "ipvlan mode l3s",
        ),
        (
            "requested macvlan mode 'x' is not valid, 'bridge' mode is the macvlan driver default",
            InvalidRequest,
            "macvlan_mode",
            "macvlan mode x",
        ),
    ],
)
def test_macvlan_and_ipvlan_refusals_name_their_field(text, kind, field, words):
    err = classify(500, text)
    assert isinstance(err, kind)
    assert err.field == field
    assert words in err.message
    assert err.docker_message == text


def test_other_refusals_name_no_field():
    assert classify(403, "Pool overlaps with other one on this address space").field == ""
