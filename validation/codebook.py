"""Codebooks: the metadata file that sits beside every dataset in data/.

A dataset is two files, ``data/<name>.csv`` and ``data/<name>.yml``. The YAML
codebook says what one row is, which columns exist with which type and meaning,
and where the data come from. Validation and the chapters' loader both read it,
so a column is described once.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:  # imported where frames are made: the build's up-to-date check needs none
    import pandas as pd

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
BIBLIOGRAPHY = PROJECT_DIR / "references.bib"
# The kinds a source may be classed under (its `sourcekind` in the bibliography).
SOURCE_KINDS = PROJECT_DIR / "source_kinds.yml"
# Where `python -m validation` records its results; defined here, not in run.py,
# so readers of the results (chapters, data pages) need not import Great Expectations.
RESULTS_DIR = PROJECT_DIR / "build" / "validation"

COLUMN_TYPES = ("integer", "number", "date", "string", "boolean")

# Raw CSV cells must look like their declared type before any conversion, so a
# wrong type is reported on its own row instead of silently becoming missing.
TYPE_PATTERNS = {
    "integer": r"^-?[0-9]+$",
    "number": r"^-?[0-9]+(?:\.[0-9]+)?$",
    "date": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "boolean": r"^(?:true|false)$",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    required: bool = True
    minimum: object = None
    maximum: object = None
    allowed: tuple | None = None
    pattern: str | None = None
    unit: str | None = None
    why: str | None = None  # why a bound is set where it is
    references: str | None = None  # "<dataset>.<column>" every value must appear in


@dataclass(frozen=True)
class Codebook:
    name: str
    title: str
    row: str
    primary_key: tuple[str, ...]
    columns: tuple[Column, ...]
    expected_rows: int | None
    sources: tuple[dict, ...] = field(default_factory=tuple)
    notes: str = ""
    # Terms of use, in words a reader can act on: the site's own licence for its coding,
    # and the terms of any third-party material the rows carry.
    licence: str = ""
    licence_summary: str = ""  # a few words for the Data index, e.g. "CC BY 4.0"
    # Where the rows were copied from (repository commits, files): for reviewers, shown
    # folded away on the Data page.
    provenance: str = ""
    # A short name for links to rows ("UPR cycles"); the title if not given.
    short_title: str = ""
    # How a row is named in links to it: a str.format template over the row's columns
    # ("cycle {cycle_number}, {measure}"); the primary-key values if not given.
    row_label: str = ""
    # The columns the Data page previews, each with the header readers see.
    preview: dict = field(default_factory=dict)
    path: Path = DATA_DIR
    # Dataset-specific sections of the codebook (e.g. `measures`), read by its suite.
    extra: dict = field(default_factory=dict)

    @property
    def csv_path(self) -> Path:
        return self.path.parent / f"{self.name}.csv"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


_CORE_KEYS = {
    "name",
    "title",
    "row",
    "primary_key",
    "columns",
    "expected_rows",
    "sources",
    "notes",
    "licence",
    "provenance",
    "short_title",
    "row_label",
    "preview",
}
# What a theme of a keyword coding (upr_recommendations' `themes`) must give: `matches`
# says in plain words what the pattern finds, for readers who do not read regular expressions.
THEME_KEYS = {"label", "sensitive", "pattern", "matches"}


# libyaml's parser where PyYAML was built with it (its wheels are): the same documents,
# read about ten times faster; a build reads every codebook several times.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_codebook(path: Path) -> Codebook:
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    columns = []
    for spec in raw["columns"]:
        if spec["type"] not in COLUMN_TYPES:
            raise ValueError(f"{path}: column {spec['name']!r} has unknown type {spec['type']!r}")
        allowed = spec.get("allowed")
        columns.append(
            Column(
                name=spec["name"],
                type=spec["type"],
                description=spec["description"],
                required=spec.get("required", True),
                minimum=spec.get("minimum"),
                maximum=spec.get("maximum"),
                allowed=tuple(allowed) if allowed is not None else None,
                pattern=spec.get("pattern"),
                unit=spec.get("unit"),
                why=spec.get("why"),
                references=spec.get("references"),
            )
        )
    licence = raw.get("licence") or {}
    if not (str(licence.get("summary", "")).strip() and str(licence.get("terms", "")).strip()):
        raise ValueError(
            f"{path}: `licence` needs a `summary` and `terms` (on what terms may it be reused?)"
        )
    names = {c.name for c in columns}
    unknown = [c for c in raw.get("preview") or {} if c not in names]
    if unknown:
        raise ValueError(f"{path}: `preview` names columns not in the codebook: {unknown}")
    for key, theme in (raw.get("themes") or {}).items():
        missing = THEME_KEYS - set(theme)
        if missing:
            raise ValueError(f"{path}: theme {key!r} lacks {sorted(missing)}")
    return Codebook(
        name=raw["name"],
        title=raw["title"],
        row=raw["row"],
        primary_key=tuple(raw["primary_key"]),
        columns=tuple(columns),
        expected_rows=raw.get("expected_rows"),
        sources=tuple(raw.get("sources", ())),
        notes=raw.get("notes", ""),
        licence=licence["terms"].strip(),
        licence_summary=licence["summary"].strip(),
        provenance=(raw.get("provenance") or "").strip(),
        short_title=raw.get("short_title") or raw["title"],
        row_label=raw.get("row_label") or "",
        preview=dict(raw.get("preview") or {}),
        path=path,
        extra={k: v for k, v in raw.items() if k not in _CORE_KEYS},
    )


def codebooks(data_dir: Path = DATA_DIR) -> list[Codebook]:
    """Every dataset in ``data_dir``, in name order."""
    return [load_codebook(p) for p in sorted(data_dir.glob("*.yml"))]


def read_raw(book: Codebook) -> pd.DataFrame:
    """The CSV exactly as written: every cell a string, empty cells missing."""
    import pandas as pd

    return pd.read_csv(
        book.csv_path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8"
    )


def column_values(data_dir: Path, dataset: str, column: str) -> set[str]:
    """Every value written in one column of another dataset (raw strings, blanks left out)."""
    return set(read_raw(load_codebook(data_dir / f"{dataset}.yml"))[column].dropna())


def to_typed(book: Codebook, raw: pd.DataFrame) -> pd.DataFrame:
    """Cast raw strings to the codebook's types; malformed cells become missing.

    Validation reports malformed cells from the raw frame, so nothing is lost here.
    """
    import pandas as pd

    typed = raw.copy()
    for col in book.columns:
        if col.name not in typed:
            continue
        values = typed[col.name]
        if col.type == "integer":
            typed[col.name] = pd.to_numeric(values, errors="coerce").astype("Int64")
        elif col.type == "number":
            typed[col.name] = pd.to_numeric(values, errors="coerce").astype("Float64")
        elif col.type == "date":
            typed[col.name] = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")
        elif col.type == "boolean":
            typed[col.name] = values.map({"true": True, "false": False}).astype("boolean")
    return typed


def bibliography_keys(path: Path = BIBLIOGRAPHY) -> set[str]:
    return set(bibliography_kinds(path))


def source_kinds(path: Path = SOURCE_KINDS) -> dict[str, dict[str, str]]:
    """The allowed kinds of source, strongest first: each kind's plural and what it covers."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)["kinds"]


def bibliography_kinds(path: Path = BIBLIOGRAPHY) -> dict[str, str]:
    """Each bibliography key's `sourcekind` field ("" where an entry has none)."""
    text = path.read_text(encoding="utf-8")
    kinds = {}
    for entry in re.split(r"^(?=@\w+\{)", text, flags=re.M)[1:]:
        key = re.match(r"@\w+\{([^,\s]+),", entry).group(1)
        kind = re.search(r"^\s*sourcekind\s*=\s*\{([^{}]*)\}", entry, re.M)
        kinds[key] = kind.group(1) if kind else ""
    return kinds


def read_result(name: str, results_dir: Path = RESULTS_DIR) -> dict | None:
    """The latest validation result for a dataset, or None if it was never validated."""
    path = results_dir / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
