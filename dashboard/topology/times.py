"""Docker's times, read once: RFC 3339 with up to nine fraction digits."""

from datetime import datetime


def rfc3339_to_nanos(value: str) -> int:
    """Docker's SystemTime (RFC 3339 with up to nine fraction digits) as Unix nanoseconds."""
    head, _, rest = value.partition(".")
    fraction, zone = rest, "Z"
    for sep in ("Z", "+", "-"):
        if sep in rest:
            i = rest.index(sep)
            fraction, zone = rest[:i], rest[i:]
            break
    if not rest:
        for sep in ("Z", "+"):
            if sep in head[10:]:
                i = head.index(sep, 10)
                head, zone = head[:i], head[i:]
                break
    zone = "+00:00" if zone == "Z" else zone
    seconds = int(datetime.fromisoformat(head + zone).timestamp())
    return seconds * 1_000_000_000 + int((fraction or "0").ljust(9, "0")[:9])
