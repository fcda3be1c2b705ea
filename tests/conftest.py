"""Shared fixtures: the built site, a local web server for it, and Chromium (found by
tests/browser.py: CASEBOOK_CHROMIUM, then PATH, then where browsers are installed)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
import yaml

PROJECT = Path(__file__).resolve().parent.parent
SITE = PROJECT / "_site"
ARTIFACTS = PROJECT / "test-artifacts"

# Without these, Chromium makes its own background connections (updates, sync,
# safe browsing) that have nothing to do with the page under test.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--disable-quic",
    "--disable-gpu",
]


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "index.html").exists():
        pytest.fail("_site/ has not been built: run `nox -s build` (or `nox -s test`)")
    return SITE


@pytest.fixture(scope="session")
def site_pages(site: Path) -> list[str]:
    """Every HTML page of the site, as paths relative to _site/."""
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if "site_libs" not in p.parts
    )


@pytest.fixture(scope="session")
def nav_pages() -> list[str]:
    """The pages the navigation bar links to, as output paths (.qmd -> .html)."""
    config = yaml.safe_load((PROJECT / "_quarto.yml").read_text())
    navbar = config["website"]["navbar"]
    items = navbar["left"] + navbar.get("right", [])
    return [item["href"].replace(".qmd", ".html") for item in items]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest output readable
        pass


@pytest.fixture(scope="session")
def server(site: Path):
    """Serve _site/ on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.browser import BrowserMissing, find_chromium

    try:
        executable = find_chromium()
    except BrowserMissing as missing:
        pytest.fail(str(missing))
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def committed_reports():
    """Every dataset as committed, validated afresh once per test process (no result kept
    from a build): the tests that need passing results share these."""
    from validation.run import validate_all

    return validate_all()


# Test files whose tests write only to their own temporary folders (they share only the
# committed data's validation, made once per worker): their tests may be spread over
# every worker. Every other file runs whole on one worker, as with --dist loadfile, so a
# module's fixture (every page loaded in a browser, say) is built once, and tests that
# write into the project never race.
SPREAD = {"test_validation.py"}


@pytest.hookimpl(optionalhook=True)  # an xdist hook: absent with -p no:xdist
def pytest_xdist_make_scheduler(config, log):
    """Loadfile scheduling, except for the files in SPREAD, whose tests are each a unit;
    any other --dist mode is left to xdist."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return nodeid if Path(module).name in SPREAD else module

    return Scheduling(config, log)


def pytest_sessionstart(session) -> None:
    """Clear the last run's pictures once, before any test (and any xdist worker) starts."""
    if not hasattr(session.config, "workerinput"):
        shutil.rmtree(ARTIFACTS, ignore_errors=True)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# Full-page pictures of every page (phone and desktop) for a person to look through: no
# test reads them, and they cost about a tenth of the suite's time, so they are taken
# only on request (CASEBOOK_SCREENSHOTS=1 nox -s test).
SCREENSHOTS = os.environ.get("CASEBOOK_SCREENSHOTS") == "1"


def picture(page, path: Path) -> None:
    """A full-page picture of `page` at `path`, if pictures were asked for."""
    if SCREENSHOTS:
        page.screenshot(path=path, full_page=True)
