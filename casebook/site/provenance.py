"""What the site was built from: commit, tools, pinned packages and data hashes.

The build records this in build/site-info.json before rendering; the Methods page
shows it. Nothing time-dependent is recorded, so two builds of one commit agree.
The commit and whether the checkout had uncommitted changes are written into the
rendered page afterwards (stamp), so a new commit or a first edit does not make
Quarto render the Methods page again.
"""

from __future__ import annotations

import html
import json
import platform
import re
import subprocess
from importlib import metadata
from pathlib import Path

from IPython.display import Markdown

from validation.codebook import PROJECT_DIR, RESULTS_DIR
from validation.files import write_if_changed

SITE_INFO = PROJECT_DIR / "build" / "site-info.json"
KEY_PACKAGES = ["pandas", "altair", "great_expectations", "vl-convert-python", "pyyaml"]
# Recorded when the build runs outside a git checkout (e.g. from a source archive).
NO_COMMIT = "not recorded: built from a copy without version history"
DIRTY = " (with uncommitted changes)"
# Left empty in the rendered page and filled by stamp(): the commit, and DIRTY or nothing.
_PLACES = {"commit": ("code", "casebook-commit"), "dirty": ("span", "casebook-dirty")}


def _place(name: str, content: str = "") -> str:
    tag, css_class = _PLACES[name]
    return f'<{tag} class="{css_class}">{content}</{tag}>'


COMMIT_SLOT = _place("commit")
DIRTY_SLOT = _place("dirty")
# Each place, empty or filled.
FILLED = {
    name: re.compile(f'<{tag} class="{css_class}">[^<]*</{tag}>')
    for name, (tag, css_class) in _PLACES.items()
}


def git(*args: str) -> str | None:
    """Output of a git command in the project, or None without git or a checkout."""
    try:
        run = subprocess.run(["git", *args], cwd=PROJECT_DIR, capture_output=True, text=True)
    except FileNotFoundError:
        return None
    return run.stdout.strip() if run.returncode == 0 else None


def site_info(project: Path = PROJECT_DIR) -> Path:
    """Where the build records its provenance in `project`."""
    return project / SITE_INFO.relative_to(PROJECT_DIR)


def uncommitted_changes() -> bool | None:
    """Whether a tracked file differs from the commit; None without git or a checkout."""
    status = git("status", "--porcelain", "--untracked-files=no")
    return bool(status) if status is not None else None


def record(quarto: str, path: Path = SITE_INFO) -> dict:
    """Collect and write the build's provenance (called by casebook.site.build)."""
    version = subprocess.run([quarto, "--version"], capture_output=True, text=True).stdout.strip()
    info = {
        "commit": git("rev-parse", "HEAD") or NO_COMMIT,
        "uncommitted_changes": uncommitted_changes(),
        "quarto": version,
        "python": platform.python_version(),
        "packages": {name: metadata.version(name) for name in KEY_PACKAGES},
        "data": {
            p.stem: json.loads(p.read_text(encoding="utf-8"))["csv_sha256"]
            for p in sorted(RESULTS_DIR.glob("*.json"))
        },
    }
    write_if_changed(path, json.dumps(info, indent=2, sort_keys=True) + "\n")
    return info


def show() -> Markdown:
    """What the build used, in words; commit and file fingerprints fold away for reviewers."""
    info = json.loads(SITE_INFO.read_text(encoding="utf-8"))
    dirty = DIRTY_SLOT
    recorded = info["commit"] != NO_COMMIT  # record() runs in every build, so no older wording
    lines = [
        f"- Quarto {info['quarto']}, Python {info['python']}",
        "- Packages: " + ", ".join(f"{k} {v}" for k, v in info["packages"].items()),
        "  (every package is pinned in `requirements.txt`)",
        "- Version: "
        + (
            f"the repository's commit given below{dirty}"
            if recorded
            else "built from a copy without version history; commit not recorded"
        ),
        "",
        '<details class="casebook-details">',
        "<summary>Build details: commit and file fingerprints</summary>",
        "",
        f"Commit: {COMMIT_SLOT}{dirty}" if recorded else "Commit: not recorded.",
        "",
        "Each file's SHA-256 fingerprint changes if a single byte of it changes, so a copy can be",
        "checked against the files this site was built from.",
        "",
        "| Dataset | SHA-256 of the CSV the site was built from |",
        "|:--|:--|",
        *[
            f"| [{name}](datasets/{name}.qmd) | `{digest}` |"
            for name, digest in info["data"].items()
        ],
        "",
        "</details>",
    ]
    return Markdown("\n".join(lines))


def stamp(site: Path, path: Path = SITE_INFO) -> int:
    """Write the recorded commit, and whether the checkout had uncommitted changes, into
    every page of `site` that has a place for them (freshly rendered, or stamped by an
    earlier build); returns how many pages have a place for the commit."""
    info = json.loads(path.read_text(encoding="utf-8"))
    dirty = DIRTY if info["uncommitted_changes"] else ""
    filled = {
        "commit": _place("commit", html.escape(info["commit"])),
        "dirty": _place("dirty", dirty),
    }
    places = 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if not any(css_class in text for _, css_class in _PLACES.values()):
            continue
        places += bool(FILLED["commit"].search(text))
        new = text
        for name, pattern in FILLED.items():
            new = pattern.sub(filled[name], new)
        if new != text:
            page.write_text(new, encoding="utf-8")
    return places
