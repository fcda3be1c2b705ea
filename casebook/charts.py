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
