"""A container's state in words, with how long ago, worked out when it is shown: the
store keeps the times, never Docker's own status text (which changes with the clock).
static/js/state-text.js says the same in the browser."""

from dashboard.topology.records import Container


def duration(seconds: float) -> str:
    """A rounded-down span, compact: 42 s, 5 min, 3 h, 12 d."""
    s = max(0, int(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min"
    if s < 2 * 86400:
        return f"{s // 3600} h"
    return f"{s // 86400} d"


def state_text(c: Container, now: float) -> str:
    """e.g. "running, up 5 min (healthy)", "exited (137) 2 h ago", "created"."""
    if c.state in ("running", "paused"):
        text = c.state + (f", up {duration(now - c.started_at)}" if c.started_at else "")
    elif c.state in ("exited", "restarting"):
        code = f" ({c.exit_code})" if c.exit_code is not None else ""
        ago = f" {duration(now - c.finished_at)} ago" if c.finished_at else ""
        text = f"{c.state}{code}{ago}"
    else:
        text = c.state or "unknown"
    return text + (f" ({c.health})" if c.health else "")
