"""A page that breaks the Content-Security-Policy is noticed: Chromium blocks the script and
reports it, and the report reaches the dashboard's log."""

import time

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.engine2]


def test_a_real_violation_reaches_the_log(page, server):
    log = server.var_dir / "daphne.log"
    before = log.read_text(errors="replace").count("CSP violation")
    page.page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__inline = 1'; document.body.append(s); }"
    )
    assert page.page.evaluate("window.__inline") is None, "the policy blocks inline script"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        if text.count("CSP violation") > before:
            break
        time.sleep(0.2)
    assert text.count("CSP violation") > before
    assert "script-src" in text.split("CSP violation")[-1].splitlines()[0]
