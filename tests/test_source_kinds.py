"""Every source is classed by kind, and readers see the kinds: source notes group their
sources by kind, and each Data page counts its rows by the kind of source they cite."""

from __future__ import annotations

import re

import pandas as pd

from casebook import datasets
from casebook.site import datapage, tables
from validation.codebook import bibliography_kinds, codebooks, read_raw, source_kinds


def test_every_source_in_the_bibliography_has_an_allowed_kind():
    allowed = source_kinds()
    assert list(allowed)[0] == "primary document"  # strongest first, as notes order them
    unclassed = {k: v for k, v in bibliography_kinds().items() if v not in allowed}
    assert not unclassed, unclassed


def test_a_source_note_groups_its_sources_by_kind_strongest_first():
    frame = datasets.load("upr_cycles")
    note = tables.source_note("upr_cycles", frame).data
    sources = re.search(r"Sources: (.*?)\.\n", note).group(1)
    groups = re.findall(r"([A-Za-z ]+?) \[([^\]]*)\]", sources)
    kinds = bibliography_kinds()
    plurals = {spec["plural"]: kind for kind, spec in source_kinds().items()}
    seen = []
    for label, cited in groups:
        kind = plurals[label.strip("; ")]
        keys = [k.strip().lstrip("@") for k in cited.split(";")]
        assert all(kinds[k] == kind for k in keys), (kind, keys)
        seen += keys
    # Every source of the rows shown, each once; the kinds in the list's order.
    assert sorted(seen) == sorted(set(frame["source_key"]))
    order = [plurals[label.strip("; ")] for label, _ in groups]
    assert order == [k for k in source_kinds() if k in order]
    summary = f"<summary>Sources: {len(seen)} documents, of {len(groups)} kinds "
    assert summary in note


def test_each_data_page_counts_its_rows_by_kind_of_source():
    kinds = bibliography_kinds()
    for book in codebooks():
        raw = read_raw(book)
        page = datapage.show(book.name)
        table = page[page.index("| Kind of source |") :].split("\n\n")[0].splitlines()
        columns = re.findall(r"Rows citing it in `(\w+)`", table[0])
        assert columns == [c.name for c in book.columns if c.name.endswith("source_key")]
        shown = {}
        for line in table[2:-1]:
            cells = [c.strip() for c in line.strip("|").split("|")]
            kind = cells[0]
            shown[kind] = [int(c) for c in cells[1:]]
        for i, column in enumerate(columns):
            counted = pd.Series(raw[column].dropna().map(kinds)).value_counts()
            assert {k: v[i] for k, v in shown.items() if v[i]} == counted.to_dict(), column
        totals = [int(c.strip("* ")) for c in table[-1].strip("|").split("|")[1:]]
        assert totals == [int(raw[c].notna().sum()) for c in columns]
        # Each kind counted is said, below the table, to cover what source_kinds.yml says.
        for kind in shown:
            assert f"- **{kind}**: {source_kinds()[kind]['covers']}" in page
