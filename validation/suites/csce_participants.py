"""Rules specific to data/csce_participants.csv: the signatories and their alignment in 1975.

An alignment travels with its source; and the Warsaw Pact states here are exactly the
states whose transitions eastern_bloc_transitions records, so the two lists cannot drift.
"""

from __future__ import annotations

import pandas as pd

from validation.codebook import Codebook, column_values
from validation.rules import given_together, holds

TRANSITIONS = "eastern_bloc_transitions"


def derive(typed: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    out = typed.copy()
    out["alignment_sourced"] = given_together(
        out, ["alignment_1975", "alignment_source_key", "alignment_source_locator"]
    )
    bloc = column_values(book.path.parent, TRANSITIONS, "state_code")
    # Both directions: a pact member without a transition row, or a transition row
    # for a state not coded as a pact member, shows on that state's row.
    out["pact_as_transitions"] = (out["alignment_1975"] == "warsaw_pact").fillna(False) == out[
        "state_code"
    ].isin(bloc)
    return out


def expectations(book: Codebook) -> list:
    return [
        holds(
            "alignment_sourced",
            "An alignment comes with its source and locator, and a source with an alignment.",
        ),
        holds(
            "pact_as_transitions",
            f"The Warsaw Pact states here are exactly the states in {TRANSITIONS}.csv.",
        ),
    ]
