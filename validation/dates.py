"""Dates written to the precision their source gives: YYYY-MM-DD, YYYY-MM or YYYY.

Shared by the suites whose datasets record such dates (helsinki_groups,
mongolia_events) and by rules that need the span a date covers (mongolia_phases).
"""

from __future__ import annotations

import pandas as pd

PRECISION_BY_LENGTH = {10: "day", 7: "month", 4: "year"}
# Rolls the first day of a month or year forward to its last day; a day stays itself.
_TO_LAST_DAY = {10: pd.offsets.Day(0), 7: pd.offsets.MonthEnd(0), 4: pd.offsets.YearEnd(0)}


def precision(dates: pd.Series) -> pd.Series:
    """'day', 'month' or 'year', from how each date is written."""
    return dates.str.len().map(PRECISION_BY_LENGTH)


def first_day(dates: pd.Series) -> pd.Series:
    """The first day each date covers; NaT where it is not a real date."""
    return pd.to_datetime(dates, format="mixed", errors="coerce")


def last_day(dates: pd.Series) -> pd.Series:
    """The last day each date covers (the day itself, or the end of its month or year);
    NaT where the date is malformed."""
    roll = dates.str.len().map(_TO_LAST_DAY)  # NaN for a malformed date
    return pd.Series(
        [
            f + r if isinstance(r, pd.DateOffset) else pd.NaT
            for f, r in zip(first_day(dates), roll, strict=True)
        ],
        index=dates.index,
    )
