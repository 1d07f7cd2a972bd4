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
