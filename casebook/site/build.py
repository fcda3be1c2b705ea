"""Build the site: validate, bundle Vega, render into staging, then swap into _site/.

``python -m casebook.site.build --quarto PATH``. Validation runs first and a failure
stops the build before Quarto starts. Quarto renders into a staging folder; only
a complete render replaces _site/, so readers never get a half-built or
unvalidated site and the last good one stays as it was.

Builds are incremental: validation keeps the results of datasets whose inputs are
unchanged (validation.cache), and only pages whose inputs changed are rendered again,
into a copy of the current site (casebook.site.incremental). ``--full`` renders everything.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from casebook.site import (
    csp,
    incremental,
    page_assets,
    provenance,
    publication,
    search_index,
    sitemap,
)
from casebook.site.provenance import git, record
from validation.codebook import PROJECT_DIR

SITE = "_site"
BUILD_INFO = "build-info.json"
# Quarto's full stylesheets and icon font, kept for builds that render only some pages.
ASSET_ORIGINALS = Path("build") / "site-assets"
# Quarto gives each code cell a random id (from the notebook it generates);
# renumbered in page order so two builds of one commit give identical HTML.
RANDOM_CELL_ID = re.compile(r'<div id="[0-9a-f]{8}" class="cell\b')
# Quarto marks the single "cite this page" entry as a list item outside any list (axe
# rule aria-required-parent, critical); the role is dropped from the page itself, so
# the fix holds for readers and audits with or without scripts.
CITE_AS_ROLE = 'class="csl-entry quarto-appendix-citeas" role="listitem"'

# What a render depends on; a change in any of these makes _site/ stale.
INPUTS = (
    "_quarto.yml",
    "*.qmd",
    "references.bib",
    "source_kinds.yml",
    "requirements.txt",
    "CITATION.cff",
    "chapters/**/*",
    "data/**/*",
    "casebook/**/*.py",
    "validation/**/*.py",
    "assets/*.scss",
    "assets/*.css",
    "assets/*.html",
    "assets/*.js",
    "assets/*.svg",
    "assets/vega/*.js",
)


def input_files(project: Path = PROJECT_DIR) -> list[Path]:
    """The files a build reads, sorted (generated ones left out)."""
    files = {p for pattern in INPUTS for p in project.glob(pattern) if p.is_file()}
    return sorted(p for p in files if not _generated(p.relative_to(project)))


def inputs_fingerprint(project: Path = PROJECT_DIR) -> str:
    digest = hashlib.sha256()
    # The Methods page names the commit and says whether the checkout had uncommitted
    # changes, so a new commit or a change to any tracked file (an input or not, such as
    # the README) makes the site stale too; so does a new site or repository address.
    digest.update((git("rev-parse", "HEAD") or "").encode() + b"\0")
    digest.update(b"uncommitted changes\0" if provenance.uncommitted_changes() else b"\0")
    digest.update(repr(publication.current(project)).encode() + b"\0")
    for path in input_files(project):
        digest.update(path.relative_to(project).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _generated(relative: Path) -> bool:
    """Files Quarto or Python leave beside the sources, which are not inputs."""
    return (
        "__pycache__" in relative.parts
        or any(part.endswith("_files") for part in relative.parts)
        or (relative.suffix == ".html" and relative.parts[0] != "assets")
        or relative.suffix == ".quarto_ipynb"
    )


def is_current(project: Path = PROJECT_DIR) -> bool:
    """True if _site/ was built from the inputs (and commit) as they are now, and its
    pages are the ones that build finished (not rewritten since, e.g. by a preview)."""
    record = recorded(project / SITE)
    if not record or "outputs" not in record:
        return False
    if record["inputs_sha256"] != inputs_fingerprint(project):
        return False
    return incremental.outputs(project / SITE, record["outputs"]) == record["outputs"]


def build(
    quarto: str,
    project: Path = PROJECT_DIR,
    extra_args: list[str] = (),
    site: str = SITE,
    full: bool = False,
) -> int:
    """Validate, render into `<site>.staging`, then swap it into `site` (a folder name).

    Only pages whose inputs changed are rendered, into a copy of `site`, unless `full`
    (or extra Quarto arguments, whose effect the build cannot know) asks for all."""
    fingerprint = inputs_fingerprint(project)
    step("validating data")
    validation = subprocess.run([sys.executable, "-m", "validation"], cwd=project)
    if validation.returncode != 0:
        fail(f"validation failed; nothing rendered, {site}/ left as it was")
        return validation.returncode

    edition = publication.current(project)
    write_generated(quarto, project, edition)

    page_keys = incremental.keys(project, input_files(project))
    pages = incremental.to_render(recorded(project / site), page_keys, project / site)
    if (
        full
        or extra_args
        or page_assets.originals_missing(project / site, project / ASSET_ORIGINALS)
    ):
        pages = None
    staging = project / f"{site}.staging"
    shutil.rmtree(staging, ignore_errors=True)
    if pages is None:
        step(f"rendering every page with {quarto} into {staging.name}/")
        expected = [staging / incremental.output_of(p) for p in page_keys["pages"]]
    else:
        shutil.copytree(project / site, staging, symlinks=True)
        outputs = [incremental.output_of(p) for p in pages]
        expected = [staging / output for output in outputs]
        for output in expected:  # so a render that writes nothing cannot pass for one
            output.unlink(missing_ok=True)
        search_index.forget(staging, outputs)
        step(
            f"rendering {len(pages)} of {len(page_keys['pages'])} pages, those whose inputs "
            f"or output changed, into a copy of {site}/: {', '.join(pages) or 'none'}"
        )
    if pages != []:
        render = subprocess.run(
            [
                *(quarto, "render", *(pages or []), "--output-dir", staging.name),
                *("--profile", publication.PROFILE),
                *extra_args,
            ],
            cwd=project,
        )
        missing = [p.relative_to(staging).as_posix() for p in expected if not p.exists()]
        if render.returncode != 0 or missing:
            shutil.rmtree(staging, ignore_errors=True)
            unwritten = f" (pages not written: {', '.join(missing)})" if missing else ""
            fail(f"quarto render failed{unwritten}; {site}/ left as it was")
            return render.returncode or 1

    normalise_pages(staging, None if pages is None else expected)
    # On every build: a kept Methods page may name an older commit. A recorded commit
    # with no page to show it means Quarto wrote the page's slot differently.
    info = provenance.site_info(project)
    stamped = provenance.stamp(staging, info)
    if not stamped and json.loads(info.read_text())["commit"] != provenance.NO_COMMIT:
        shutil.rmtree(staging, ignore_errors=True)
        fail(f"no page has a place for the commit (Methods page changed?); {site}/ left as it was")
        return 1
    page_assets.trim(staging, project / ASSET_ORIGINALS)
    sitemap.write(staging, edition)
    # Every dataset as one data package, beside the CSVs the Data pages offer.
    from casebook.site import datapackage

    datapackage.write(staging / "data", edition)
    # The declared build stamp: the one file that may differ between two builds of a
    # commit (it fingerprints the inputs, uncommitted changes included), and what the
    # next build compares to decide which pages to render again: each page's inputs and
    # its finished output. Not recorded after a render with extra Quarto arguments,
    # whose pages the next build must not keep.
    stamp = {"inputs_sha256": fingerprint}
    if not extra_args:  # else no record: the next build renders everything, --if-stale too
        stamp |= page_keys | {"outputs": incremental.outputs(staging, page_keys["pages"])}
    (staging / BUILD_INFO).write_text(
        json.dumps(stamp, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    swap_into_place(project / site, staging)
    step(f"site ready in {site}/")
    return 0


def recorded(site: Path) -> dict | None:
    """The page keys the build that made `site` recorded, if any."""
    info = site / BUILD_INFO
    if not (site / "index.html").exists() or not info.exists():
        return None
    try:
        return json.loads(info.read_text(encoding="utf-8"))
    except ValueError:
        return None


def write_generated(
    quarto: str, project: Path = PROJECT_DIR, edition: publication.Publication | None = None
) -> None:
    """Files Quarto needs that the build makes: data pages, provenance, the picture
    for shared links, and the publication profile (address, date)."""
    # Imported here: they load pandas and Altair, which an up-to-date check does without.
    from casebook.site import social_card
    from casebook.site.datapage import write_pages

    step("writing the data pages and build provenance")
    write_pages()
    record(quarto)
    social_card.write()
    edition = edition or publication.current(project)
    publication.write_profile(edition, project)
    step(f"site address {edition.site_url}; edition of {edition.date or 'unknown date'}")


def normalise_pages(site: Path, pages: list[Path] | None = None) -> None:
    """Number code cells in page order (Quarto's ids are random), fix the cite role, link
    the dark theme switched off (casebook.site.page_assets), and add the security policy
    (last: it hashes the page's final inline scripts); on `pages` (those just rendered)
    or on every page."""
    for page in site.rglob("*.html") if pages is None else pages:
        original = page.read_text(encoding="utf-8")
        text = original.replace(CITE_AS_ROLE, 'class="csl-entry quarto-appendix-citeas"')
        pieces = RANDOM_CELL_ID.split(text)
        text = pieces[0] + "".join(
            f'<div id="cell-{n}" class="cell{rest}' for n, rest in enumerate(pieces[1:], start=1)
        )
        text = csp.apply(page_assets.defer_dark_theme(text))
        if text != original:
            page.write_text(text, encoding="utf-8")
    search_index.clean(site)


def swap_into_place(site: Path, staging: Path) -> None:
    previous = site.with_name(f"{site.name}.previous")
    shutil.rmtree(previous, ignore_errors=True)
    if site.exists():
        site.rename(previous)
    staging.rename(site)
    shutil.rmtree(previous, ignore_errors=True)


def step(message: str) -> None:
    print(f"[build] {message}", flush=True)


def fail(message: str) -> None:
    print(f"[build] FAILED: {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m casebook.site.build", description=__doc__)
    parser.add_argument("--quarto", required=True, help="path of the quarto executable")
    parser.add_argument("--if-stale", action="store_true", help="skip if _site/ is current")
    parser.add_argument(
        "--full", action="store_true", help="render every page, not only those whose inputs changed"
    )
    parser.add_argument("--site", default=SITE, help="output folder name (default: _site)")
    parser.add_argument(
        "--prepare-only", action="store_true", help="write generated files, do not render"
    )
    # Anything else on the command line is passed on to `quarto render`.
    args, quarto_args = parser.parse_known_args(argv)
    if args.prepare_only:
        write_generated(args.quarto)
        return 0
    if args.if_stale and is_current():
        step(f"{SITE}/ is up to date with its inputs; not rebuilding")
        return 0
    return build(args.quarto, extra_args=quarto_args, site=args.site, full=args.full)


if __name__ == "__main__":
    sys.exit(main())
