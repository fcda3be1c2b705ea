"""V-Dem's electoral democracy index, shaped for charts that share a time axis with events."""

from __future__ import annotations

import altair as alt
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


# ---- Chart layers ----

INDEX_COLOUR = "#333333"


def index_layers(
    index: pd.DataFrame | None,
    tick_years: list[int] | None = None,
    y_title: tuple[str, ...] | None = ("Electoral democracy", "index (V-Dem)"),
) -> list[alt.Chart]:
    """V-Dem's estimate as a line inside its uncertainty band, on a 0-1 axis.

    Without `index` the layers take their data from the chart they are layered in.
    """
    ticks = [alt.DateTime(year=y) for y in tick_years] if tick_years else alt.Undefined
    base = (alt.Chart() if index is None else alt.Chart(index)).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", values=ticks)),
        tooltip=[
            alt.Tooltip("unit:N", title="Country"),
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("v2x_polyarchy:Q", title="Electoral democracy index", format=".3f"),
            alt.Tooltip("interval:N", title="Uncertainty interval"),
            alt.Tooltip("regime:N", title="Regimes of the World"),
        ],
    )
    y = alt.Y(
        "v2x_polyarchy_codelow:Q",
        title=list(y_title) if y_title else None,
        scale=alt.Scale(domain=[0, 1]),
        axis=alt.Axis(values=[0, 0.25, 0.5, 0.75, 1]),
    )
    band = base.mark_area(color=INDEX_COLOUR, opacity=0.25).encode(
        y=y, y2="v2x_polyarchy_codehigh:Q"
    )
    line = base.mark_line(color=INDEX_COLOUR, strokeWidth=2).encode(y="v2x_polyarchy:Q")
    return [band, line]


def index_summary(index: pd.DataFrame) -> str:
    """The index at a few turning points, for text alternatives."""
    years = sorted({index["year"].min(), 1975, 1989, 1990, 1991, index["year"].max()})
    values = index.set_index("year")["v2x_polyarchy"]
    return ", ".join(f"{y} {values[y]:.2f}" for y in years if y in values.index)
