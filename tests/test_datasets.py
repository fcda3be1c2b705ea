"""Datasets and codebooks agree, and chapters can only load validated data."""

from __future__ import annotations

import json

import pytest

from casebook import datasets
from validation.codebook import DATA_DIR, bibliography_keys, codebooks, read_raw
from validation.run import write_results


def test_every_dataset_has_a_documented_codebook():
    books = codebooks()
    assert books, "no datasets in data/"
    for book in books:
        assert book.csv_path.exists(), f"{book.path.name} has no CSV beside it"
        assert list(read_raw(book).columns) == [c.name for c in book.columns]
        assert all(c.description.strip() for c in book.columns)
        assert book.sources, f"{book.name}: codebook lists no sources"
        for source in book.sources:
            assert source["key"] in bibliography_keys(), f"{book.name}: {source['key']} not in bib"
        assert "source_key" in {c.name for c in book.columns}
        assert "source_locator" in {c.name for c in book.columns}


def test_loader_returns_typed_validated_frames(tmp_path, monkeypatch, committed_reports):
    monkeypatch.setattr(datasets, "RESULTS_DIR", tmp_path)
    write_results(committed_reports, tmp_path)
    for book in codebooks():
        frame = datasets.load(book.name)
        assert len(frame) == book.expected_rows
        for column in book.columns:
            if column.type == "integer":
                assert str(frame[column.name].dtype) == "Int64"


def test_loader_refuses_unvalidated_or_changed_data(tmp_path, monkeypatch, committed_reports):
    monkeypatch.setattr(datasets, "RESULTS_DIR", tmp_path)
    name = codebooks()[0].name
    with pytest.raises(datasets.NotValidated, match="no validation result"):
        datasets.load(name)
    write_results(committed_reports, tmp_path)
    result = tmp_path / f"{name}.json"
    record = json.loads(result.read_text())
    result.write_text(json.dumps(record | {"csv_sha256": "0" * 64}))
    with pytest.raises(datasets.NotValidated, match="changed since it was validated"):
        datasets.load(name)
    result.write_text(json.dumps(record | {"success": False}))
    with pytest.raises(datasets.NotValidated, match="validation failed"):
        datasets.load(name)


def test_data_files_are_utf8_with_unix_newlines():
    for path in DATA_DIR.iterdir():
        raw = path.read_bytes()
        raw.decode("utf-8")
        assert b"\r" not in raw, f"{path.name} has CR line endings"


def test_treaty_codes_allowed_are_the_named_treaties():
    # The chart orders and names treaties from the codebook's `treaties` section;
    # the validation's allowed values must be exactly that list.
    book = datasets.codebook("treaty_actions")
    assert list(book.column("treaty_code").allowed) == list(book.extra["treaties"])


def test_upr_coding_scheme_is_deterministic_and_total():
    """Every recommendation gets at least one theme (or `other`) from the codebook's rules."""
    from validation import upr_coding
    from validation.codebook import DATA_DIR, load_codebook, read_raw

    book = load_codebook(DATA_DIR / "upr_recommendations.yml")
    raw = read_raw(book)
    coded = upr_coding.coded(raw, book)
    assert coded.equals(upr_coding.coded(raw, book))
    assert (coded == raw[coded.columns]).all().all()
    themes = {t for ts in coded["themes"] for t in ts.split(";")}
    assert themes <= set(book.extra["themes"]) | {upr_coding.NO_THEME}
