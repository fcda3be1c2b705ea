"""Which pages a build must render again: each page's inputs, hashed (as OWID's ETL does
for its steps), against the hashes recorded by the build that made the site.

A page's inputs are
- what every page shares: the site's configuration and bibliography, the pinned packages,
  the data and their checks, styles and scripts, the files the build generates before
  rendering (shared-link picture, publication profile), the code that
  finishes every page after Quarto, and what the build records (tool versions, data
  fingerprints; the edition date and site address are in the profile);
- its source (a Data page's source is generated, and holds everything the page shows);
- for a page that runs code, every module of the casebook package (a chapter imports
  most of them).

The commit, and whether the checkout had uncommitted changes, are no page's input: the
build writes them into the Methods page after rendering (casebook.site.provenance.stamp).
When what pages share changes, or a page is added or removed, everything is rendered. A
new commit dated the same day renders nothing; the Methods page is stamped again.

A page is also rendered again when its output is missing or is not the one the last build
finished (`outputs`).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import yaml

from casebook.site.provenance import NO_COMMIT, site_info

# Everything the build reads (casebook.site.build.INPUTS) is covered by construction: a file
# that is neither a page's source nor a casebook module counts as shared.
CODE_PACKAGE = "casebook/"
# The casebook modules that finish every page after Quarto, or decide what is rendered:
# shared by every page, code or not.
FINISHING = (
    "casebook/site/build.py",
    "casebook/site/csp.py",
    "casebook/site/css_rules.py",
    "casebook/site/incremental.py",
    "casebook/site/page_assets.py",
    "casebook/site/provenance.py",
    "casebook/site/publication.py",
    "casebook/site/search_index.py",
    "casebook/site/sitemap.py",
)
# Written by the build before rendering (casebook.site.build.write_generated).
GENERATED = (
    "assets/social-card.png",
    "_quarto-publication.yml",
)
# A Python code cell (```{python}, with or without options) or inline code (`{python}`).
CODE = re.compile(rb"```+\s*\{python\b|`\{python\}")


def page_sources(project: Path) -> list[str]:
    """The pages Quarto renders, from `project.render` in _quarto.yml, as sorted paths."""
    config = yaml.safe_load((project / "_quarto.yml").read_text(encoding="utf-8"))
    found = set()
    for pattern in config["project"]["render"]:
        for path in project.glob(pattern):
            relative = path.relative_to(project)
            # Quarto renders no hidden or "_" file (an editor's lock file is one).
            if path.is_file() and not any(p.startswith((".", "_")) for p in relative.parts):
                found.add(relative.as_posix())
    return sorted(found)


def output_of(source: str) -> str:
    """Where Quarto writes a page: the source's path with .html."""
    return str(Path(source).with_suffix(".html").as_posix())


def keys(project: Path, inputs: list[Path]) -> dict:
    """{"shared": hash, "pages": {source: hash}} for the project as it is now.

    `inputs` are the files the build reads (casebook.site.build.INPUTS, matched).
    """
    sources = page_sources(project)
    relative = sorted(p.relative_to(project).as_posix() for p in inputs)
    modules = [p for p in relative if p.startswith(CODE_PACKAGE) and p.endswith(".py")]
    shared_files = [p for p in relative if p not in sources and p not in modules]
    shared_files += [p for p in (*FINISHING, *GENERATED) if (project / p).exists()]

    shared = hashlib.sha256()
    for name in sorted(set(shared_files)):
        _add(shared, name, (project / name).read_bytes())
    record = json.loads(site_info(project).read_text(encoding="utf-8"))
    # The commit and whether the checkout had uncommitted changes are written into the
    # Methods page after rendering (provenance.stamp), so no page's render depends on
    # them, only on whether a commit was recorded at all; every page dates itself by the
    # edition (in the profile, shared).
    record["commit"] = record.get("commit") != NO_COMMIT
    record.pop("uncommitted_changes", None)
    _add(shared, "build record", json.dumps(record, sort_keys=True).encode())

    code = hashlib.sha256()
    for name in modules:
        _add(code, name, (project / name).read_bytes())

    pages = {}
    for source in sources:
        text = (project / source).read_bytes()
        digest = shared.copy()
        _add(digest, source, text)
        if CODE.search(text):
            _add(digest, "casebook modules", code.hexdigest().encode())
        pages[source] = digest.hexdigest()
    return {"shared": shared.hexdigest(), "pages": pages}


def to_render(recorded: dict | None, current: dict, site: Path) -> list[str] | None:
    """The pages whose inputs changed since `recorded`, or whose output in `site` is not
    the one that build finished (missing, or rewritten since, e.g. by `quarto preview`);
    None: render everything."""
    if not recorded or recorded.get("shared") != current["shared"]:
        return None
    if sorted(recorded.get("pages", {})) != sorted(current["pages"]):
        return None
    if sorted(recorded.get("outputs", {})) != sorted(current["pages"]):
        return None  # made before outputs were recorded
    now = outputs(site, current["pages"])
    finished = recorded["outputs"]
    return [
        page
        for page, key in current["pages"].items()
        if recorded["pages"][page] != key or now[page] is None or now[page] != finished.get(page)
    ]


def outputs(site: Path, pages) -> dict[str, str | None]:
    """The SHA-256 of each page's output in `site` (None where there is none)."""
    found = {}
    for page in pages:
        path = site / output_of(page)
        found[page] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
    return found


def _add(digest, name: str, content: bytes) -> None:
    digest.update(name.encode() + b"\0" + content + b"\0")
