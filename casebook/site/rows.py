"""Rows cited by evidence id: the anchor a row has on its Data page, and a readable name.

An evidence id is ``<dataset>:<key>`` (validation/evidence.py), e.g.
``upr_cycles:2/review_date/unhrc2014wgdprk``. Its row's Data page gives the row the
id ``anchor(evidence_id)``; chapters link there with ``link()``, labelled by
``label()`` ("UPR cycles: cycle 2, review date"). The Data page and the chapters use
these same functions, so a link and its target cannot drift apart.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from casebook.site.markdown import from_page
from validation.codebook import DATA_DIR, load_codebook, read_raw
from validation.evidence import row_keys

PAGES_DIR = DATA_DIR.parent / "datasets"
# Characters kept in an anchor; any run of others becomes one "-".
_UNSAFE = re.compile(r"[^A-Za-z0-9_.]+")


def evidence_id(dataset: str, key: str) -> str:
    return f"{dataset}:{key}"


def anchor(evidence_id: str) -> str:
    """The HTML id of a cited row: "treaty_actions:PRK/ICCPR/accession" ->
    "row-treaty_actions-PRK-ICCPR-accession". Deterministic; the Data pages refuse
    to build if two rows of a dataset would share one (see datapage.row_anchors)."""
    dataset, _, key = evidence_id.partition(":")
    parts = [dataset, *key.split("/")]
    return "row-" + "-".join(_UNSAFE.sub("-", p).strip("-") for p in parts)


def label(evidence_id: str) -> str:
    """A reader's name for a cited row: the dataset's short title and the row, as the
    codebook's `row_label` names it (else its key values)."""
    dataset, _, key = evidence_id.partition(":")
    book = load_codebook(DATA_DIR / f"{dataset}.yml")
    record = _records(dataset)[key]
    if book.row_label:
        named = book.row_label.format_map({k: _plain(v) for k, v in record.items()})
    else:
        named = ", ".join(
            _plain(record[k]) for k in book.primary_key if not k.endswith("source_key")
        )
    return f"{book.short_title}: {named}"


def link(evidence_id: str) -> str:
    """A Markdown link to the cited row, from the page whose code is running."""
    dataset = evidence_id.partition(":")[0]
    page = from_page(PAGES_DIR / f"{dataset}.qmd")
    return f"[{label(evidence_id)}]({page}#{anchor(evidence_id)})"


def _plain(value: object) -> str:
    """A value as a reader reads it: a state's name for its code, a date as the pages
    write dates, code words with spaces, an empty cell as a dash."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    text = str(value)
    if text in _state_names():
        return _state_names()[text]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return pd.Timestamp(text).strftime("%-d %B %Y")
    return text.replace("_", " ")


@cache
def _state_names() -> dict[str, str]:
    """State codes as the datasets name them: the CSCE signatories (the Soviet Union, the
    GDR, Czechoslovakia included) and the UPR reviewers, then the two cases' own names."""
    names: dict[str, str] = {}
    for dataset, column in (("upr_reviewers", "name"), ("csce_participants", "state_name")):
        raw = read_raw(load_codebook(DATA_DIR / f"{dataset}.yml"))
        names.update(zip(raw["state_code"], raw[column], strict=True))
    return {**names, "MNG": "Mongolia", "PRK": "DPRK"}


@cache
def _records(dataset: str) -> dict[str, dict]:
    book = load_codebook(DATA_DIR / f"{dataset}.yml")
    raw = read_raw(book)
    return dict(zip(row_keys(book, raw), raw.to_dict("records"), strict=True))
