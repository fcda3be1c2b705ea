"""Evidence ids: how the cross-case codings point at rows of the case datasets.

An evidence id is ``<dataset>:<key>``, where the key is the row's primary-key values
joined by "/" in the codebook's key order, e.g. ``treaty_actions:PRK/ICCPR/accession``
or ``vdem_democracy:PRK/2014``. The coding itself holds no facts: every date and
figure it relies on lives in the cited row, with that row's source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from validation import dates
from validation.codebook import Codebook, load_codebook, read_raw

SEPARATOR = ";"
# A cell written as a date at day, month or year precision (read only in the
# date-like columns, see _is_date_like, so a count is never taken for a year).
_DATE = r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?"


def split(ids: pd.Series) -> pd.Series:
    """A ';'-separated list per row, as lists (empty cells give empty lists)."""
    return ids.fillna("").map(lambda cell: [i for i in cell.split(SEPARATOR) if i])


def cited_ids(periods: pd.DataFrame) -> pd.Series:
    """Every id a period cites: its start, its end (if any), then the further evidence."""
    ends = periods["end_evidence"].map(lambda e: [e] if isinstance(e, str) else [])
    return periods["start_evidence"].map(lambda s: [s]) + ends + split(periods["evidence_ids"])


class Evidence:
    """The rows a coding may cite: every row of the named case datasets, by evidence id."""

    def __init__(self, data_dir: Path, datasets: list[str]):
        self.rows: dict[str, dict] = {}
        self._date_columns: dict[str, list[str]] = {}
        for dataset in datasets:
            path = data_dir / f"{dataset}.yml"
            if not path.exists():
                continue
            book = load_codebook(path)
            raw = read_raw(book)
            keys = row_keys(book, raw)
            self._date_columns[dataset] = [
                c.name for c in book.columns if c.type == "date" or _is_date_like(c.name)
            ]
            for key, record in zip(keys, raw.to_dict("records"), strict=True):
                self.rows[f"{dataset}:{key}"] = record

    @property
    def ids(self) -> list[str]:
        return sorted(self.rows)

    def dates(self, evidence_id: str) -> list[str]:
        """The dates written in the cited row, as written (day, month or year)."""
        record = self.rows.get(evidence_id)
        if record is None:
            return []
        cells = [record[c] for c in self._date_columns[evidence_id.partition(":")[0]]]
        return [c for c in cells if isinstance(c, str) and re.fullmatch(_DATE, c)]

    def spans(self, evidence_id: str) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
        """The days covered by each date written in the cited row (first day, last day)."""
        cells = pd.Series(self.dates(evidence_id), dtype=str)
        first, last = dates.first_day(cells), dates.last_day(cells)
        return [(f, lt) for f, lt in zip(first, last, strict=True) if pd.notna(f) and pd.notna(lt)]

    def sources(self, evidence_id: str) -> set[tuple]:
        """The (source key, locator) pairs the cited row gives: every *source_key column with
        the locator that goes with it (sanctions_source_key with sanctions_locator, etc.)."""
        record = self.rows.get(evidence_id, {})
        pairs = set()
        for column, key in record.items():
            if column.endswith("source_key"):
                stem = column[: -len("source_key")]
                pairs.add((key, record.get(f"{stem}source_locator", record.get(f"{stem}locator"))))
        return pairs

    def state(
        self, evidence_id: str, fixed: dict[str, str], vdem_units: dict[str, str]
    ) -> str | None:
        """The state a cited row concerns: its state_code, its V-Dem unit's state, or the
        one state a dataset is about (`fixed`); None where the row concerns no one state."""
        record = self.rows.get(evidence_id)
        dataset = evidence_id.partition(":")[0]
        if record is None:
            return None
        if dataset in fixed:
            return fixed[dataset]
        if "state_code" in record:
            return record["state_code"]
        if "country_code" in record:
            return vdem_units.get(record["country_code"])
        return None

    def falls_on(self, day: pd.Timestamp, evidence_id: str) -> bool:
        """Whether a day lies within one of the dates the cited row records."""
        if pd.isna(day) or not isinstance(evidence_id, str):
            return False
        return any(first <= day <= last for first, last in self.spans(evidence_id))


def row_keys(book: Codebook, raw: pd.DataFrame) -> pd.Series:
    """Each row's key: its primary-key values as written, joined by '/'."""
    return raw[list(book.primary_key)].astype(str).agg("/".join, axis=1)


def _is_date_like(column: str) -> bool:
    # Text columns holding dates at mixed precision, a year, or a long table's value.
    return column in ("date", "founded", "year", "value") or column.endswith(("_date", "_from"))
