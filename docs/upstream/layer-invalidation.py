"""Runs layer-invalidation.html in headless Chromium and prints its result.

.venv/bin/python docs/upstream/layer-invalidation.py [n ...]   # default: 1000 5000
"""

import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGE = Path(__file__).with_name("layer-invalidation.html").resolve()


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 5000]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for n in sizes:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{PAGE.as_uri()}?n={n}")
            page.wait_for_function("window.result", timeout=180_000, polling=500)
            print(json.dumps(page.evaluate("window.result"), indent=1))
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
