"""Rules specific to data/vdem_democracy.csv: a row-for-row subset of V-Dem's index.

Per row, the estimate lies inside its own bounds and the locator names a source row.
Per country unit (the codebook's `units`), the series runs without gaps from the
declared first year to the last, in the source file's own row order, and every
Warsaw Pact state in eastern_bloc_transitions has a unit to set beside it.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from validation.codebook import Codebook, column_values
from validation.rules import View, holds

TRANSITIONS = "eastern_bloc_transitions"
PARTICIPANTS = "csce_participants"
LOCATOR = r"^inst/ert\.csv row numbered [0-9]+$"
ROW_NUMBER = r"([0-9]+)$"


def units(book: Codebook) -> pd.DataFrame:
    """The codebook's country units, indexed by V-Dem code."""
    return pd.DataFrame(book.extra["units"]).set_index("code")


def derive(typed: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    out = typed.copy()
    low, mid, high = (
        out["v2x_polyarchy_codelow"],
        out["v2x_polyarchy"],
        out["v2x_polyarchy_codehigh"],
    )
    out["estimate_within_bounds"] = ((low <= mid) & (mid <= high)).fillna(False)
    out["unit_declared"] = out["country_code"].isin(units(book).index)
    return out


def expectations(book: Codebook) -> list:
    return [
        holds(
            "estimate_within_bounds",
            "The index lies between its lower and upper bound.",
        ),
        holds(
            "unit_declared",
            "Every country unit is one the codebook lists under `units`.",
        ),
        gxe.ExpectColumnValuesToMatchRegex(
            column="source_locator",
            regex=LOCATOR,
            notes="The locator names the row of inst/ert.csv the values were read from.",
        ),
        gxe.ExpectColumnValuesToBeUnique(
            column="source_locator",
            notes="No source row is used twice.",
        ),
    ]


def views(typed: pd.DataFrame, book: Codebook) -> list:
    declared = units(book)
    source_row = typed["source_locator"].str.extract(ROW_NUMBER)[0].astype("Int64")
    # In the source file a unit's years are consecutive rows, so row number minus
    # year is constant within a unit: a row taken from elsewhere breaks it.
    offsets = (source_row - typed["year"]).groupby(typed["country_code"]).nunique()
    years = typed.groupby("country_code")["year"]
    per_unit = declared.reset_index()[["code", "state_code", "first_year", "last_year"]]
    per_unit["rows"] = per_unit["code"].map(years.size()).fillna(0).astype(int)
    per_unit["expected_rows"] = per_unit["last_year"] - per_unit["first_year"] + 1
    per_unit["min_year"] = per_unit["code"].map(years.min()).astype("Int64")
    per_unit["max_year"] = per_unit["code"].map(years.max()).astype("Int64")
    per_unit["source_offsets"] = per_unit["code"].map(offsets).fillna(0).astype(int)

    data_dir = book.path.parent
    bloc = column_values(data_dir, TRANSITIONS, "state_code")
    participants = column_values(data_dir, PARTICIPANTS, "state_code")
    per_unit["state_known"] = per_unit["state_code"].isin(participants | {"MNG", "PRK"})

    rules = [
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A="rows",
            column_B="expected_rows",
            notes="A unit has one row for every year from its first year to its last.",
        ),
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A="min_year",
            column_B="first_year",
            notes="A unit's series starts in the first year the codebook declares.",
        ),
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A="max_year",
            column_B="last_year",
            notes="A unit's series ends in its declared last year.",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="source_offsets",
            value_set=[1],
            notes="A unit's rows are consecutive rows of the source file, in year order.",
        ),
        holds(
            "state_known",
            f"Each unit is paired with Mongolia, the DPRK or a state in {PARTICIPANTS}.",
        ),
    ]

    def label(row: int) -> str:
        return f"unit {per_unit.at[row, 'code']} (all its rows)"

    states = pd.DataFrame({"state_code": sorted(bloc)})
    states["has_unit"] = states["state_code"].isin(per_unit["state_code"])
    bloc_rules = [
        holds(
            "has_unit",
            f"Every Warsaw Pact state in {TRANSITIONS} has a unit to set beside it.",
        )
    ]

    def bloc_label(row: int) -> str:
        return f"state {states.at[row, 'state_code']} of {TRANSITIONS}.csv"

    return [
        View("series per unit", per_unit, rules, label),
        View("Warsaw Pact states", states, bloc_rules, bloc_label),
    ]
