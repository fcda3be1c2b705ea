"""The Data and Methods pages tell a reviewer the truth about what was built and checked."""

from __future__ import annotations

import hashlib
import html
import json
import re
import subprocess

from validation.codebook import PROJECT_DIR, RESULTS_DIR, codebooks


def text_of(path) -> str:
    """Page text without tags, entities decoded, whitespace folded."""
    raw = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", html.unescape(raw))


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_dataset_has_a_page_listed_in_the_index(site):
    index = site / "datasets" / "index.html"
    targets = {
        (index.parent / href).resolve()
        for href in re.findall(r'href="([^"#:]+)"', index.read_text(encoding="utf-8"))
    }
    for book in codebooks():
        page = site / "datasets" / f"{book.name}.html"
        assert page.exists()
        assert page.resolve() in targets, f"the Data index does not link to {book.name}"


def test_downloads_are_the_validated_files(site):
    for book in codebooks():
        published = site / "data" / f"{book.name}.csv"
        assert published.read_bytes() == book.csv_path.read_bytes()
        assert (site / "data" / f"{book.name}.yml").read_bytes() == book.path.read_bytes()
        result = json.loads((RESULTS_DIR / f"{book.name}.json").read_text())
        assert result["csv_sha256"] == sha256(published)


def test_dataset_page_reports_the_validation_that_ran(site):
    for book in codebooks():
        result = json.loads((RESULTS_DIR / f"{book.name}.json").read_text())
        page = text_of(site / "datasets" / f"{book.name}.html")
        total = len(result["checks"])
        passed = sum(c["success"] for c in result["checks"])
        assert f"{passed} of {total} expectations passed" in page
        assert result["csv_sha256"] in page
        # One table row per expectation, each naming its rule.
        for check in result["checks"]:
            assert check["rule"] in page
        assert page.count(" passed ") + page.count(" failed ") >= total
        for column in book.columns:
            assert column.name in page and column.description.split()[0] in page


def test_methods_page_names_the_commit_and_data_it_was_built_from(site):
    page = text_of(site / "methods.html")
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=PROJECT_DIR, capture_output=True, text=True
    ).stdout.strip()
    if head:
        assert head in page
    for book in codebooks():
        assert sha256(book.csv_path) in page
    assert "Quarto 1." in page
