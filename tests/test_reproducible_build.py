"""Two builds of one commit give the same site, byte for byte, apart from the build stamp;
a build that renders only the pages whose inputs changed gives the same site as a full one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from casebook.site.build import BUILD_INFO
from casebook.site.datapackage import ARCHIVE, DESCRIPTOR
from validation.codebook import PROJECT_DIR

REBUILD = "_site.rebuild"
INCREMENTAL = "_site.incremental"


def files(root):
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}


def build_into(site: str, *options: str) -> subprocess.CompletedProcess:
    """`python -m casebook.site.build` into the folder `site`, with the Quarto nox found."""
    quarto = os.environ.get("CASEBOOK_QUARTO")
    if not quarto:
        pytest.fail("CASEBOOK_QUARTO is unset: run the tests with `nox -s test`")
    run = subprocess.run(
        [sys.executable, "-m", "casebook.site.build", "--quarto", quarto, "--site", site, *options],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    return run


def differing(first: dict, second: dict, allowed: set[str] = frozenset()) -> list[str]:
    """The files two builds (`files()`) hold differently, apart from those `allowed`."""
    assert sorted(first) == sorted(second), "the two builds hold different files"
    return [
        name
        for name in first
        if name not in allowed and first[name].read_bytes() != second[name].read_bytes()
    ]


def test_second_build_is_identical(site):
    rebuilt = PROJECT_DIR / REBUILD
    try:
        build_into(REBUILD, "--full")
        first, second = files(site), files(rebuilt)
        # The data package's descriptor and zip are among the files compared.
        assert {f"data/{DESCRIPTOR}", f"data/{ARCHIVE}"} <= set(first)
        changed = differing(first, second, allowed={BUILD_INFO})
        assert not changed, f"files that differ between two builds: {changed}"
    finally:
        shutil.rmtree(rebuilt, ignore_errors=True)


def test_incremental_build_matches_a_full_one(site):
    """Pages rendered again one at a time, into a copy of the site, give the files a full
    render gives: here a chapter (code) and a Data page (generated) are marked stale,
    their old output damaged and a search entry left for a section that is gone."""
    copy = PROJECT_DIR / INCREMENTAL
    stale = ["chapters/helsinki.qmd", "datasets/upr_cycles.qmd"]
    try:
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(site, copy)
        info = json.loads((copy / BUILD_INFO).read_text(encoding="utf-8"))
        for page in stale:
            info["pages"][page] = "stale"
        (copy / BUILD_INFO).write_text(json.dumps(info), encoding="utf-8")
        (copy / "chapters" / "helsinki.html").write_text("an old render", encoding="utf-8")
        index = json.loads((copy / "search.json").read_text(encoding="utf-8"))
        gone = {"href": "chapters/helsinki.html#gone", "title": "Gone", "section": "Gone"}
        (copy / "search.json").write_text(json.dumps([*index, gone | {"text": "gone"}]))

        run = build_into(INCREMENTAL)
        assert f"rendering 2 of {len(info['pages'])} pages" in run.stdout, run.stdout[-2000:]
        assert "chapters/helsinki.qmd" in run.stdout and "datasets/upr_cycles.qmd" in run.stdout
        changed = differing(files(site), files(copy))
        assert not changed, f"files that differ from a full build: {changed}"
    finally:
        shutil.rmtree(copy, ignore_errors=True)
