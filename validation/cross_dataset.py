"""Rules that tie a dataset to something outside it: the bibliography and other datasets."""

from __future__ import annotations

import great_expectations.expectations as gxe

from validation.codebook import Codebook, column_values

SOURCE_KEY_SUFFIX = "source_key"


def expectations(
    book: Codebook, bibliography_keys: set[str], classified_keys: set[str] = frozenset()
) -> list:
    """`classified_keys`: the bibliography keys whose `sourcekind` is an allowed kind."""
    rules = []
    for column in book.columns:
        # Every source key, including secondary ones such as fate_source_key.
        if column.name.endswith(SOURCE_KEY_SUFFIX):
            rules.append(
                gxe.ExpectColumnValuesToBeInSet(
                    column=column.name,
                    value_set=sorted(bibliography_keys),
                    notes="Every source cited exists in references.bib.",
                )
            )
            rules.append(
                gxe.ExpectColumnValuesToBeInSet(
                    column=column.name,
                    value_set=sorted(classified_keys),
                    notes=(
                        "Every source cited is classed in references.bib (its sourcekind) "
                        "under one of the kinds listed in source_kinds.yml."
                    ),
                )
            )
        if column.references:
            dataset, target = column.references.split(".")
            rules.append(
                gxe.ExpectColumnValuesToBeInSet(
                    column=column.name,
                    value_set=sorted(column_values(book.path.parent, dataset, target)),
                    notes=f"Every value is a {target} in {dataset}.csv.",
                )
            )
    return rules
