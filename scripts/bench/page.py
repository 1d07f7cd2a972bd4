"""Chromium as the bench drives it, and the functions it runs in the map's page: each in a
.js file of js/ (linted by ESLint like the rest), read once."""

import functools
from pathlib import Path

from scripts.harness.browser import CHROMIUM, CHROMIUM_ARGS, page_function

JS = Path(__file__).with_name("js")


@functools.cache
def js(name: str) -> str:
    """The function in js/NAME.js, as page.evaluate takes it."""
    return page_function(JS / f"{name}.js")


def chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
