"""Regenerate docs/report.png, the README's picture of the samples' report.

    kosum report samples/ -o report.html && python docs/screenshot.py report.html

Debian's Chromium, driven by Playwright (the same launch flags as tests/test_report_browser.py):
the top 2000 pixels of the page at 1440 pixels wide. It needs a Korean font, or every Hangul
letter is drawn as an empty box: `apt-get install fonts-nanum` (or fonts-noto-cjk).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main(page_path: str, out: str = str(Path(__file__).with_name("report.png"))) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("screenshot.py: Chromium is not installed (make browser)")
    if not _korean_font():
        sys.exit("screenshot.py: no Korean font (apt-get install fonts-nanum)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 2000})
        page.goto(Path(page_path).resolve().as_uri())
        page.screenshot(path=out, clip={"x": 0, "y": 0, "width": 1440, "height": 2000})
        browser.close()
    print(f"wrote {out}")


def _korean_font() -> bool:
    """Whether fontconfig knows a font covering Korean."""
    import subprocess

    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(["fc-list", ":lang=ko"], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())


if __name__ == "__main__":
    main(*sys.argv[1:])
