"""Sending a reading to the dashboard: one POST with the shared token."""

import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from dashboard.probe.reading import Reading
from dashboard.topology.flow_report import encode

PATH = "/api/probe/report"


class ReportFailed(Exception):
    """The dashboard did not take a report; the message says what it answered."""


def endpoint(dashboard_url: str) -> str:
    """Where reports go, from the dashboard's address (http or https, no query)."""
    parts = urlsplit(dashboard_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise ValueError(f"{dashboard_url!r}: the dashboard's http:// or https:// address.")
    return dashboard_url.rstrip("/") + PATH


def send(url: str, token: str, engine: str, reading: Reading, timeout: float = 10) -> None:
    doc = encode(engine, reading.seen, reading.host_addresses)
    body = json.dumps(doc, separators=(",", ":")).encode()
    # http(s) only: `url` comes from endpoint(), which refuses any other scheme.
    request = urllib.request.Request(  # noqa: S310
        url,
        data=body,
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout):  # noqa: S310
            return
    except urllib.error.HTTPError as e:
        said = e.read(500).decode("utf-8", "replace")
        raise ReportFailed(f"the dashboard answered {e.code}: {said}") from e
    except (urllib.error.URLError, OSError) as e:
        raise ReportFailed(f"the dashboard could not be reached: {e}") from e
