"""Where the tests and benchmarks find Chromium, on any machine, without downloading one.

In order: the CASEBOOK_CHROMIUM environment variable; `chromium`, `chromium-browser`,
`google-chrome` or `google-chrome-stable` on PATH; Chrome or Chromium where macOS and
Windows install them; a browser Playwright has already installed. Otherwise the tests
fail with a message saying how to get one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

VARIABLE = "CASEBOOK_CHROMIUM"
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HOW_TO_GET_ONE = (
    "No Chromium or Chrome found. Set CASEBOOK_CHROMIUM to one's executable, or install one: "
    "Debian or Ubuntu `apt-get install chromium`; macOS `brew install --cask chromium` or "
    "Google Chrome; Windows Google Chrome; or `python -m playwright install chromium`."
)


class BrowserMissing(RuntimeError):
    pass


def _installed_apps(environ: dict) -> list[Path]:
    apps = [
        Path("/Applications/Chromium.app/Contents/MacOS/Chromium"),
        Path("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"),
    ]
    for root in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA"):
        if environ.get(root):
            apps.append(Path(environ[root]) / "Google" / "Chrome" / "Application" / "chrome.exe")
    return apps


def _playwright_browser() -> Path | None:
    """The Chromium `playwright install` put on this machine, if it did (never installs)."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            path = Path(playwright.chromium.executable_path)
    except Exception:  # no Playwright driver, or no browser registry
        return None
    return path if path.is_file() else None


def find_chromium(environ: dict | None = None) -> str:
    environ = os.environ if environ is None else environ
    explicit = environ.get(VARIABLE)
    if explicit:
        if Path(explicit).is_file():
            return explicit
        raise BrowserMissing(f"{VARIABLE} is set to {explicit!r}, which is not a file.")
    for name in NAMES:
        found = shutil.which(name, path=environ.get("PATH"))
        if found:
            return found
    for app in _installed_apps(environ):
        if app.is_file():
            return str(app)
    installed = _playwright_browser()
    if installed:
        return str(installed)
    raise BrowserMissing(HOW_TO_GET_ONE)
