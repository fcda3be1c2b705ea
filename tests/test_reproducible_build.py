"""Two builds of one commit give the same site, byte for byte, apart from the build stamp."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from casebook.build import BUILD_INFO
from validation.codebook import PROJECT_DIR

REBUILD = "_site.rebuild"


def files(root):
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}


def test_second_build_is_identical(site):
    quarto = os.environ.get("CASEBOOK_QUARTO")
    if not quarto:
        pytest.fail("CASEBOOK_QUARTO is unset: run the tests with `nox -s test`")
    rebuilt = PROJECT_DIR / REBUILD
    try:
        run = subprocess.run(
            [sys.executable, "-m", "casebook.build", "--quarto", quarto, "--site", REBUILD],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
        first, second = files(site), files(rebuilt)
        assert sorted(first) == sorted(second), "the two builds hold different files"
        differing = [
            name
            for name in first
            if name != BUILD_INFO and first[name].read_bytes() != second[name].read_bytes()
        ]
        assert not differing, f"files that differ between two builds: {differing}"
    finally:
        shutil.rmtree(rebuilt, ignore_errors=True)
