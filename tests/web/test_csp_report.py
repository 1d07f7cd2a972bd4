"""The Content-Security-Policy header, and the violation reports browsers send back."""

import json
import logging

import pytest

pytestmark = pytest.mark.django_db


def test_every_page_carries_the_strict_policy_with_a_report_address(client):
    csp = client.get("/login/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert directives["report-uri"] == "/csp-report"


def test_a_violation_report_is_logged_as_text(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "http://127.0.0.1/networks/",
            "violated-directive": "script-src 'self'",
            "blocked-uri": "inline",
            "script-sample": "<img src=x onerror=alert(1)>\nFAKE LOG LINE",
        }
    }
    with caplog.at_level(logging.WARNING, logger="dashboard"):
        r = client.post("/csp-report", json.dumps(report), content_type="application/csp-report")
    assert r.status_code == 204
    lines = [rec.getMessage() for rec in caplog.records if "CSP violation" in rec.getMessage()]
    assert len(lines) == 1
    assert "violated-directive=\"script-src 'self'\"" in lines[0]
    assert "\n" not in lines[0], "page text cannot forge a log line"


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"csp-report": 3}', b"x" * 100_000])
def test_a_bad_report_is_answered_and_noted(client, caplog, body):
    with caplog.at_level(logging.WARNING, logger="dashboard"):
        r = client.post("/csp-report", body, content_type="application/csp-report")
    assert r.status_code == 204
    assert any("unreadable CSP report" in rec.getMessage() for rec in caplog.records)


def test_reports_are_only_posted(client):
    assert client.get("/csp-report").status_code == 405
