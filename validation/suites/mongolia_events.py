"""Rules specific to data/mongolia_events.csv: Mongolia's dated events."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

PRECISION_BY_LENGTH = {10: "day", 7: "month", 4: "year"}


def derive(typed: pd.DataFrame, book) -> pd.DataFrame:
    out = typed.copy()
    out["precision_of_date"] = out["date"].str.len().map(PRECISION_BY_LENGTH)
    # A well-formed string can still name a day that does not exist (e.g. 1990-02-30).
    out["date_is_real"] = pd.to_datetime(out["date"], format="mixed", errors="coerce").notna()
    return out


def expectations(book) -> list:
    return [
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A="date_precision",
            column_B="precision_of_date",
            notes="The stated precision matches how the date is written.",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="date_is_real",
            value_set=[True],
            notes="Every date is a real calendar date.",
        ),
    ]
