import pytest

from dashboard.accounts.models import AuditEntry
from scripts.harness.docker_env import LABELS

pytestmark = pytest.mark.django_db

HOSTILE = "<script>window.__xss=1</script>"


def entry(**kw):
    base = {"username": "op", "action": "network.create", "outcome": "ok", "target": "t"}
    return AuditEntry.objects.create(**{**base, **kw})


def test_it_lists_and_filters_with_text_escaped(viewer_client, hub):
    entry(target=HOSTILE, parameters={"labels": {"x": HOSTILE}})
    entry(action="network.delete", outcome="failed", target="gone-net", message="Docker said no")
    page = viewer_client.get("/audit/").content.decode()
    assert HOSTILE not in page and "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page
    only_failed = viewer_client.get("/audit/?outcome=failed").content.decode()
    assert "gone-net" in only_failed and "__xss" not in only_failed
    by_text = viewer_client.get("/audit/?q=said").content.decode()
    assert "gone-net" in by_text


def test_it_needs_a_login(client, hub):
    assert client.get("/audit/").status_code == 302


def test_it_is_in_the_admin_read_only(admin_client, hub):
    e = entry(target="admin-visible")
    assert "admin-visible" in admin_client.get("/admin/accounts/auditentry/").content.decode()
    assert admin_client.get("/admin/accounts/auditentry/add/").status_code == 403
    r = admin_client.post(f"/admin/accounts/auditentry/{e.id}/change/", {"target": "edited"})
    assert r.status_code == 403
    e.refresh_from_db()
    assert e.target == "admin-visible"


def test_refused_and_failed_changes_are_recorded_too(op_client, hub):
    # Labelled all the same: were the name ever accepted, the network would be the run's.
    labels = "\n".join(f"{k}={v}" for k, v in LABELS.items())
    op_client.post(
        "/networks/new/",
        {"engine": "local", "name": "bad/name", "driver": "bridge", "labels": labels},
    )
    e = AuditEntry.objects.get()
    assert (e.action, e.outcome, e.username) == ("network.create", "refused", "op")
    assert "name" in e.message
