"""Rules specific to data/treaty_actions.csv: signatures, ratifications and accessions."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from validation.rules import at_least


def derive(typed: pd.DataFrame, book) -> pd.DataFrame:
    out = typed.copy()
    key = ["state_code", "treaty_code"]
    actions = out.groupby(key)["action"]
    out["signed"] = actions.transform(lambda a: (a == "signature").any())
    out["joined"] = actions.transform(lambda a: a.isin(["ratification", "accession"]).sum())
    signature = out[out["action"] == "signature"].set_index(key)["action_date"]
    out["signature_date"] = out.set_index(key).index.map(signature)
    return out


def expectations(book) -> list:
    return [
        gxe.ExpectColumnValuesToBeInSet(
            column="joined",
            value_set=[0, 1],
            notes="A state becomes party to a treaty once: by ratification or by accession.",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="signed",
            value_set=[True],
            row_condition='action == "ratification"',
            condition_parser="pandas",
            notes="Ratification follows a signature; joining without one is an accession.",
        ),
        at_least(
            "action_date",
            "signature_date",
            "Nothing follows from a signature before it is made.",
        ),
    ]
