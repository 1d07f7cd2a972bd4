"""Password guessing is stopped at every door (django-axes at `authenticate`), per user
name and per client address, behind a proxy too, and shows in the audit log."""

import pytest

from dashboard.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db

RIGHT = "op-password-1"


def attempt(client, door, username, password, **headers):
    if door == "/admin/login/":
        data = {"username": username, "password": password, "next": "/admin/"}
    else:
        data = {"username": username, "password": password}
    return client.post(door, data, **headers)


@pytest.mark.parametrize("door", ["/login/", "/admin/login/"])
def test_each_door_is_limited_and_they_count_together(client, operator, door):
    other = "/admin/login/" if door == "/login/" else "/login/"
    for i in range(4):
        assert attempt(client, door if i % 2 else other, "op", "wrong").status_code == 200
    # The fifth failure, wherever it is made, locks the user name at every door.
    assert attempt(client, other, "op", "wrong").status_code == 429
    r = attempt(client, door, "op", RIGHT)
    assert r.status_code == 429 and "Too many failed logins" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_address_is_limited_across_user_names(client, operator):
    for i in range(19):
        attempt(client, "/login/", f"guess{i}", "wrong")
    assert attempt(client, "/login/", "op", RIGHT).status_code == 302, "19 is under the limit"
    client.post("/logout/")
    attempt(client, "/login/", "guess19", "wrong")
    assert attempt(client, "/login/", "op", RIGHT).status_code == 429


def test_a_forwarded_header_is_ignored_without_a_proxy(client, operator):
    for i in range(20):
        attempt(client, "/login/", f"guess{i}", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
    r = attempt(client, "/login/", "op", RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert r.status_code == 429
    assert set(AuditEntry.objects.values_list("address", flat=True)) == {"127.0.0.1"}


def test_behind_a_proxy_clients_are_counted_apart_by_the_proxys_entry(client, operator, settings):
    settings.DASHBOARD_BEHIND_PROXY = True
    # The client wrote the left entry itself; the proxy appended the right one.
    for i in range(20):
        attempt(
            client, "/login/", f"guess{i}", "wrong", HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.7"
        )
    assert (
        attempt(client, "/login/", "op", RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code
        == 429
    )
    assert (
        attempt(
            client, "/login/", "op", RIGHT, HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.8"
        ).status_code
        == 302
    )
    addresses = set(AuditEntry.objects.values_list("address", flat=True))
    assert addresses == {"198.51.100.7"}


def test_failed_and_locked_out_logins_are_in_the_audit_log(client, operator):
    for _ in range(5):
        attempt(client, "/admin/login/", "op", "wrong")
    attempt(client, "/login/", "op", RIGHT)
    entries = list(AuditEntry.objects.order_by("id").values_list("action", "target", "outcome"))
    assert entries[:4] == [("login.failed", "op", "refused")] * 4
    assert entries[4:] == [("login.locked_out", "op", "refused")] * 2
    assert "/admin/login/" in AuditEntry.objects.order_by("id").first().message


def test_a_lockout_is_reset_from_the_command_line(client, operator):
    from django.core.management import call_command

    for _ in range(5):
        attempt(client, "/login/", "op", "wrong")
    assert attempt(client, "/login/", "op", RIGHT).status_code == 429
    call_command("axes_reset_username", "op")
    call_command("axes_reset_ip", "127.0.0.1")
    assert attempt(client, "/login/", "op", RIGHT).status_code == 302
