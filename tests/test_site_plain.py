"""Readers meet plain words: build internals stay in the folded details blocks and out of search."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urldefrag

from casebook.site import rows
from casebook.site.datapage import DETAILS_CLASS, row_anchors
from casebook.site.search_index import DETAIL_SECTIONS
from validation.codebook import TYPE_PATTERNS, codebooks, read_raw
from validation.suites.vdem_democracy import LOCATOR

HASH = re.compile(r"\b(?:[0-9a-f]{64}|[0-9a-f]{40})\b")
RULE_NAME = re.compile(r"\b(?:expect_[a-z_]+|Expect[A-Z][A-Za-z]+)\b")
# Text no reader needs: scripts, styles, the folded details blocks, and attribute values.
FOLDED = r"<details class=\"" + DETAILS_CLASS + r"\b[^\"]*\".*?</details>"
HIDDEN = re.compile(r"<(script|style)\b.*?</\1>|" + FOLDED, re.S)


def patterns() -> set[str]:
    """Every regular expression the codebooks and rules use."""
    found = set(TYPE_PATTERNS.values()) | {LOCATOR}
    for book in codebooks():
        found |= {c.pattern for c in book.columns if c.pattern}
        found |= {t["pattern"] for t in book.extra.get("themes", {}).values()}
        found |= {m["pattern"] for m in book.extra.get("measures", {}).values() if "pattern" in m}
    return found


def reader_text(path) -> str:
    body = path.read_text(encoding="utf-8").split("<body", 1)[1]
    shown = HIDDEN.sub(" ", body)
    return html.unescape(re.sub(r"<[^>]+>", " ", shown))


def test_pages_show_no_hash_rule_name_or_pattern_outside_the_details(site, site_pages):
    found = {}
    regexes = patterns()
    for page in site_pages:
        text = reader_text(site / page)
        leaks = HASH.findall(text) + RULE_NAME.findall(text)
        leaks += [p for p in regexes if p in text]
        if leaks:
            found[page] = sorted(set(leaks))[:5]
    assert not found, f"build internals shown to readers: {found}"


def test_data_pages_fold_their_validation_details(site):
    for book in codebooks():
        page = (site / "datasets" / f"{book.name}.html").read_text(encoding="utf-8")
        # Quarto adds its layout classes to a block holding a wide table.
        assert len(re.findall(f'<details class="{DETAILS_CLASS}\\b', page)) == 1, book.name
        assert 'id="validation-details"' in page


def test_search_index_holds_no_hash_rule_name_or_pattern(site):
    index = (site / "search.json").read_text(encoding="utf-8")
    text = "\n".join(e["text"] for e in json.loads(index))
    assert not HASH.findall(index), HASH.findall(index)[:3]
    assert not RULE_NAME.findall(text), RULE_NAME.findall(text)[:3]
    leaked = [p for p in patterns() if html.escape(p, quote=False) in text or p in text]
    assert not leaked, f"patterns in the search index: {leaked[:3]}"
    hrefs = [e["href"] for e in json.loads(index)]
    assert not [h for h in hrefs if h.partition("#")[2] in DETAIL_SECTIONS]


def test_every_row_has_its_anchor_on_its_data_page(site):
    for book in codebooks():
        page = (site / "datasets" / f"{book.name}.html").read_text(encoding="utf-8")
        anchors = row_anchors(book, read_raw(book))
        assert len(set(anchors)) == len(anchors)
        missing = [a for a in anchors if f'id="{a}"' not in page]
        assert not missing, f"{book.name}: rows without their anchor: {missing[:3]}"


def test_anchors_are_safe_and_deterministic():
    anchor = rows.anchor("upr_recommendations:1/90.1")
    assert anchor == "row-upr_recommendations-1-90.1" == rows.anchor("upr_recommendations:1/90.1")
    assert rows.anchor("treaty_actions:PRK/ICCPR/accession") == (
        "row-treaty_actions-PRK-ICCPR-accession"
    )
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", rows.anchor("x:a b/c&d"))


def test_comparison_evidence_links_reach_the_cited_rows(site):
    chapter = site / "chapters" / "comparison.html"
    links = re.findall(
        r'<a href="([^"]*datasets/[^"#]+\.html#row-[^"]+)"[^>]*>(.*?)</a>', chapter.read_text()
    )
    assert links, "the comparison chapter links no evidence rows"
    for href, label in links:
        url, fragment = urldefrag(href)
        target = (chapter.parent / url).resolve()
        assert target.exists(), href
        assert f'id="{fragment}"' in target.read_text(encoding="utf-8"), href
        # A label names the dataset and the row; a raw id ("upr_cycles:2/...") has no space.
        assert ": " in html.unescape(label), label


def test_comparison_labels_evidence_for_readers(site):
    # The table's evidence column and the chart's tooltip name rows, never as raw ids.
    text = reader_text(site / "chapters" / "comparison.html")
    assert "upr_cycles:2/review_date" not in text
    assert "UPR cycles: cycle 2, review date" in text
    spec = (site / "chapters" / "comparison.html").read_text(encoding="utf-8")
    assert "upr_cycles:2/review_date/unhrc2014wgdprk" not in spec


def test_terms_of_use_on_every_data_page_and_the_index(site):
    index = reader_text(site / "datasets" / "index.html")
    assert "CC BY 4.0" in index
    for book in codebooks():
        page = re.sub(r"\s+", " ", reader_text(site / "datasets" / f"{book.name}.html"))
        assert "Terms of use:" in page
        assert re.sub(r"\s+", " ", book.licence).replace("'", "’")[:60] in page.replace("'", "’")
        assert re.sub(r"\s+", " ", book.licence_summary).replace("'", "’") in re.sub(
            r"\s+", " ", index
        ).replace("'", "’")


def test_methods_page_says_plainly_when_no_commit_was_recorded(site):
    text = reader_text(site / "methods.html")
    assert "not a git checkout" not in text
    assert "Version:" in text
