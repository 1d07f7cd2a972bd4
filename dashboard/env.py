"""Settings from the environment through tiny helpers, and secrets kept under var/."""

import os
import secrets
from pathlib import Path


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


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
