"""Rules specific to data/upr_reviewers.csv: the recommending States' attributes.

A sanctions date comes with its source and locator and is a real calendar date;
every State that made a recommendation has a row (the reverse reference is
checked from upr_recommendations.state_code).
"""

from __future__ import annotations

import pandas as pd

from validation import dates
from validation.codebook import Codebook, column_values
from validation.rules import given_together, holds

RECOMMENDATIONS = "upr_recommendations"


def derive(typed: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    out = typed.copy()
    out["sanctions_sourced"] = given_together(
        out, ["own_sanctions_from", "sanctions_source_key", "sanctions_locator"]
    )
    written = out["own_sanctions_from"]
    out["sanctions_date_real"] = dates.first_day(written).notna() | written.isna()
    recommending = column_values(book.path.parent, RECOMMENDATIONS, "state_code")
    out["recommended"] = out["state_code"].isin(recommending)
    return out


def expectations(book: Codebook) -> list:
    return [
        holds(
            "sanctions_sourced",
            "A sanctions date comes with its source and locator, and never one without it.",
        ),
        holds(
            "sanctions_date_real",
            "A sanctions date is a real calendar date at its stated precision.",
        ),
        holds(
            "recommended",
            f"Every State listed made at least one recommendation in {RECOMMENDATIONS}.",
        ),
    ]
