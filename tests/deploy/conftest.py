"""The dashboard's container image, built once a session from the Dockerfile with no network
(on the Debian base scripts/image-inputs.sh made), for the image and compose tests."""

import shutil

import docker
import pytest
import requests

from scripts.harness.docker_env import LABELS, RUN_ID
from scripts.harness.server import ROOT

OFFLINE = ROOT / "var" / "offline"
# What the Dockerfile copies, and nothing else of the checkout.
CONTEXT = ["Dockerfile", ".dockerignore", "pyproject.toml", "package.json", "package-lock.json",
           "manage.py", "dashboard", "templates", "static"]  # fmt: skip


def offline_input(name: str) -> str:
    path = OFFLINE / name
    if not path.exists():
        pytest.fail(f"{path} is missing: `make test` makes it (the image-inputs target).")
    return path.read_text()


@pytest.fixture(scope="session")
def dashboard_image(docker_api, tmp_path_factory):
    python_image, node_image = offline_input("images").split()
    ctx = tmp_path_factory.mktemp("image-context")
    for name in CONTEXT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, ctx / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, ctx / name)
    for part in ("wheels", "npm-cache"):
        shutil.copytree(OFFLINE / part, ctx / "offline" / part)
    tag = f"dashboard-test-image:{RUN_ID}"
    output = []
    for chunk in docker_api.build(
        path=str(ctx),
        tag=tag,
        network_mode="none",  # everything comes from the context: nothing from outside
        labels=LABELS,
        rm=True,
        forcerm=True,
        decode=True,
        buildargs={
            "PYTHON_IMAGE": python_image,
            "NODE_IMAGE": node_image,
            "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": "/app/wheels",
            "npm_config_offline": "true",
        },
    ):
        output.append(chunk.get("stream") or chunk.get("error") or "")
        if "error" in chunk:
            pytest.fail("docker build failed:\n" + "".join(output[-40:]))
    yield tag
    try:
        docker_api.remove_image(tag, force=True)
    except (docker.errors.APIError, requests.RequestException):
        pass  # a slow daemon's timeout: it goes on removing it regardless
