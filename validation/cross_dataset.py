"""Rules that tie a dataset to something outside it (the bibliography, other datasets)."""

from __future__ import annotations

import great_expectations.expectations as gxe

from validation.codebook import Codebook

SOURCE_KEY_COLUMN = "source_key"


def expectations(book: Codebook, bibliography_keys: set[str]) -> list:
    rules = []
    if any(c.name == SOURCE_KEY_COLUMN for c in book.columns):
        rules.append(
            gxe.ExpectColumnValuesToBeInSet(
                column=SOURCE_KEY_COLUMN,
                value_set=sorted(bibliography_keys),
                notes="Every row cites a source that exists in references.bib.",
            )
        )
    return rules
