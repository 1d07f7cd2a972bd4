import pytest

from tests.harness.talkers import PORT, talking_pair

__all__ = ["PORT"]


@pytest.fixture
def talking(make, docker_api):
    """A server and a client holding two connections to it, on a network of their own."""
    return talking_pair(make, docker_api)
