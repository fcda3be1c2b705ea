"""Keep build internals out of the site search (Quarto's search.json).

Quarto indexes every section of every page, folded blocks included. The Data
pages' "Validation details" sections (rules, patterns, fingerprints) and the
Methods page's build details are for reviewers reading the page, not for search
results, so after rendering their entries are dropped and any file fingerprint
(a 40- or 64-digit hex hash) left in another entry is taken out.

A page's own entry holds its whole text, every section again (the Data pages are
all sections): sections are indexed on their own, so their text is taken out of the
page entry, detail sections included.

Entries are kept in page order, each page's in the order Quarto gives them, so a site
rendered in one go and one rendered page by page (casebook.site.incremental) agree.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

SEARCH_INDEX = "search.json"
# Sections whose whole text is build detail, by their heading's id.
DETAIL_SECTIONS = ("validation-details",)
HASH = re.compile(r"\b(?:[0-9a-f]{64}|[0-9a-f]{40})\b")
# A rule's Great Expectations name, in either spelling.
RULE_NAME = re.compile(r"\b(?:expect_[a-z_]+|Expect[A-Z]\w+)\b")


def clean(site: Path) -> None:
    """Rewrite `site`/search.json without build detail; no-op when search is off."""
    path = site / SEARCH_INDEX
    if not path.exists():
        return
    entries = json.loads(path.read_text(encoding="utf-8"))
    details: dict[str, list[str]] = {}  # per page, the text of its detail sections
    sections: dict[str, list[str]] = {}  # ... and of every other section
    for entry in entries:
        page, _, section = entry.get("href", "").partition("#")
        if section:
            kind = details if section in DETAIL_SECTIONS else sections
            kind.setdefault(page, []).append(entry.get("text", ""))
    kept = []
    for entry in entries:
        page, _, section = entry.get("href", "").partition("#")
        if section in DETAIL_SECTIONS:
            continue
        if not section:
            entry["text"] = _without(entry.get("text", ""), details.get(page, []))
            lead = _without(entry["text"], sections.get(page, []))
            # A page that is all sections keeps their text: the entry is its search hit.
            if lead.strip():
                entry["text"] = lead
        for field in ("text", "section", "title"):
            if isinstance(entry.get(field), str):
                entry[field] = RULE_NAME.sub("", HASH.sub("", entry[field]))
        kept.append(entry)
    kept.sort(key=_page)  # stable: a page's entries keep their order
    _write(path, kept)


def forget(site: Path, pages: list[str]) -> None:
    """Drop `pages`' entries (output paths) before Quarto renders them again: it updates
    an index in place, and would keep the entries of sections a page no longer has."""
    path = site / SEARCH_INDEX
    if not path.exists() or not pages:
        return
    entries, gone = json.loads(path.read_text(encoding="utf-8")), set(pages)
    _write(path, [entry for entry in entries if _page(entry) not in gone])


def _write(path: Path, entries: list[dict]) -> None:
    path.write_text(json.dumps(entries, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _page(entry: dict) -> str:
    return entry.get("href", "").partition("#")[0]


def _without(text: str, parts: list[str]) -> str:
    for part in parts:
        if part:
            text = text.replace(part, "")
    return text
