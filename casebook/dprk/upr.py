"""The DPRK's UPR figures shaped for chapters: per-cycle preferred values and response shares."""

from __future__ import annotations

import altair as alt
import pandas as pd

from casebook import datasets
from casebook.charts import FILL, lower_first, scale
from casebook.theme import (
    MUTED,
    RESPONSE_COLOURS,
    finish,
)
from validation.suites.upr_cycles import FINAL_RESPONSES, WG_RESPONSES, preferred_by_cycle

DATASET = "upr_cycles"

# Reader-facing names of the response categories, in stacking order: the same terms
# as casebook.theme.RESPONSE_COLOURS, used by every figure, table and the explorer.
RESPONSE_LABELS = {
    "wg_supported": "Supported",
    "wg_pending": "Kept for examination",
    "wg_noted": "Rejected (noted)",
    "final_supported": "Supported",
    "final_partially_supported": "Partially supported",
    "final_noted": "Rejected (noted)",
}
STAGE_LABELS = {"wg": "At the Working Group", "final": "Final response"}
MEASURE_LABELS = {
    "review_date": "Review date",
    "wg_session": "Working Group session",
    "wg_report_symbol": "Working Group report",
    "delegations_speaking": "Delegations speaking",
    "recommending_states": "States recommending",
    "recommendations_received": "Recommendations received",
    "wg_supported": "Working Group: supported",
    "wg_noted": "Working Group: rejected (noted)",
    "wg_pending": "Working Group: kept for examination",
    "final_supported": "Final: supported",
    "final_partially_supported": "Final: partially supported",
    "final_noted": "Final: rejected (noted)",
    "hrc_adoption_date": "Adopted by the Council",
}


def figures() -> pd.DataFrame:
    """Every reported figure with its source (validated long table)."""
    return datasets.load(DATASET)


def figures_for_reading(facts: pd.DataFrame) -> pd.DataFrame:
    """The long table with reader-facing measure names and a tick for preferred values."""
    return facts.assign(
        measure=facts["measure"].map(MEASURE_LABELS),
        preferred=facts["is_preferred"].map({True: "✓", False: ""}),
    )


def by_cycle(facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per cycle with the preferred value of each measure."""
    wide = preferred_by_cycle(figures() if facts is None else facts)
    wide["cycle"] = [
        f"Cycle {c} ({d.year})"
        for c, d in zip(wide["cycle_number"], wide["review_date"], strict=True)
    ]
    return wide


def responses(wide: pd.DataFrame) -> pd.DataFrame:
    """Long frame for charts: cycle, stage, response, count; missing counts are left out."""
    records = []
    for row in wide.itertuples():
        for stage, measures in (("wg", WG_RESPONSES), ("final", FINAL_RESPONSES)):
            known = [m for m in measures if pd.notna(getattr(row, m))]
            for order, measure in enumerate(measures):
                if measure not in known:
                    continue
                count = int(getattr(row, measure))
                records.append(
                    {
                        "cycle": row.cycle,
                        "stage": STAGE_LABELS[stage],
                        "response": RESPONSE_LABELS[measure],
                        "order": order,
                        "count": count,
                        "share": count / row.recommendations_received,
                        "received": int(row.recommendations_received),
                    }
                )
            if not known:
                records.append(
                    {
                        "cycle": row.cycle,
                        "stage": STAGE_LABELS[stage],
                        "response": "Not established",
                        "order": 99,
                        "count": None,
                        "share": None,
                        "received": int(row.recommendations_received),
                    }
                )
    return pd.DataFrame.from_records(records)


# ---- Charts ----


def upr_responses_by_cycle(responses: pd.DataFrame) -> alt.FacetChart:
    """Stacked bars per cycle: positions at the Working Group, then the final response.

    `responses` is responses() above; a stage with no established counts
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
                scale=scale(RESPONSE_COLOURS),
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
    # Side by side where two panels fit, stacked on a phone (charts.js picks the columns).
    chart = (
        alt.layer(bars, missing, data=responses)
        .properties(width=FILL, height=alt.Step(34))
        .facet(
            facet=alt.Facet("stage:N", title=None, sort=["At the Working Group"]),
            columns=2,
        )
    )
    return finish(chart, _responses_description(responses), panel=300)


def _responses_description(responses: pd.DataFrame) -> str:
    parts = []
    for (cycle, stage), group in responses.groupby(["cycle", "stage"], sort=False):
        if (group["response"] == "Not established").all():
            parts.append(f"{cycle}, {lower_first(stage)}: not established")
            continue
        counts = ", ".join(f"{int(r.count)} {r.response.lower()}" for r in group.itertuples())
        parts.append(f"{cycle}, {lower_first(stage)}: {counts} of {group['received'].iat[0]}")
    return (
        "Bar chart of the DPRK's positions on UPR recommendations in each review cycle, "
        "at the Working Group and in its final response. " + "; ".join(parts) + "."
    )


def upr_acceptance_trend(responses: pd.DataFrame) -> alt.LayerChart:
    """Share of recommendations finally supported, per cycle; a cycle whose final
    count is not established is named on the axis but drawn without a point."""
    final = responses[responses["stage"] == "Final response"]
    cycles = list(dict.fromkeys(final["cycle"]))
    supported = final[final["response"] == "Supported"][["cycle", "share", "count", "received"]]
    missing = final.groupby("cycle")["response"].apply(lambda r: (r == "Not established").all())
    points = pd.DataFrame({"cycle": cycles}).merge(supported, on="cycle", how="left")
    points["established"] = points["cycle"].map(~missing)
    # "Cycle 1 (2009)" on two lines, so four cycles fit a phone's width.
    two_lines = (
        "[substring(datum.label, 0, indexof(datum.label, ' (')),"
        " substring(datum.label, indexof(datum.label, ' (') + 1)]"
    )
    x = alt.X("cycle:N", title=None, sort=cycles, axis=alt.Axis(labelAngle=0, labelExpr=two_lines))
    known = alt.Chart(points).transform_filter(alt.datum.established)
    line = known.mark_line(color=RESPONSE_COLOURS["Supported"]).encode(
        x=x,
        y=alt.Y(
            "share:Q",
            title="Share supported",
            axis=alt.Axis(format="%"),
            scale=alt.Scale(domain=[0, 1]),
        ),
    )
    dots = known.mark_point(filled=True, size=70, color=RESPONSE_COLOURS["Supported"]).encode(
        x=x,
        y="share:Q",
        tooltip=[
            alt.Tooltip("cycle:N", title="Cycle"),
            alt.Tooltip("count:Q", title="Supported"),
            alt.Tooltip("received:Q", title="Received"),
            alt.Tooltip("share:Q", title="Share", format=".0%"),
        ],
    )
    gap = (
        alt.Chart(points)
        .transform_filter(~alt.datum.established)
        .mark_text(color=MUTED, fontStyle="italic", angle=270, align="center")
        .encode(x=x, y=alt.datum(0.5), text=alt.value("not established"))
    )
    described = "; ".join(
        f"{r.cycle}: {r.share:.0%} supported" if r.established else f"{r.cycle}: not established"
        for r in points.itertuples()
    )
    chart = alt.layer(line, dots, gap).properties(width=FILL, height=200)
    description = (
        "Line chart of the share of recommendations the DPRK finally supported. " + described + "."
    )
    return finish(chart, description)
