"""Rules specific to data/helsinki_groups.csv: citizens' groups monitoring the Final Act."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from validation import dates
from validation.rules import given_together, holds

FATE_FIELDS = ["fate", "fate_date", "fate_source_key"]


def derive(typed: pd.DataFrame, book) -> pd.DataFrame:
    out = typed.copy()
    out["precision_of_founded"] = dates.precision(out["founded"])
    out["fate_fields_given"] = given_together(out, FATE_FIELDS)
    return out


def expectations(book) -> list:
    return [
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A="founded_precision",
            column_B="precision_of_founded",
            notes="The stated precision matches how the founding date is written.",
        ),
        holds(
            "fate_fields_given",
            "A fate is recorded with its date and its source, or not at all.",
        ),
    ]
