"""The tests find a browser on any machine, in the documented order, or say how to get one."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests import browser


def executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_the_environment_variable_comes_first(tmp_path):
    chosen = executable(tmp_path / "my-chrome")
    on_path = executable(tmp_path / "bin" / "chromium")
    env = {"CASEBOOK_CHROMIUM": str(chosen), "PATH": str(on_path.parent)}
    assert browser.find_chromium(env) == str(chosen)


def test_a_variable_naming_no_file_is_an_error_not_a_fallback(tmp_path):
    with pytest.raises(browser.BrowserMissing, match="not a file"):
        browser.find_chromium({"CASEBOOK_CHROMIUM": str(tmp_path / "missing")})


@pytest.mark.parametrize("name", browser.NAMES)
def test_each_usual_name_on_path_is_found(tmp_path, name):
    found = executable(tmp_path / name)
    assert browser.find_chromium({"PATH": str(tmp_path)}) == str(found)


def test_without_any_browser_the_message_says_how_to_get_one(tmp_path, monkeypatch):
    monkeypatch.setattr(browser, "_installed_apps", lambda environ: [])
    monkeypatch.setattr(browser, "_playwright_browser", lambda: None)
    with pytest.raises(browser.BrowserMissing) as missing:
        browser.find_chromium({"PATH": str(tmp_path)})
    message = str(missing.value)
    assert "CASEBOOK_CHROMIUM" in message and "apt-get install chromium" in message
