"""Expectations every dataset gets from its codebook.

Two frames are checked: the raw CSV (all strings) for shape and type, and the
typed frame for keys, ranges and allowed values. Dataset-specific rules live in
``validation/suites/<dataset>.py``; rules spanning datasets in ``cross_dataset.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import great_expectations.expectations as gxe
import pandas as pd

from validation.codebook import TYPE_PATTERNS, Codebook


@dataclass
class View:
    """A frame derived from a dataset and checked with its own expectations.

    For rules that span rows (e.g. totals per cycle in a long table); `label`
    names a view row in terms of the CSV lines it came from.
    """

    name: str
    frame: pd.DataFrame
    expectations: list
    label: Callable[[int], str]


# Text cells reach readers in tables, tooltips and the explorer. Markup in them is
# refused here (the pages also escape it), so a planted tag, script address or
# character reference never reaches a page: "<" followed by a letter, "/", "!" or "?",
# a "javascript:" address, or an HTML character reference such as "&lt;" or "&#60;".
MARKUP = r"<\s*[A-Za-z/!?]|javascript\s*:|&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z]+);"


def raw_expectations(book: Codebook) -> list:
    """Shape and type checks on the CSV as written."""
    rules = [
        gxe.ExpectTableColumnsToMatchOrderedList(
            column_list=[c.name for c in book.columns],
            notes="The CSV header must match the codebook, column for column.",
        )
    ]
    if book.expected_rows is not None:
        rules.append(
            gxe.ExpectTableRowCountToEqual(
                value=book.expected_rows,
                notes="Expected row count is committed in the codebook so a silent loss or "
                "gain of rows fails the build.",
            )
        )
    for col in book.columns:
        if col.required:
            rules.append(
                gxe.ExpectColumnValuesToNotBeNull(
                    column=col.name, notes="Required by the codebook."
                )
            )
        if col.type == "string":
            rules.append(
                gxe.ExpectColumnValuesToNotMatchRegex(
                    column=col.name,
                    regex=MARKUP,
                    notes="Text is shown to readers as text: no HTML tags, script addresses "
                    "or character references.",
                )
            )
        if col.type in TYPE_PATTERNS:
            rules.append(
                gxe.ExpectColumnValuesToMatchRegex(
                    column=col.name,
                    regex=TYPE_PATTERNS[col.type],
                    notes=f"Declared type is {col.type}.",
                )
            )
    return rules


def typed_expectations(book: Codebook) -> list:
    """Keys, ranges, allowed values and patterns on the typed frame."""
    key = list(book.primary_key)
    if len(key) == 1:
        rules = [
            gxe.ExpectColumnValuesToBeUnique(
                column=key[0], notes="Primary key: one row per key value."
            )
        ]
    else:
        rules = [
            gxe.ExpectCompoundColumnsToBeUnique(
                column_list=key, notes="Primary key: one row per key combination."
            )
        ]
    for col in book.columns:
        if col.minimum is not None or col.maximum is not None:
            rules.append(
                gxe.ExpectColumnValuesToBeBetween(
                    column=col.name,
                    min_value=bound(col.type, col.minimum),
                    max_value=bound(col.type, col.maximum),
                    notes=col.why or "Range declared in the codebook.",
                )
            )
        if col.allowed is not None:
            rules.append(
                gxe.ExpectColumnValuesToBeInSet(
                    column=col.name,
                    value_set=list(col.allowed),
                    notes="Allowed values declared in the codebook.",
                )
            )
        if col.pattern is not None:
            rules.append(
                gxe.ExpectColumnValuesToMatchRegex(
                    column=col.name,
                    regex=col.pattern,
                    notes=col.why or "Pattern declared in the codebook.",
                )
            )
    return rules


def holds(column: str, notes: str) -> gxe.ExpectColumnValuesToBeInSet:
    """Every row satisfies a rule a suite derived as a boolean column."""
    return gxe.ExpectColumnValuesToBeInSet(column=column, value_set=[True], notes=notes)


def at_least(column: str, bound: str, notes: str) -> gxe.ExpectColumnPairValuesAToBeGreaterThanB:
    """Every row's `column` is at least its `bound` column (a later or equal date, a larger
    or equal count); rows missing either value are not judged."""
    return gxe.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A=column,
        column_B=bound,
        or_equal=True,
        ignore_row_if="either_value_is_missing",
        notes=notes,
    )


def given_together(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """True where the columns are all filled or all empty (a value travels with its source)."""
    given = frame[columns].notna()
    return given.all(axis=1) | ~given.any(axis=1)


def bound(column_type: str, value):
    if value is None:
        return None
    if column_type == "date":
        return pd.Timestamp(str(value))
    return value
