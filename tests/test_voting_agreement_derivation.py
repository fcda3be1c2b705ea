"""The script that derives data/unga_voting_agreement.csv counts what its codebook says:
roll calls in the window on which both States voted, and those they voted alike."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd

from casebook.dprk import reviewer

SCRIPT = Path(__file__).resolve().parent.parent / "derive" / "unga_voting_agreement.py"


def derivation():
    spec = importlib.util.spec_from_file_location("unga_voting_agreement", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_counts_only_roll_calls_in_the_window_that_both_voted_on():
    script = derivation()
    roll_calls = pd.DataFrame(
        {"rcid": [1, 2, 3, 4, 5], "date": ["2007-12-31", "2008-01-01", "2010-06-01",
                                           "2014-12-31", "2015-01-01"]}
    )  # fmt: skip
    votes = pd.DataFrame(
        [
            (1, "Cuba", "CU", "yes"), (1, "North Korea", "KP", "yes"),  # before the window
            (2, "Cuba", "CU", "yes"), (2, "North Korea", "KP", "yes"),  # alike
            (3, "Cuba", "CU", "no"), (3, "North Korea", "KP", "abstain"),  # not alike
            (4, "Cuba", "CU", "abstain"),  # the DPRK did not vote
            (5, "Cuba", "CU", "no"), (5, "North Korea", "KP", "no"),  # after the window
        ],
        columns=["rcid", "country", "country_code", "vote"],
    )  # fmt: skip
    [row] = script.agreement(votes, roll_calls, ["CUB"]).to_dict("records")
    assert row["roll_calls"] == 2 and row["identical_votes"] == 1
    assert row["state_name"] == "Cuba" and row["unvotes_code"] == "CU"
    assert row["source_locator"].endswith("dated 2008-01-01 to 2014-12-31")


def test_the_script_and_the_codebook_name_the_same_years_and_states():
    script = derivation()
    years = reviewer.window()
    assert script.WINDOW == (years["first"], years["last"])
    rows = reviewer.agreement()
    assert dict(zip(rows["state_code"], rows["unvotes_code"], strict=True)) == {
        code: script.ALPHA2[code] for code in rows["state_code"]
    }
    assert set(script.ALPHA2) == set(reviewer.load()["state_code"])
