"""The build's guard rails: bad data or a failed render never replaces the last good _site/.

These run `python -m casebook.site.build` on a copy of the project with a stand-in for
Quarto, so they test the gate itself in seconds; the real render is exercised by
`nox -s build` and the browser tests.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.project_copy import copy_project
from validation.run import write_results

COPIED = [
    "_quarto.yml",
    "index.qmd",
    "references.bib",
    "source_kinds.yml",
    "requirements.txt",
    "CITATION.cff",
    "chapters",
    "data",
    "casebook",
    "validation",
    "assets",
]


@pytest.fixture
def project(tmp_path: Path, committed_reports) -> Path:
    copy = copy_project(COPIED, tmp_path / "project")
    # Passing results as the last build left them: the build validates again only what a
    # test changes (validation.cache), as it would on an author's machine.
    write_results(committed_reports, copy / "build" / "validation")
    site = copy / "_site"
    site.mkdir()
    (site / "index.html").write_text("last good build")
    return copy


def fake_quarto(tmp_path: Path, script: str) -> Path:
    """A stand-in for Quarto: `script` runs for `quarto render` only (the build also asks
    for `quarto --version`, where "$3", the output folder, would be empty)."""
    path = tmp_path / "quarto"
    path.write_text('#!/bin/sh\n[ "$1" = render ] || { echo 1.7.34; exit 0; }\n' + script)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def build(project: Path, quarto: Path) -> subprocess.CompletedProcess:
    env = os.environ | {"PYTHONPATH": str(project)}
    return subprocess.run(
        [sys.executable, "-m", "casebook.site.build", "--quarto", str(quarto)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


def test_bad_data_stops_the_build_before_quarto(project, tmp_path):
    csv = project / "data" / "upr_cycles.csv"
    csv.write_text(csv.read_text().replace("A/HRC/", "A/HRX/", 1))
    marker = tmp_path / "quarto-ran"
    run = build(project, fake_quarto(tmp_path, f"touch {marker}\n"))
    assert run.returncode != 0
    assert "column 'value'" in run.stdout
    assert (
        "cycle_number=1, measure=wg_report_symbol" in run.stdout and "'A/HRX/13/13'" in run.stdout
    )
    assert "validation failed" in run.stderr
    assert not marker.exists(), "Quarto ran although validation failed"
    assert (project / "_site" / "index.html").read_text() == "last good build"


def test_failed_render_leaves_the_last_site(project, tmp_path):
    quarto = fake_quarto(tmp_path, 'mkdir -p "$3" && echo partial > "$3/index.html"\nexit 1\n')
    run = build(project, quarto)
    assert run.returncode != 0
    assert "quarto render failed" in run.stderr
    assert (project / "_site" / "index.html").read_text() == "last good build"
    assert not (project / "_site.staging").exists()


# A stand-in for Quarto that writes every page: $3 is the output folder of a full render.
EVERY_PAGE = """for f in *.qmd chapters/*.qmd datasets/*.qmd; do
  mkdir -p "$3/$(dirname "$f")" && echo new > "$3/${f%.qmd}.html"
done
"""


def test_a_render_that_leaves_out_a_page_fails(project, tmp_path):
    quarto = fake_quarto(tmp_path, 'mkdir -p "$3" && echo new > "$3/index.html"\n')
    run = build(project, quarto)
    assert run.returncode != 0
    assert "quarto render failed (pages not written: " in run.stderr
    assert "chapters/helsinki.html" in run.stderr and "datasets/upr_cycles.html" in run.stderr
    assert (project / "_site" / "index.html").read_text() == "last good build"
    assert not (project / "_site.staging").exists()


def test_successful_render_replaces_the_site(project, tmp_path):
    quarto = fake_quarto(tmp_path, EVERY_PAGE)
    run = build(project, quarto)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (project / "_site" / "index.html").read_text().strip() == "new"
    assert (project / "_site" / "build-info.json").exists()
    assert not (project / "_site.staging").exists() and not (project / "_site.previous").exists()


@pytest.mark.parametrize(
    "changed",
    [
        "assets/a11y.html",
        "assets/site.scss",
        "chapters/dprk-upr.qmd",
        "data/upr_cycles.csv",
        "validation/rules.py",
        "_quarto.yml",
        "CITATION.cff",
    ],
)
def test_any_input_change_makes_the_site_stale(project, changed):
    from casebook.site.build import inputs_fingerprint

    before = inputs_fingerprint(project)
    with (project / changed).open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert inputs_fingerprint(project) != before, f"editing {changed} left the site 'current'"
