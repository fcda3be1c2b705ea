"""The three cases side by side: the cross-case phase coding and the instruments used."""

from __future__ import annotations

import altair as alt
import pandas as pd

from casebook import datasets
from casebook.charts import FILL, scale
from casebook.mongolia import DATE_FORMAT, PHASES, phase_fill
from casebook.site import bibliography, rows
from casebook.theme import (
    finish,
    zoom,
)
from validation import dates
from validation.evidence import cited_ids

CASES = {"mongolia": "Mongolia", "dprk": "DPRK", "eastern_bloc": "Warsaw Pact states"}
INSTRUMENTS = {
    "engagement": "Engagement",
    "pressure": "Pressure",
    "sanctions": "Sanctions",
    "review": "Review",
}


def periods() -> pd.DataFrame:
    return datasets.load("spiral_periods")


def instruments() -> pd.DataFrame:
    return datasets.load("case_instruments")


def period_sources(periods: pd.DataFrame) -> pd.DataFrame:
    """Every source the coding cites (boundary dates and published readings), as a
    `source_key` column for source notes."""
    keys = pd.concat(
        [periods[c] for c in ("source_key", "end_source_key", "reading_source_key")]
    ).dropna()
    return pd.DataFrame({"source_key": keys.drop_duplicates().tolist()})


def lanes() -> pd.DataFrame:
    """The timeline's lanes in the codebook's order: code, case, label."""
    return pd.DataFrame(datasets.codebook("spiral_periods").extra["lanes"])


def period_spans(periods: pd.DataFrame, until: pd.Timestamp) -> pd.DataFrame:
    """One span per period, labelled for the chart; an open period runs to `until`."""
    lane = lanes().set_index("code")
    return pd.DataFrame(
        {
            "period_id": periods["period_id"],
            "unit": periods["unit"].map(lane["label"]),
            "case": periods["case"].map(CASES),
            "phase": periods["phase"].map(PHASES),
            "start": periods["start_date"],
            "end": periods["end_date"].fillna(until),
            "when": periods["start_date"].dt.strftime(DATE_FORMAT["day"])
            + " – "
            + periods["end_date"].dt.strftime(DATE_FORMAT["day"]).fillna("today"),
            "basis": periods["basis"],
            # The rows cited, named for readers (the chart's tooltip); the table links them.
            "evidence": cited_ids(periods).map(lambda ids: "; ".join(map(rows.label, ids))),
        }
    )


def evidence_links(periods: pd.DataFrame) -> pd.Series:
    """Per period, links to the rows it cites on their Data pages, for a Markdown table."""
    return cited_ids(periods).map(lambda ids: "; ".join(map(rows.link, ids)))


def instrument_points(instruments: pd.DataFrame) -> pd.DataFrame:
    """One point per instrument at the first day its date covers, with the date as written."""
    when = dates.first_day(instruments["date"])
    precision = dates.precision(instruments["date"])
    return pd.DataFrame(
        {
            "instrument_id": instruments["instrument_id"],
            "case": instruments["case"].map(CASES),
            "instrument": instruments["instrument"].map(INSTRUMENTS),
            "date": when,
            "when": [d.strftime(DATE_FORMAT[p]) for d, p in zip(when, precision, strict=True)],
            "actor": instruments["actor"],
            "label": instruments["label"],
            "source": bibliography.cite_rows(
                instruments["source_key"], instruments["source_locator"]
            ),
        }
    )


def instrument_counts(instruments: pd.DataFrame) -> pd.DataFrame:
    """Instruments recorded per case and kind, with first and last year, for a table."""
    years = dates.first_day(instruments["date"]).dt.year
    frame = instruments.assign(year=years)
    rows = []
    for case, label in CASES.items():
        for kind, kind_label in INSTRUMENTS.items():
            chosen = frame[(frame["case"] == case) & (frame["instrument"] == kind)]
            rows.append(
                {
                    "Case": label,
                    "Instrument": kind_label,
                    "Recorded": len(chosen),
                    "Years": (
                        "—"
                        if chosen.empty
                        else f"{chosen['year'].min()}–{chosen['year'].max()}"
                        if chosen["year"].nunique() > 1
                        else f"{chosen['year'].min()}"
                    ),
                }
            )
    return pd.DataFrame(rows)


def recorded_before(instruments: pd.DataFrame, case: str, day: pd.Timestamp) -> dict[str, int]:
    """How many instruments of each kind the data record for a case certainly before a day
    (a date known only to the month or year counts if the whole of it is earlier)."""
    ends = dates.last_day(instruments["date"])
    chosen = instruments[(instruments["case"] == case) & (ends < day)]
    return {kind: int((chosen["instrument"] == kind).sum()) for kind in INSTRUMENTS}


def years_in_phase(periods: pd.DataFrame, phase: str) -> pd.Series:
    """Length in years of each closed period in a phase, by unit."""
    closed = periods[(periods["phase"] == phase) & periods["end_date"].notna()]
    length = (closed["end_date"] - closed["start_date"]).dt.days / 365.25
    return pd.Series(length.to_numpy(), index=closed["unit"].to_numpy())


def first_concessions(periods: pd.DataFrame, case: str) -> pd.DataFrame:
    """The tactical-concessions periods of a case's states, in start order (states that
    made no formal concession have none)."""
    chosen = periods[(periods["case"] == case) & (periods["phase"] == "tactical_concessions")]
    return chosen.sort_values("start_date")


def months_between(earlier: str, later: pd.Timestamp) -> int:
    """Whole months from the first day a written date covers to a later day."""
    start = dates.first_day(pd.Series([earlier])).iat[0]
    return round((later - start).days / 30.44)


# ---- Chart ----

# Okabe-Ito, distinct from the phase fills behind them.
INSTRUMENT_COLOURS = {
    "Engagement": "#0072B2",
    "Pressure": "#D55E00",
    "Sanctions": "#000000",
    "Review": "#009E73",
}


INSTRUMENT_SHAPES = {
    "Engagement": "circle",
    "Pressure": "triangle-up",
    "Sanctions": "cross",
    "Review": "square",
}


def spiral_comparison(spans: pd.DataFrame, points: pd.DataFrame) -> alt.VConcatChart:
    """Phase bars per state above instrument marks per case, on one time axis.

    `spans` is casebook.comparison.period_spans(), `points` casebook.comparison.
    instrument_points(). Zooming either panel zooms both; the legend filters kinds.
    """
    lanes = list(dict.fromkeys(spans["unit"]))
    cases = list(dict.fromkeys(points["case"]))
    kinds = [k for k in INSTRUMENT_COLOURS if k in set(points["instrument"])]
    # Both panels name their time "date", so the zoom binds to one field in both.
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%Y"))
    # Rects, not bars: a rect fills its lane's band whatever the theme's bar size.
    spans = spans.rename(columns={"start": "date"}).assign(part="Spiral-model period")
    points = points.assign(part="Instrument")
    bars = (
        alt.Chart(spans)
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(
            x=x,
            x2="end:T",
            y=alt.Y("unit:N", title=None, sort=lanes),
            fill=phase_fill(spans["phase"]),
            tooltip=[
                alt.Tooltip("unit:N", title="State"),
                alt.Tooltip("phase:N", title="Phase"),
                alt.Tooltip("when:N", title="Period"),
                alt.Tooltip("basis:N", title="Basis"),
                alt.Tooltip("evidence:N", title="Evidence"),
            ],
        )
        .properties(width=FILL, height=alt.Step(22))
    )
    kind = alt.selection_point(fields=["instrument"], bind="legend")
    marks = (
        alt.Chart(points)
        .mark_point(filled=True, size=70, opacity=0.85)
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y")),
            y=alt.Y("case:N", title=None, sort=cases),
            yOffset=alt.YOffset("instrument:N", sort=kinds),
            color=alt.Color(
                "instrument:N",
                title="Instrument (click to filter)",
                scale=scale({k: INSTRUMENT_COLOURS[k] for k in kinds}),
                legend=alt.Legend(orient="bottom"),
            ),
            shape=alt.Shape(
                "instrument:N", scale=scale({k: INSTRUMENT_SHAPES[k] for k in kinds}), legend=None
            ),
            opacity=alt.condition(kind, alt.value(0.9), alt.value(0.1)),
            tooltip=[
                alt.Tooltip("label:N", title="What"),
                alt.Tooltip("instrument:N", title="Instrument"),
                alt.Tooltip("actor:N", title="By"),
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("source:N", title="Source"),
            ],
        )
        .add_params(kind)
        .properties(width=FILL, height=220)
    )
    in_time = zoom()
    chart = alt.vconcat(
        bars.add_params(in_time), marks.add_params(in_time), spacing=8
    ).resolve_scale(x="shared", color="independent")
    return finish(
        chart,
        _comparison_description(spans, points),
        zoomable=True,
    )


def _comparison_description(spans: pd.DataFrame, points: pd.DataFrame) -> str:
    periods = "; ".join(
        f"{unit}: " + ", ".join(f"{r.phase} {r.when}" for r in rows.itertuples())
        for unit, rows in spans.groupby("unit", sort=False)
    )
    counts = "; ".join(
        f"{case}: "
        + ", ".join(f"{n} {kind.lower()}" for kind, n in rows["instrument"].value_counts().items())
        for case, rows in points.groupby("case", sort=False)
    )
    return (
        "Timeline comparing the three cases. Above, this site's spiral-model coding per state: "
        f"{periods}. Below, instruments recorded per case: {counts}."
    )
