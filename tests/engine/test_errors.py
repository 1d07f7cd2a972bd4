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
