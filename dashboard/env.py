"""Settings from the environment through tiny helpers, and secrets kept under var/."""

import os
import secrets
from pathlib import Path


class SettingError(ValueError):
    """A setting from the environment that cannot be read: the dashboard refuses to start
    rather than guess (a typo in DASHBOARD_HTTPS must not mean "off")."""


TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off"})


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise SettingError(f"{name}={os.environ[name]!r}: use 1 or 0 (or true/false, yes/no, on/off).")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise SettingError(f"{name}={value!r}: a whole number is needed.") from None


def env_float(name: str, default: float, minimum: float | None = None) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if number != number or number in (float("inf"), float("-inf")):
        raise SettingError(f"{name}={value!r}: a number (of seconds) is needed.")
    if minimum is not None and number < minimum:
        raise SettingError(f"{name}={value!r}: at least {minimum:g} is needed.")
    return number


def env_token(name: str, minimum: int = 32) -> str:
    """A shared secret, or "" when unset; a short one is refused (it would be guessed)."""
    value = os.environ.get(name, "").strip()
    if value and len(value) < minimum:
        raise SettingError(
            f"{name}: at least {minimum} characters are needed; make one with "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'."
        )
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (0600), creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.chmod(path, 0o600)


def kept_secret(path: Path) -> str:
    """A random secret generated on first use and kept in `path` (mode 0600)."""
    if path.exists():
        return path.read_text().strip()
    value = secrets.token_urlsafe(50)
    write_private(path, value + "\n")
    return value


def parse_engines(spec: str, docker_host: str) -> dict[str, str]:
    """Engines from `name=url,name2=url2`; the default is one engine, `local`.

    An empty url means the SDK's own default: DOCKER_HOST, else the local socket.
    """
    if not spec.strip():
        return {"local": docker_host}
    engines: dict[str, str] = {}
    for item in spec.split(","):
        name, _, url = item.strip().partition("=")
        if name:
            engines[name.strip()] = url.strip()
    return engines
