"""Numbers and times from a request's query string or form, read one way everywhere.

Each reader returns the value or raises BadParameter, whose message names the parameter
and says what a valid value looks like; views answer it with 400 (the API) or a form error
(the pages), never a 500. Only ASCII digits count: Python's int() and float() also take
"²", "١٢", "1_000", "inf" and "nan", which are no page, port or time. An empty value is
"not given" (a form's blank field), so a reader falls back to its default, if it has one.
"""

import math
import re
from datetime import UTC, datetime

INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?", re.ASCII)
# The times a page can show and a database store: from the epoch to the end of year 9999.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
TIME_HINT = (
    f"give ISO 8601 (2026-11-28T10:32:00Z) or epoch seconds from 0 to {int(LATEST.timestamp())}"
)
_MISSING = object()


class BadParameter(ValueError):
    """A value that is not what the parameter takes; str() is the message to show."""


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "…")


def integer(
    text: str | None, name: str, default=_MISSING, minimum: int | None = None, maximum=None
) -> int:
    """`text` (parameter `name`) as a whole number within [minimum, maximum]; `default`
    when absent or blank (BadParameter when there is none)."""
    text = (text or "").strip()
    if not text:
        if default is _MISSING:
            raise BadParameter(f"{name} is required: {_range(minimum, maximum)}.")
        return default
    hint = _range(minimum, maximum)
    if not INTEGER.fullmatch(text):
        raise BadParameter(f"{name}: {_shown(text)} is not a whole number: {hint}.")
    if len(text.lstrip("+-")) > 18:  # past any bound here (and int() balks past 4,300)
        raise BadParameter(f"{name}: {_shown(text)} is out of range: {hint}.")
    value = int(text)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise BadParameter(f"{name}: {value} is out of range: {hint}.")
    return value


def _range(minimum, maximum) -> str:
    if minimum is not None and maximum is not None:
        return f"give a whole number from {minimum} to {maximum}"
    if minimum is not None:
        return f"give a whole number of at least {minimum}"
    if maximum is not None:
        return f"give a whole number of at most {maximum}"
    return "give a whole number"


def moment(text: str | None, name: str = "time") -> datetime:
    """A time, aware and in UTC: ISO 8601 (without an offset, UTC) or seconds since the
    epoch, between the epoch and the end of year 9999."""
    text = (text or "").strip()
    if not text:
        raise BadParameter(f"{name} is required: {TIME_HINT}.")
    if DECIMAL.fullmatch(text):
        seconds = float(text)
        if not math.isfinite(seconds) or not 0 <= seconds <= LATEST.timestamp():
            raise BadParameter(f"{name}: {_shown(text)} is out of range: {TIME_HINT}.")
        return datetime.fromtimestamp(seconds, UTC)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        parsed = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except OverflowError:  # an offset that moves it past year 1 or 9999
        raise BadParameter(f"{name}: {_shown(text)} is out of range: {TIME_HINT}.") from None
    except ValueError:
        raise BadParameter(f"{name}: {_shown(text)} is not a time: {TIME_HINT}.") from None
    if not EARLIEST <= parsed <= LATEST:
        raise BadParameter(f"{name}: {_shown(text)} is out of range: {TIME_HINT}.")
    return parsed


def optional_moment(text: str | None, name: str) -> datetime | None:
    """`text` as a time, or None when absent or blank."""
    return moment(text, name) if (text or "").strip() else None
