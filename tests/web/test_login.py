import pytest

pytestmark = pytest.mark.django_db


def test_it_logs_in_and_out(client, operator, hub):
    r = client.post("/login/", {"username": "op", "password": "op-password-1"})
    assert r.status_code == 302
    assert client.get("/networks/").status_code == 200
    client.post("/logout/")
    assert client.get("/networks/").status_code == 302


def test_a_wrong_password_says_so(client, operator, hub):
    r = client.post("/login/", {"username": "op", "password": "nope"})
    assert r.status_code == 200 and "correct username and password" in r.content.decode()
