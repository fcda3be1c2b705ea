"""Derive data/unga_voting_agreement.csv from the unvotes package's data files.

Not part of the build: the build reads only the CSV this writes. A reviewer re-derives it
from the package's two R data files at the commit the codebook names:

    git clone https://github.com/dgrtwo/unvotes && git -C unvotes checkout 7eb7034
    uv run --with pyreadr==0.5.8 --with pandas==3.1.1 \
        python derive/unga_voting_agreement.py unvotes/data

and `git diff data/unga_voting_agreement.csv` shows nothing if the rows hold.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parent.parent / "data"
OUT = DATA / "unga_voting_agreement.csv"
STATES = DATA / "upr_dprk_as_reviewer.csv"
WINDOW = ("2008-01-01", "2014-12-31")  # the codebook's `window`
DPRK = "KP"
# The site's coding: ISO alpha-3 (the States the DPRK reviewed) to the alpha-2 codes the
# package gives in `country_code`.
ALPHA2 = {
    "AGO": "AO", "BLR": "BY", "BOL": "BO", "BTN": "BT", "CAN": "CA", "CHN": "CN",
    "COD": "CD", "CUB": "CU", "CZE": "CZ", "DEU": "DE", "DOM": "DO", "DZA": "DZ",
    "ECU": "EC", "EGY": "EG", "ETH": "ET", "IRN": "IR", "ISR": "IL", "JPN": "JP",
    "KAZ": "KZ", "KGZ": "KG", "KHM": "KH", "KOR": "KR", "LAO": "LA", "LBY": "LY",
    "LKA": "LK", "MMR": "MM", "MYS": "MY", "NIC": "NI", "OMN": "OM", "PAK": "PK",
    "QAT": "QA", "RUS": "RU", "SDN": "SD", "SGP": "SG", "SLV": "SV", "SYR": "SY",
    "TKM": "TM", "USA": "US", "VEN": "VE", "VNM": "VN", "ZWE": "ZW",
}  # fmt: skip


def agreement(votes: pd.DataFrame, roll_calls: pd.DataFrame, states: list[str]) -> pd.DataFrame:
    """Per State (alpha-3): the roll calls dated in WINDOW on which both it and the DPRK
    voted (the package keeps only yes, abstain and no), and how many of them alike."""
    dated = pd.to_datetime(roll_calls["date"])
    in_window = roll_calls.loc[dated.between(*WINDOW), "rcid"]
    votes = votes[votes["rcid"].isin(in_window)].assign(vote=lambda v: v["vote"].astype(str))
    dprk = votes.loc[votes["country_code"] == DPRK, ["rcid", "vote"]]
    rows = []
    for code in states:
        alpha2 = ALPHA2[code]
        own = votes[votes["country_code"] == alpha2]
        both = own.merge(dprk, on="rcid", suffixes=("", "_dprk"))
        rows.append(
            {
                "state_code": code,
                "state_name": own["country"].iloc[0],
                "unvotes_code": alpha2,
                "roll_calls": len(both),
                "identical_votes": int((both["vote"] == both["vote_dprk"]).sum()),
                "source_key": "unvotes",
                "source_locator": (
                    f"data/un_votes.rda, rows with country_code {alpha2} or {DPRK}, on the "
                    f"roll calls of data/un_roll_calls.rda dated {WINDOW[0]} to {WINDOW[1]}"
                ),
            }
        )
    return pd.DataFrame(rows)


def main(package_data: Path) -> None:
    import pyreadr  # only the derivation needs it, not the build

    votes = pyreadr.read_r(package_data / "un_votes.rda")["un_votes"]
    roll_calls = pyreadr.read_r(package_data / "un_roll_calls.rda")["un_roll_calls"]
    states = sorted(pd.read_csv(STATES)["state_code"].unique())
    agreement(votes, roll_calls, states).to_csv(OUT, index=False, lineterminator="\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
