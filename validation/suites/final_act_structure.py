"""Rules specific to data/final_act_structure.csv: the Final Act's principles and parts."""

from __future__ import annotations

import pandas as pd

from validation.codebook import Codebook
from validation.rules import given_together, holds

NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
SECURITY = "part_security"


def derive(typed: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    out = typed.copy()
    principle = out["item_kind"] == "principle"
    # A principle has its numeral and its part, and its identifier counts as its numeral
    # does; a part has neither.
    expected = "principle_" + out["numeral"].map(
        lambda n: f"{NUMERALS.index(n) + 1:02d}" if n in NUMERALS else ""
    )
    out["principle_numbered"] = (
        principle & out["numeral"].notna() & out["part_id"].notna() & (out["item_id"] == expected)
    ) | (
        ~principle
        & out["numeral"].isna()
        & out["part_id"].isna()
        & out["item_id"].str.startswith("part_")
    )
    # The Declaration on Principles is item 1 (a) of the Act's part on security in Europe.
    out["principle_in_security_part"] = ~principle | (out["part_id"] == SECURITY)
    parts = set(out.loc[~principle, "item_id"])
    out["part_is_a_part"] = out["part_id"].isna() | out["part_id"].isin(parts)
    for seed in ("seed001", "seed004"):
        out[f"{seed}_sourced"] = given_together(
            out, [f"{seed}_words", f"{seed}_source_key", f"{seed}_locator"]
        )
    return out


def expectations(book: Codebook) -> list:
    return [
        holds(
            "principle_numbered",
            "A principle has its numeral, its part and the identifier its numeral gives "
            "(principle_07 for VII); a part has neither numeral nor part, and an identifier "
            "starting part_.",
        ),
        holds("part_is_a_part", "A principle belongs to a row that is a part, not a principle."),
        holds(
            "principle_in_security_part",
            "Every principle belongs to the part on security in Europe, whose item 1 (a) the "
            "Declaration on Principles is.",
        ),
        holds(
            "seed001_sourced",
            "Park's words come with the source's key and paragraph, and never without words.",
        ),
        holds(
            "seed004_sourced",
            "Mansourov's words come with the source's key and paragraph, and never without words.",
        ),
    ]
