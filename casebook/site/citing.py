"""How to cite the site and each dataset, in BibTeX, from `CITATION.cff` and the codebooks.

Written once: the title, authors, version and licences come from CITATION.cff, the
address and date from the edition being built (casebook/site/publication.py), and each
dataset's key is the one its Data page's "Cite this page" gives.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from IPython.display import Markdown

from casebook.site import publication
from validation.codebook import PROJECT_DIR, codebooks

CITATION_FILE = PROJECT_DIR / "CITATION.cff"
SITE_KEY = "normsunderreview"


def dataset_key(name: str) -> str:
    """The key the dataset's page cites itself by (its front matter, casebook/site/datapage.py)."""
    return f"{SITE_KEY}_data_{name}"


def metadata(path: Path = CITATION_FILE) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _bibtex(kind: str, key: str, fields: dict[str, str]) -> str:
    lines = [f"@{kind}{{{key},"]
    lines += [f"  {name:<9} = {{{value}}}," for name, value in fields.items() if value]
    return "\n".join([*lines, "}"])


def entries(edition: publication.Publication | None = None) -> tuple[str, list[tuple]]:
    """The site's BibTeX entry, and (title, entry) for each dataset: the same key, title,
    address and date as the page's own "Cite this page"."""
    edition = edition or publication.current()
    cff = metadata()
    authors = " and ".join("{" + a["name"] + "}" for a in cff["authors"])
    site = _bibtex(
        "online",
        SITE_KEY,
        {
            "author": authors,
            "title": cff["title"],
            "date": edition.date,
            "url": edition.site_url,
            "version": str(cff["version"]),
        },
    )
    datasets = [
        (
            book.title,
            _bibtex(
                "dataset",
                dataset_key(book.name),
                {
                    "author": authors,
                    "title": book.title,
                    "date": edition.date,
                    "url": f"{edition.site_url}datasets/{book.name}.html",
                    "note": f"Terms: {book.licence_summary}",
                },
            ),
        )
        for book in codebooks()
    ]
    return site, datasets


def show() -> Markdown:
    site, datasets = entries()
    lines = [
        "Cite the site as a whole like this (BibTeX; its title, authors, version and licences are "
        "also in the repository's `CITATION.cff`):",
        "",
        "```bibtex",
        site,
        "```",
        "",
        "Every page also offers its own citation at its foot. To cite a dataset, cite its page "
        "and the original sources its page names:",
        "",
        '<details class="casebook-details"><summary>BibTeX for each dataset</summary>',
    ]
    for title, entry in datasets:
        lines += ["", f"**{title}**", "", "```bibtex", entry, "```"]
    return Markdown("\n".join([*lines, "", "</details>"]))
