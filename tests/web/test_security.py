import os
import subprocess
import sys

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def test_every_html_response_carries_csp_and_framing_headers(op_client, hub, client):
    net = hub.current.find_network("bridge")
    for c, url in [
        (client, "/login/"),
        (op_client, "/"),
        (op_client, "/networks/"),
        (op_client, f"/networks/{net.id}/"),
        (op_client, "/networks/new/"),
        (op_client, "/audit/"),
        (op_client, "/networks/" + "0" * 64 + "/"),  # a 404 too
    ]:
        r = c.get(url)
        csp = r.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp, url
        assert "frame-ancestors 'none'" in csp
        assert r.headers["X-Frame-Options"] == "DENY"
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"] == "same-origin"


def test_no_page_has_an_inline_script(op_client, hub):
    for url in ("/", "/networks/", "/networks/new/", "/audit/"):
        page = op_client.get(url).content.decode()
        for chunk in page.split("<script")[1:]:
            assert chunk.lstrip().startswith(("src=", 'type="module" src=')), url


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_next_never_leaves_the_site(client, operator, hub, target):
    r = client.post("/login/", {"username": "op", "password": "op-password-1", "next": target})
    assert r.status_code == 302
    assert r.url == "/", r.url


def test_next_within_the_site_is_kept(client, operator, hub):
    r = client.post(
        "/login/", {"username": "op", "password": "op-password-1", "next": "/networks/"}
    )
    assert r.url == "/networks/"


def test_failed_logins_are_limited_per_user(client, operator, hub):
    for _ in range(4):
        assert client.post("/login/", {"username": "op", "password": "wrong"}).status_code == 200
    assert client.post("/login/", {"username": "op", "password": "wrong"}).status_code == 429
    r = client.post("/login/", {"username": "op", "password": "op-password-1"})
    assert r.status_code == 429 and "Too many failed logins" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_limited_per_address(client, operator, hub):
    for i in range(20):
        client.post("/login/", {"username": f"guess{i}", "password": "wrong"})
    r = client.post("/login/", {"username": "op", "password": "op-password-1"})
    assert r.status_code == 429


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    # The suite's own escape hatch for Playwright is no production setting.
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **base,
        "DJANGO_SETTINGS_MODULE": "dashboard.settings",
        "DASHBOARD_VAR_DIR": str(tmp_path),
        "DASHBOARD_HTTPS": "1",
        "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-production-key-0123456789-abcdefghij",
        "DJANGO_ALLOWED_HOSTS": "docker.example.org",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout
