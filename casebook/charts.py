"""Chart builders for the chapters. Styling comes from casebook.theme only."""

from __future__ import annotations

import altair as alt
import pandas as pd

from casebook.theme import MUTED, RESPONSE_COLOURS


def upr_responses_by_cycle(responses: pd.DataFrame) -> alt.FacetChart:
    """Stacked bars per cycle: positions at the Working Group, then the final response.

    `responses` is casebook.upr.responses(); a stage with no established counts
    is labelled as such instead of being drawn as zero.
    """
    cycles = list(dict.fromkeys(responses["cycle"]))
    y = alt.Y("cycle:N", title=None, sort=cycles)

    established = alt.datum.response != "Not established"
    bars = (
        alt.Chart()
        .transform_filter(established)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("count:Q", title="Recommendations", stack="zero"),
            color=alt.Color(
                "response:N",
                title="DPRK position",
                scale=alt.Scale(
                    domain=list(RESPONSE_COLOURS), range=list(RESPONSE_COLOURS.values())
                ),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("cycle:N", title="Cycle"),
                alt.Tooltip("stage:N", title="Stage"),
                alt.Tooltip("response:N", title="Position"),
                alt.Tooltip("count:Q", title="Recommendations"),
                alt.Tooltip("share:Q", title="Share of received", format=".0%"),
                alt.Tooltip("received:Q", title="Received in cycle"),
            ],
        )
    )
    missing = (
        alt.Chart()
        .transform_filter(~established)
        .mark_text(align="left", dx=4, color=MUTED, fontStyle="italic")
        .encode(y=y, x=alt.datum(0), text=alt.value("not established: sources disagree"))
    )
    return (
        alt.layer(bars, missing, data=responses)
        .properties(width=300, height=alt.Step(34))
        .facet(column=alt.Column("stage:N", title=None, sort=["At the Working Group"]))
        .properties(description=_responses_description(responses))
    )


def _responses_description(responses: pd.DataFrame) -> str:
    parts = []
    for (cycle, stage), group in responses.groupby(["cycle", "stage"], sort=False):
        if (group["response"] == "Not established").all():
            parts.append(f"{cycle}, {stage.lower()}: not established")
            continue
        counts = ", ".join(f"{int(r.count)} {r.response.lower()}" for r in group.itertuples())
        parts.append(f"{cycle}, {stage.lower()}: {counts} of {group['received'].iat[0]}")
    return (
        "Bar chart of the DPRK's positions on UPR recommendations in each review cycle, "
        "at the Working Group and in its final response. " + "; ".join(parts) + "."
    )


def helsinki_timeline(events: pd.DataFrame) -> alt.Chart:
    """Meetings as bars from opening to close, group foundings as points; legend filters."""
    lanes = list(dict.fromkeys(events["lane"]))
    kind = alt.selection_point(fields=["kind"], bind="legend")
    base = alt.Chart(events).encode(
        y=alt.Y("lane:N", title=None, sort=lanes, axis=alt.Axis(labelLimit=220)),
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
            x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y", tickCount=10)),
            x2="end:T",
        )
    )
    points = (
        base.transform_filter(alt.datum.kind != "Meeting")
        .mark_point(filled=True, size=90, shape="diamond")
        .encode(x="start:T")
    )
    return (
        alt.layer(spans, points)
        .add_params(kind)
        .properties(height=alt.Step(44), description=_timeline_description(events))
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
