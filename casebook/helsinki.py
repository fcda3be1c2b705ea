"""The Helsinki process shaped for chapters: one timeline of meetings and monitoring groups."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from casebook import datasets
from casebook.charts import FILL, scale
from casebook.democracy import index_layers, index_summary
from casebook.site import bibliography
from casebook.theme import (
    finish,
)

MEETING_LANES = {
    "conference": "Conference and summit",
    "summit": "Conference and summit",
    "follow_up": "Follow-up meetings",
    "human_dimension": "Human Dimension meetings",
}
GROUP_LANE = "Monitoring groups founded"
TRANSITION_LANE = "End of one-party rule"
TRANSITION_LABELS = {
    "first_free_election": "first free election",
    "first_partly_free_election": "first partly free election",
    "state_dissolved": "state dissolved",
}
PRECISION_NOTE = {"day": "", "month": " (month known, not day)", "year": " (year known only)"}


def participants() -> pd.DataFrame:
    return datasets.load("csce_participants")


def meetings() -> pd.DataFrame:
    return datasets.load("csce_meetings")


def groups() -> pd.DataFrame:
    return datasets.load("helsinki_groups")


def transitions() -> pd.DataFrame:
    return datasets.load("eastern_bloc_transitions")


def final_act() -> pd.DataFrame:
    return datasets.load("final_act_structure")


# The parts in the order of Park's four topics (security, economic, human, follow-up).
PART_ORDER = ("part_security", "part_economics", "part_humanitarian", "part_follow_up")


def final_act_rows(items: pd.DataFrame) -> pd.DataFrame:
    """The Act's parts in the order of Park's four topics, each principle under the part it
    belongs to; `item` names the row in words, `named_by` quotes the source texts' words for
    it (inner double quotes made single), or is a dash where neither names it."""
    ordered = []
    for part in PART_ORDER:
        ordered.append(part)
        ordered += sorted(items.loc[items["part_id"] == part, "item_id"])
    # Every row once: a part missing from the order, or a principle without a part, fails here.
    if sorted(ordered) != sorted(items["item_id"]):
        raise ValueError(f"Final Act rows not placed: {set(items['item_id']) ^ set(ordered)}")
    rows = items.set_index("item_id").loc[ordered].reset_index()
    rows["item"] = [
        f"Principle {r.numeral}: {r.title}" if r.item_kind == "principle" else f"**{r.title}**"
        for r in rows.itertuples()
    ]
    # One column for both texts, so the table fits a phone's width.
    rows["named_by"] = [
        "; ".join(
            who + ": \u201c" + words.replace('"', "'") + "\u201d"
            for who, words in (("Park", park), ("Mansourov", mansourov))
            if isinstance(words, str)
        )
        or "–"
        for park, mansourov in zip(rows["seed001_words"], rows["seed004_words"], strict=True)
    ]
    return rows


def final_act_sources(items: pd.DataFrame) -> pd.DataFrame:
    keys = ["source_key", "seed001_source_key", "seed004_source_key"]
    return pd.DataFrame({"source_key": pd.concat([items[k] for k in keys]).dropna()})


def first_elections(transitions: pd.DataFrame) -> pd.DataFrame:
    """The first free (in Poland, partly free) elections, in date order: every end of
    one-party rule but the Soviet Union's, which ended in its dissolution."""
    elections = transitions[transitions["event_type"] != "state_dissolved"]
    return elections.sort_values("event_date")


def timeline(
    participants: pd.DataFrame,
    meetings: pd.DataFrame,
    groups: pd.DataFrame,
    transitions: pd.DataFrame,
) -> pd.DataFrame:
    """Meetings as spans; group foundings and Warsaw Pact transitions as points.

    A founding known only to the month or year is placed at the start of that
    period; its label says so, so the chart never implies a precision it lacks.
    """
    spans = pd.DataFrame(
        {
            "lane": meetings["meeting_type"].map(MEETING_LANES),
            "label": meetings["place"] + " " + meetings["start_date"].dt.year.astype(str),
            "start": meetings["start_date"],
            "end": meetings["end_date"],
            "when": meetings["start_date"].dt.strftime("%-d %b %Y")
            + " to "
            + meetings["end_date"].dt.strftime("%-d %b %Y"),
            "detail": meetings["concluding_document"].fillna(
                "concluding document: title not recorded here"
            ),
            "kind": "Meeting",
        }
    )
    founded = pd.to_datetime(groups["founded"], format="mixed")
    points = pd.DataFrame(
        {
            "lane": GROUP_LANE,
            "label": groups["group_name"],
            "start": founded,
            "end": founded,
            "when": groups["founded"] + groups["founded_precision"].map(PRECISION_NOTE),
            "detail": groups["fate"]
            .map({"activity_ended": "activity ended", "merged": "merged"})
            .fillna("fate not recorded here")
            + groups["fate_date"].map(lambda d: f" ({d})", na_action="ignore").fillna(""),
            "kind": "Monitoring group",
        }
    )
    names = participants.set_index("state_code")["state_name"]
    ends = pd.DataFrame(
        {
            "lane": TRANSITION_LANE,
            "label": transitions["state_code"].map(names),
            "start": transitions["event_date"],
            "end": transitions["event_date"],
            "when": transitions["event_date"].dt.strftime("%-d %b %Y"),
            "detail": transitions["event_type"].map(TRANSITION_LABELS),
            "kind": "Warsaw Pact transition",
        }
    )
    return pd.concat([spans, points, ends], ignore_index=True)


def index_paths(
    index: pd.DataFrame, transitions: pd.DataFrame, signed: pd.Timestamp
) -> pd.DataFrame:
    """Each Warsaw Pact state's index series with two dated markers to read it against.

    `index` is casebook.democracy.series() for the bloc units. The markers are the
    Final Act's signature (`signed`) and the state's own transition from
    eastern_bloc_transitions; both carry the unit's label so a chart can facet on it.
    """
    labels = index.drop_duplicates("state_code").set_index("state_code")["unit"]
    ends = transitions[transitions["state_code"].isin(labels.index)]
    markers = pd.concat(
        [
            pd.DataFrame(
                {
                    "unit": labels.values,
                    "date": signed,
                    "marker": "Final Act signed",
                    "when": signed.strftime("%-d %b %Y"),
                    "detail": "Helsinki Final Act",
                }
            ),
            pd.DataFrame(
                {
                    "unit": ends["state_code"].map(labels).values,
                    "date": ends["event_date"].values,
                    "marker": "End of one-party rule",
                    "when": ends["event_date"].dt.strftime("%-d %b %Y").values,
                    "detail": ends["event_type"].map(TRANSITION_LABELS).values,
                }
            ),
        ],
        ignore_index=True,
    )
    return pd.concat([index.assign(kind="index"), markers.assign(kind="marker")], ignore_index=True)


ALIGNMENTS = {
    "nato": "NATO",
    "warsaw_pact": "Warsaw Pact",
    "neutral_nonaligned": "Neutral and non-aligned",
    "none": "None of these",
}
NOT_ESTABLISHED = "Not established"


def alignment_grid(participants: pd.DataFrame) -> pd.DataFrame:
    """The signatories as tiles: one column per alignment, states in name order.

    A state no source places is shown in its own column, never guessed into one.
    """
    grid = participants.assign(
        source_key=participants["alignment_source_key"],
        alignment=participants["alignment_1975"].map(ALIGNMENTS).fillna(NOT_ESTABLISHED),
        source=bibliography.cite_rows(
            participants["alignment_source_key"], participants["alignment_source_locator"]
        ).fillna("None of the sources we consulted gives it"),
    ).sort_values("state_name")
    grid["row"] = grid.groupby("alignment").cumcount()
    return grid[["state_code", "state_name", "alignment", "row", "source", "source_key"]]


# ---- Charts ----


def helsinki_timeline(events: pd.DataFrame) -> alt.Chart:
    """Meetings as bars from opening to close, group foundings as points; legend filters."""
    lanes = list(dict.fromkeys(events["lane"]))
    kind = alt.selection_point(fields=["kind"], bind="legend")
    base = alt.Chart(events).encode(
        # Two words a line: lane names stay whole beside a phone's narrow plot.
        y=alt.Y(
            "lane:N",
            title=None,
            sort=lanes,
            axis=alt.Axis(
                labelExpr="[join(slice(split(datum.label, ' '), 0, 2), ' '),"
                " join(slice(split(datum.label, ' '), 2), ' ')]"
            ),
        ),
        color=alt.Color(
            "kind:N",
            title="Show (click to filter)",
            scale=alt.Scale(
                domain=["Meeting", "Monitoring group", "Warsaw Pact transition"],
                range=["#0072B2", "#D55E00", "#009E73"],
            ),
        ),
        opacity=alt.condition(kind, alt.value(1), alt.value(0.15)),
        tooltip=[
            alt.Tooltip("label:N", title="What"),
            alt.Tooltip("when:N", title="When"),
            alt.Tooltip("detail:N", title="Outcome"),
        ],
    )
    spans = (
        base.transform_filter(alt.datum.kind == "Meeting")
        .mark_bar(size=14)
        .encode(
            x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y")),
            x2="end:T",
        )
    )
    points = (
        base.transform_filter(alt.datum.kind != "Meeting")
        .mark_point(filled=True, size=90, shape="diamond")
        .encode(x="start:T")
    )
    chart = alt.layer(spans, points).add_params(kind).properties(width=FILL, height=alt.Step(44))
    return finish(
        chart,
        _timeline_description(events),
    )


def _timeline_description(events: pd.DataFrame) -> str:
    meetings = events[events["kind"] == "Meeting"]
    groups = events[events["kind"] == "Monitoring group"]
    ends = events[events["kind"] == "Warsaw Pact transition"]
    return (
        "Timeline of the Helsinki process, 1973 to 1991. Meetings: "
        + "; ".join(f"{r.label}, {r.when}" for r in meetings.itertuples())
        + ". Monitoring groups founded: "
        + "; ".join(f"{r.label}, {r.when}" for r in groups.itertuples())
        + ". End of one-party rule in the Warsaw Pact states: "
        + "; ".join(f"{r.label}, {r.detail}, {r.when}" for r in ends.itertuples())
        + "."
    )


ALIGNMENT_COLOURS = dict(
    zip(
        [*ALIGNMENTS.values(), NOT_ESTABLISHED],
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#BBBBBB"],
        strict=True,
    )
)


LINE_HEIGHT = 13


def _stacked_words(labels: list[str]) -> dict:
    """Top-axis settings writing each label one word a line, the lines ending together.

    Vega stacks an axis label's extra lines downwards from the first, so shorter labels
    get empty lines above, and the padding lifts the block clear of the plot.
    """
    lines = max(len(label.split()) for label in labels)
    padded = {label: [""] * (lines - len(label.split())) + label.split() for label in labels}
    return {
        "labelExpr": f"{json.dumps(padded)}[datum.label]",
        "labelLineHeight": LINE_HEIGHT,
        "labelPadding": 4 + (lines - 1) * LINE_HEIGHT,
    }


def alignment_chart(grid: pd.DataFrame) -> alt.LayerChart:
    """The 35 signatories as labelled tiles in one column per alignment in 1975."""
    base = alt.Chart(grid).encode(
        x=alt.X(
            "alignment:N",
            sort=list(ALIGNMENT_COLOURS),
            title=None,
            # One word a line, so five columns fit a phone.
            axis=alt.Axis(
                orient="top",
                labelAngle=0,
                **_stacked_words(list(ALIGNMENT_COLOURS)),
                labelLimit=0,
                domain=False,
                ticks=False,
            ),
        ),
        y=alt.Y("row:O", title=None, axis=None),
        tooltip=[
            alt.Tooltip("state_name:N", title="State"),
            alt.Tooltip("alignment:N", title="In 1975"),
            alt.Tooltip("source:N", title="Source"),
        ],
    )
    # Pale tiles under dark text keep the labels legible in every column.
    tiles = base.mark_rect(cornerRadius=3, opacity=0.3, stroke="white", strokeWidth=2).encode(
        color=alt.Color("alignment:N", scale=scale(ALIGNMENT_COLOURS), legend=None)
    )
    labels = base.mark_text(fontSize=11, color="#222222", fontWeight=600).encode(
        text="state_code:N"
    )
    chart = alt.layer(tiles, labels).properties(width=FILL, height=alt.Step(22))
    return finish(chart, _alignment_description(grid))


def _alignment_description(grid: pd.DataFrame) -> str:
    groups = "; ".join(
        f"{name} ({len(rows)}): {', '.join(rows['state_name'])}"
        for name, rows in grid.groupby("alignment", sort=False)
    )
    return f"The 35 signatories of the Helsinki Final Act by alignment in 1975. {groups}."


# Told apart by colour and by dash, not by hue alone.
MARKER_COLOURS = {"Final Act signed": "#000000", "End of one-party rule": "#D55E00"}


MARKER_DASHES = {"Final Act signed": [2, 2], "End of one-party rule": [7, 3]}


def bloc_index_paths(paths: pd.DataFrame) -> alt.FacetChart:
    """One small panel per Warsaw Pact state: V-Dem's index, its band, and two markers.

    `paths` is casebook.helsinki.index_paths(): index rows and marker rows, told
    apart by `kind`, so every layer can share the facet.
    """
    units = list(dict.fromkeys(paths.loc[paths["kind"] == "index", "unit"]))
    # Layers carry no data of their own: a facet needs one frame for all of them.
    band, line = (
        layer.transform_filter(alt.datum.kind == "index")
        # The caption names the index: panels repeat no axis title, so more fit a row.
        for layer in index_layers(None, tick_years=[1980, 2000, 2020], y_title=None)
    )
    rules = (
        alt.Chart()
        .transform_filter(alt.datum.kind == "marker")
        .mark_rule(strokeWidth=1.5)
        .encode(
            x="date:T",
            color=alt.Color("marker:N", title=None, scale=scale(MARKER_COLOURS)),
            strokeDash=alt.StrokeDash("marker:N", title=None, scale=scale(MARKER_DASHES)),
            tooltip=[
                alt.Tooltip("unit:N", title="Country"),
                alt.Tooltip("marker:N", title="Marker"),
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("detail:N", title="What"),
            ],
        )
    )
    chart = (
        alt.layer(band, line, rules, data=paths)
        .properties(width=FILL, height=110)
        .facet(facet=alt.Facet("unit:N", sort=units, title=None), columns=3)
    )
    return finish(
        chart,
        _bloc_description(paths),
        panel=150,
    )


def _bloc_description(paths: pd.DataFrame) -> str:
    index = paths[paths["kind"] == "index"]
    parts = [f"{unit}: {index_summary(rows)}" for unit, rows in index.groupby("unit", sort=False)]
    return (
        "Small multiples of V-Dem's electoral democracy index for each Warsaw Pact state, "
        "with markers at the Final Act's signature and at the state's end of one-party rule. "
        + "; ".join(parts)
        + "."
    )
