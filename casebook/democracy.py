"""V-Dem's electoral democracy index, shaped for charts that share a time axis with events."""

from __future__ import annotations

import pandas as pd

from casebook import datasets

NAME = "vdem_democracy"
REGIMES = {
    0: "Closed autocracy",
    1: "Electoral autocracy",
    2: "Electoral democracy",
    3: "Liberal democracy",
}


def units() -> pd.DataFrame:
    """The codebook's country units: code, label, state_code, first_year."""
    return pd.DataFrame(datasets.codebook(NAME).extra["units"]).set_index("code")


def codes_for(state_codes) -> list[str]:
    """The units set beside the given states, in the codebook's order."""
    table = units()
    return list(table.index[table["state_code"].isin(set(state_codes))])


def series(codes: list[str] | None = None) -> pd.DataFrame:
    """One row per unit and year, in the order of `codes` (default: the codebook's).

    V-Dem scores a year as of its last day, so each point sits on 31 December: the
    value for 1990 is drawn after the events of 1990, not before them.
    """
    table = units()
    codes = list(table.index) if codes is None else codes
    frame = datasets.load(NAME)
    frame = frame[frame["country_code"].isin(codes)].copy()
    frame["unit"] = frame["country_code"].map(table["label"])
    frame["state_code"] = frame["country_code"].map(table["state_code"])
    frame["date"] = pd.to_datetime(frame["year"].astype(str) + "-12-31")
    frame["regime"] = frame["v2x_regime"].map(REGIMES)
    frame["interval"] = (
        frame["v2x_polyarchy_codelow"].map("{:.3f}".format)
        + " to "
        + frame["v2x_polyarchy_codehigh"].map("{:.3f}".format)
    )
    frame["order"] = frame["country_code"].map({code: i for i, code in enumerate(codes)})
    return frame.sort_values(["order", "year"]).drop(columns="order").reset_index(drop=True)


def first_democratic_year(series: pd.DataFrame, after: int) -> int:
    """The first year after `after` that Regimes of the World classes as a democracy
    (electoral or liberal), in one unit's series."""
    return int(series.loc[(series["year"] > after) & (series["v2x_regime"] >= 2), "year"].min())
