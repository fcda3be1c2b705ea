"""Rules specific to data/mongolia_events.csv: Mongolia's dated events."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from validation import dates
from validation.rules import holds


def derive(typed: pd.DataFrame, book) -> pd.DataFrame:
    out = typed.copy()
    out["precision_of_date"] = dates.precision(out["date"])
    # A well-formed string can still name a day that does not exist (e.g. 1990-02-30).
    out["date_is_real"] = dates.first_day(out["date"]).notna()
    return out


def expectations(book) -> list:
    return [
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A="date_precision",
            column_B="precision_of_date",
            notes="The stated precision matches how the date is written.",
        ),
        holds(
            "date_is_real",
            "Every date is a real calendar date.",
        ),
    ]
