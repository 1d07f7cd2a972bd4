"""Names a network-create request gives: the network's own name, aliases, and the keys of
its labels and driver options (`key=value` lines). Only what really breaks Docker or the
tools around it is refused."""

import re
import shlex
import unicodedata

from dashboard.topology.network_spec import Context
from dashboard.topology.records import PREDEFINED_NAMES

# Network aliases are DNS names for Docker's embedded DNS.
ALIAS_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# Docker's guideline for label keys (and the same for driver options): a reverse-DNS
# namespace such as com.example.team, of letters, digits, . and -; _ and / are tolerated.
KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_./-]*$")
KEY_RULE = (
    "keys follow Docker's guideline: letters, digits and . - (also _ and /), starting with "
    "a letter or digit, best in a reverse-DNS namespace such as com.example.team; no spaces, "
    "quotes or markup"
)
# Names Docker keeps for itself: its predefined networks, and "default" (a network mode).
RESERVED_NAMES = PREDEFINED_NAMES | {"default"}
MAX_NAME = 255
MAX_ENTRIES = 64
MAX_VALUE = 1024


def parse_pairs(text: str, what: str) -> tuple[dict[str, str], list[str]]:
    """`key=value` lines into a dict; blank lines are skipped. Returns (pairs, problems)."""
    pairs: dict[str, str] = {}
    problems = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not key:
            problems.append(f"Line {number}: write each {what} as key=value.")
        elif not KEY_RE.match(key) or len(key) > 255:
            problems.append(f"Line {number}: {what} {KEY_RULE}.")
        elif key in pairs:
            problems.append(f"Line {number}: the {what} {key} is given twice.")
        elif len(value) > MAX_VALUE:
            problems.append(f"Line {number}: values are limited to {MAX_VALUE} characters.")
        else:
            pairs[key] = value.strip()
    if len(pairs) > MAX_ENTRIES:
        problems.append(f"At most {MAX_ENTRIES} {what}s.")
    return pairs, problems


def name_problem(name: str, ctx: Context) -> str:
    """Why Docker or the tools around it cannot work with `name`, or "". Docker itself
    accepts almost any text (the Linux bridge is named after the id, not the name), so only
    what really breaks is refused: names starting with . or _, or in any script, are fine."""
    if not name:
        return "Give the network a name."
    if len(name) > MAX_NAME:
        return f"Names are limited to {MAX_NAME} characters."
    if "/" in name:
        return "A / cannot be part of a name: it splits the name in URL paths, Docker's too."
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in name):
        return "The name holds invisible control characters; type it again."
    if name.startswith("-"):
        return "A name cannot start with -: the docker command line would read it as an option."
    if name in RESERVED_NAMES:
        return f"{name} is one of Docker's own network names."
    if any(n.name == name for n in ctx.networks):
        return f"A network named {name} already exists."
    return ""


def shell_note(name: str) -> str:
    """For a name with characters a shell reads itself (a space, `$`, `#`, a quote…),
    which Docker accepts: how to type it in a command. "" for a name that needs nothing."""
    if not name or shlex.quote(name) == name:
        return ""
    return (
        "A shell reads some of this name's characters itself: quote it in commands, "
        f"as in docker network inspect {shlex.quote(name)}"
    )
