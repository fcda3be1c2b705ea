"""Rules specific to data/mongolia_fpc.csv: human rights in the 1994 and 2011 Concepts."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd


def derive(typed: pd.DataFrame, book) -> pd.DataFrame:
    out = typed.copy()
    # A pillar is one pillar in both Concepts: the same number always carries the same name.
    out["names_for_number"] = out.groupby("pillar_number")["pillar"].transform("nunique")
    out["concepts_for_number"] = out.groupby("pillar_number")["concept_year"].transform("nunique")
    return out


def expectations(book) -> list:
    return [
        gxe.ExpectColumnValuesToBeInSet(
            column="names_for_number",
            value_set=[1],
            notes="Each pillar number has one name in both Concepts.",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="concepts_for_number",
            value_set=[2],
            notes="Every pillar is coded for both the 1994 and the 2011 Concept.",
        ),
    ]
