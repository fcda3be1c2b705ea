"""Rules specific to data/eastern_bloc_openings.csv: one first concession per state.

Every Warsaw Pact state in eastern_bloc_transitions has a row, and each concession
comes before that state's first free election or dissolution.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from validation.codebook import Codebook, load_codebook, read_raw
from validation.rules import View, holds

TRANSITIONS = "eastern_bloc_transitions"


def expectations(book: Codebook) -> list:
    return []  # the per-row rules all come from the codebook


def views(typed: pd.DataFrame, book: Codebook) -> list:
    ends = read_raw(load_codebook(book.path.parent / f"{TRANSITIONS}.yml")).set_index("state_code")
    end_date = pd.to_datetime(ends["event_date"], format="%Y-%m-%d", errors="coerce")
    by_state = typed.set_index("state_code")["event_date"]
    per_state = pd.DataFrame({"state_code": list(ends.index)})
    per_state["has_row"] = per_state["state_code"].isin(by_state.index)
    opened = per_state["state_code"].map(by_state)
    per_state["before_transition"] = (opened < per_state["state_code"].map(end_date)).where(
        opened.notna(), True
    )
    rules = [
        holds("has_row", f"Every state in {TRANSITIONS}.csv has its first concession recorded."),
        holds(
            "before_transition",
            f"The concession comes before the state's first free election or dissolution "
            f"({TRANSITIONS}.csv).",
        ),
        gxe.ExpectColumnValuesToBeUnique(column="state_code", notes="One state per row."),
    ]
    return [
        View(
            f"states in {TRANSITIONS}",
            per_state,
            rules,
            lambda row: f"state_code={per_state.at[row, 'state_code']}",
        )
    ]
