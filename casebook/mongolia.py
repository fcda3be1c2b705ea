"""Mongolia's case shaped for chapters: dated events, spiral-model phases, treaty actions."""

from __future__ import annotations

import altair as alt
import pandas as pd

from casebook import datasets
from casebook.charts import FILL, scale
from casebook.democracy import index_layers, index_summary
from casebook.site import bibliography
from casebook.theme import (
    PHASE_COLOURS,
    SHADE_OPACITY,
    finish,
    zoom,
)

EVENT_TYPES = {
    "political": "Political",
    "legal": "Legal",
    "treaty": "Treaty",
    "international": "International",
}
PHASES = {
    "repression": "1 Repression",
    "denial": "2 Denial",
    "tactical_concessions": "3 Tactical concessions",
    "prescriptive_status": "4 Prescriptive status",
    "rule_consistent_behaviour": "5 Rule-consistent behaviour",
}
DATE_FORMAT = {"day": "%-d %B %Y", "month": "%B %Y", "year": "%Y"}


def events() -> pd.DataFrame:
    return datasets.load("mongolia_events")


def phases() -> pd.DataFrame:
    return datasets.load("mongolia_phases")


def foreign_policy_concepts() -> pd.DataFrame:
    return datasets.load("mongolia_fpc")


def treaty_actions() -> pd.DataFrame:
    return datasets.load("treaty_actions")


def event_points(events: pd.DataFrame) -> pd.DataFrame:
    """One point per event, placed at the start of its date's period.

    The `when` label carries the date's precision, so an event known only to the
    year is never shown as if it had a day.
    """
    when = pd.to_datetime(events["date"], format="mixed")
    return pd.DataFrame(
        {
            "event_id": events["event_id"],
            "date": when,
            "when": [
                d.strftime(DATE_FORMAT[p])
                for d, p in zip(when, events["date_precision"], strict=True)
            ],
            "type": events["event_type"].map(EVENT_TYPES),
            "label": events["label"],
            "source": bibliography.cite_rows(events["source_key"], events["source_locator"]),
        }
    )


def phase_spans(phases: pd.DataFrame, until: pd.Timestamp) -> pd.DataFrame:
    """Phases as spans; an open phase (no end yet) runs to `until`."""
    end = phases["end_date"].fillna(until)
    return pd.DataFrame(
        {
            "phase": phases["phase"].map(PHASES),
            "start": phases["start_date"],
            "end": end,
            "when": phases["start_date"].dt.strftime("%Y")
            + "–"
            + phases["end_date"].dt.strftime("%Y").fillna("today"),
            "basis": phases["basis"],
        }
    )


STATE_NAMES = {"MNG": "Mongolia", "PRK": "DPRK"}
ACTION_GROUPS = {
    "signature": "Signature",
    "ratification": "Ratification or accession",
    "accession": "Ratification or accession",
}


def treaty_names() -> dict[str, str]:
    """Treaty code to full name, in the order the chart and table show them (codebook)."""
    return datasets.codebook("treaty_actions").extra["treaties"]


def treaty_points(actions: pd.DataFrame) -> pd.DataFrame:
    """Treaty actions for the chart, treaties in the codebook's order, named in full."""
    names = treaty_names()
    order = {code: i for i, code in enumerate(names)}
    out = pd.DataFrame(
        {
            "state": actions["state_code"].map(STATE_NAMES),
            "treaty": actions["treaty_code"],
            "treaty_name": actions["treaty_code"].map(names),
            "action": actions["action"].map(ACTION_GROUPS),
            "action_label": actions["action"].str.capitalize(),
            "date": actions["action_date"],
            "when": actions["action_date"].dt.strftime("%-d %B %Y"),
            "source": bibliography.cite_rows(actions["source_key"], actions["source_locator"]),
            "order": actions["treaty_code"].map(order),
        }
    )
    return out.sort_values(["order", "state", "date"]).reset_index(drop=True)


def treaty_status(actions: pd.DataFrame) -> pd.DataFrame:
    """One row per treaty: when each state became party (ratification or accession), if found."""
    names = treaty_names()
    joined = actions[actions["action"].isin(["ratification", "accession"])]
    table = pd.DataFrame({"treaty_code": list(names), "treaty": list(names.values())})
    for code, label in STATE_NAMES.items():
        rows = joined[joined["state_code"] == code].set_index("treaty_code")
        dates = rows["action_date"].dt.strftime("%Y-%m-%d") + " (" + rows["action"] + ")"
        table[label] = table["treaty_code"].map(dates)
    return table


REFERENCE_LABELS = {
    "human_rights": "Human rights",
    "citizens_rights": "Citizens' rights abroad",
    "none": "No explicit reference",
    "pillar_absent": "No such pillar",
}


def concept_rows(concepts: pd.DataFrame) -> pd.DataFrame:
    """The Foreign Policy Concept table with reader-facing labels, pillar by pillar."""
    out = concepts.sort_values(["pillar_number", "concept_year"]).copy()
    out["reference_label"] = out["reference"].map(REFERENCE_LABELS)
    return out


# ---- Charts ----

EVENT_COLOURS = {
    "Political": "#0072B2",
    "Legal": "#D55E00",
    "Treaty": "#009E73",
    "International": "#CC79A7",
}


def phase_fill(drawn: pd.Series) -> alt.Fill:
    """Spiral-model phases in their fixed colours; the legend lists the phases drawn."""
    colours = dict(zip(PHASES.values(), PHASE_COLOURS, strict=True))
    return alt.Fill(
        "phase:N",
        title="Spiral-model phase",  # the captions say the coding is this site's
        scale=scale({p: c for p, c in colours.items() if p in set(drawn)}),
        legend=alt.Legend(orient="bottom"),
    )


def mongolia_timeline(
    points: pd.DataFrame, spans: pd.DataFrame, index: pd.DataFrame
) -> alt.VConcatChart:
    """V-Dem's index above events in lanes by type, both over shaded spiral-model phases.

    `points` is casebook.mongolia.event_points(), `spans` casebook.mongolia.phase_spans(),
    `index` casebook.democracy.series(["MNG"]). The panels share one time axis, so
    zooming either zooms both; the legend filters event types.
    """
    types = [t for t in EVENT_COLOURS if t in set(points["type"])]
    kind = alt.selection_point(fields=["type"], bind="legend")
    # The layers share one time scale; the phase spans set its extent (1924 to today).
    x = alt.X(
        "date:T",
        title=None,
        scale=alt.Scale(padding=8),  # keep the first and last diamonds whole
        axis=alt.Axis(format="%Y"),
    )
    # Every layer puts its time on one field, "date": the zoom binds to that field, and
    # a layer whose time had another name would not zoom with the rest. `part` names
    # each table in the chart's CSV.
    spans = spans.rename(columns={"start": "date"}).assign(part="Spiral-model phase")
    points = points.assign(part="Event")
    index = index.assign(part="V-Dem index")
    # Shaded lighter than the comparison's lanes, so the events drawn over them stand out.
    shading = (
        alt.Chart(spans)
        .mark_rect(opacity=SHADE_OPACITY)
        .encode(
            x=alt.X("date:T", title=None),
            x2="end:T",
            fill=phase_fill(spans["phase"]),
            tooltip=[
                alt.Tooltip("phase:N", title="Phase"),
                alt.Tooltip("when:N", title="Period"),
                alt.Tooltip("basis:N", title="Basis"),
            ],
        )
    )
    dots = (
        alt.Chart(points)
        .mark_point(filled=True, size=90, shape="diamond", stroke="white", strokeWidth=1)
        .encode(
            x=x,
            y=alt.Y("type:N", title=None, sort=types),
            color=alt.Color(
                "type:N",
                title="Event type (click to filter)",
                scale=scale({t: EVENT_COLOURS[t] for t in types}),
            ),
            opacity=alt.condition(kind, alt.value(1), alt.value(0.12)),
            tooltip=[
                alt.Tooltip("label:N", title="Event"),
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("source:N", title="Source"),
            ],
        )
        .add_params(kind)
    )
    # Drag to pan, Ctrl and scroll to zoom in time: 1989-92 is crowded at full range.
    in_time = zoom()
    events = (
        alt.layer(shading, dots.add_params(in_time))
        .resolve_scale(color="independent")
        .properties(width=FILL, height=alt.Step(40))
    )
    # The fill scale is shared, so the phase legend is drawn once, under the events.
    upper = alt.layer(shading, *index_layers(index)).properties(width=FILL, height=150)
    chart = alt.vconcat(upper.add_params(in_time), events, spacing=6).resolve_scale(
        x="shared", color="independent", fill="shared"
    )
    return finish(
        chart,
        _mongolia_description(points, spans, index),
        zoomable=True,
    )


def _mongolia_description(points: pd.DataFrame, spans: pd.DataFrame, index: pd.DataFrame) -> str:
    phases = "; ".join(f"{r.phase}, {r.when}" for r in spans.itertuples())
    events = "; ".join(f"{r.when}: {r.label}" for r in points.sort_values("date").itertuples())
    return (
        "Timeline of Mongolia's political and human-rights history, with this site's "
        "spiral-model phases shaded behind V-Dem's electoral democracy index (top) and "
        f"the events (bottom). Index: {index_summary(index)}. Phases: {phases}. "
        f"Events: {events}."
    )


STATE_COLOURS = {"Mongolia": "#0072B2", "DPRK": "#D55E00"}


ACTION_SHAPES = {"Signature": "circle", "Ratification or accession": "diamond"}


def treaty_chart(actions: pd.DataFrame) -> alt.Chart:
    """When each state signed and became party to each treaty: one row per treaty."""
    treaties = list(dict.fromkeys(actions["treaty"]))
    chart = (
        alt.Chart(actions)
        .mark_point(size=90, filled=True)
        .encode(
            x=alt.X(
                "date:T",
                title=None,
                scale=alt.Scale(padding=12),
                axis=alt.Axis(format="%Y"),
            ),
            y=alt.Y("treaty:N", title=None, sort=treaties),
            yOffset=alt.YOffset("state:N", sort=list(STATE_COLOURS)),
            color=alt.Color(
                "state:N",
                title="State",
                scale=scale(STATE_COLOURS),
            ),
            shape=alt.Shape(
                "action:N",
                title="Action",
                scale=scale(ACTION_SHAPES),
            ),
            tooltip=[
                alt.Tooltip("state:N", title="State"),
                alt.Tooltip("treaty_name:N", title="Treaty"),
                alt.Tooltip("action_label:N", title="Action"),
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("source:N", title="Source"),
            ],
        )
        .properties(width=FILL, height=26 * len(treaties))
    )
    return finish(chart, _treaty_description(actions))


def _treaty_description(actions: pd.DataFrame) -> str:
    parts = [
        f"{r.state}, {r.treaty}: {r.action_label.lower()} {r.when}"
        for r in actions.sort_values(["state", "date"]).itertuples()
    ]
    return (
        "Dot chart of when Mongolia and the DPRK signed and became party to the core UN "
        "human-rights treaties. " + "; ".join(parts) + "."
    )
