"""The DPRK as a reviewer: the recommendations it made to other States under review, as
UPR Info's database records them (data/upr_dprk_as_reviewer), and their chart."""

from __future__ import annotations

import altair as alt
import pandas as pd

from casebook import datasets
from casebook.charts import FILL, scale
from casebook.dprk.recommendations import action_labels
from casebook.theme import ACTION_COLOURS, INK, finish

DATASET = "upr_dprk_as_reviewer"
# UPR Info's group names, in words (its EEG, GRULAC and WEOG are the UN's groups' initials).
GROUP_LABELS = {
    "Africa": "Africa",
    "Asia": "Asia",
    "EEG": "Eastern Europe",
    "GRULAC": "Latin America and Caribbean",
    "WEOG": "Western Europe and others",
}
CONTINUE = 2  # UPR Info's "continuing action": keep doing what the State already does


def load() -> pd.DataFrame:
    """The validated rows, with the group and action category in readers' words."""
    frame = datasets.load(DATASET)
    return frame.assign(
        group=frame["upr_info_group"].map(GROUP_LABELS),
        action=frame["uprinfo_action"].map(action_labels()),
    )


def by_group(frame: pd.DataFrame) -> pd.DataFrame:
    """Recommendations per group of the State under review and action category, with the
    group's total, States and share of calls to continue; groups by that share."""
    counts = frame.groupby(["group", "uprinfo_action", "action"]).size().rename("count")
    out = counts.reset_index()
    groups = frame.groupby("group")
    out["total"] = out["group"].map(groups.size())
    out["states"] = out["group"].map(groups["state_code"].nunique())
    out["share_continue"] = out["group"].map(
        groups["uprinfo_action"].apply(lambda a: (a == CONTINUE).mean())
    )
    return out.sort_values(
        ["share_continue", "group", "uprinfo_action"], ascending=[False, True, True]
    )


def of(frame: pd.DataFrame, mask: pd.Series) -> str:
    """'k of n (p%)': the rows of `frame` in `mask`, for prose."""
    k, n = int(mask.sum()), len(frame)
    return f"{k} of {n} ({k / n:.0%})"


def noted_by(frame: pd.DataFrame) -> pd.Series:
    """Recommendations each State under review noted (did not accept), most first."""
    noted = frame[frame["response"] == "Noted"]
    return noted.groupby("state_under_review").size().sort_values(ascending=False)


def top_issues(frame: pd.DataFrame, n: int = 8) -> pd.DataFrame:
    """UPR Info's most frequent issue tags (a recommendation counts under each of its tags)."""
    tags = frame["uprinfo_issues"].str.split(",").explode().str.strip()
    counted = tags.value_counts().rename_axis("issue").reset_index(name="recommendations")
    return counted.sort_values(["recommendations", "issue"], ascending=[False, True]).head(n)


def sources(frame: pd.DataFrame) -> pd.DataFrame:
    keys = [*frame["source_key"].drop_duplicates(), "uprinfo2014actioncategory"]
    return pd.DataFrame({"source_key": keys})


def actions_by_group(table: pd.DataFrame) -> alt.Chart:
    """Stacked bars: the DPRK's recommendations to each group of States, by action category."""
    labels = action_labels()
    colours = {labels[rank]: colour for rank, colour in ACTION_COLOURS.items()}
    order = list(dict.fromkeys(table["group"]))
    chart = (
        alt.Chart(table)
        .mark_bar(stroke=INK, strokeWidth=0.5)
        .encode(
            y=alt.Y("group:N", title=None, sort=order),
            x=alt.X("count:Q", title="Recommendations by the DPRK", stack="zero"),
            color=alt.Color("action:N", title="Action category (UPR Info)", scale=scale(colours)),
            order=alt.Order("uprinfo_action:Q"),
            tooltip=[
                alt.Tooltip("group:N", title="States reviewed"),
                alt.Tooltip("action:N", title="Action category"),
                alt.Tooltip("count:Q", title="Recommendations"),
                alt.Tooltip("total:Q", title="All to this group"),
                alt.Tooltip("states:Q", title="States"),
            ],
        )
        .properties(width=FILL, height=alt.Step(24))
    )
    return finish(chart, _description(table))


def _description(table: pd.DataFrame) -> str:
    parts = []
    for group, rows in table.groupby("group", sort=False):
        counts = ", ".join(
            f"{r.count} in category {r.uprinfo_action} ({r.action.split(' ', 1)[1].lower()})"
            for r in rows.itertuples()
        )
        parts.append(f"{group}, {rows['total'].iloc[0]} recommendations: {counts}")
    return (
        "Bar chart of the recommendations the DPRK made to other States in UPR sessions 2 "
        "to 20, by the regional group of the State reviewed and UPR Info's action category. "
        + "; ".join(parts)
        + "."
    )


def with_recorded_sanctions(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows whose State under review the reviewer table (upr_reviewers) records with
    sanctions of its own on the DPRK, with the earliest date it gives for them."""
    reviewers = datasets.load("upr_reviewers").dropna(subset=["own_sanctions_from"])
    since = reviewers.set_index("state_code")["own_sanctions_from"]
    return frame[frame["state_code"].isin(since.index)].assign(
        sanctions_from=lambda f: f["state_code"].map(since)
    )


def not_in_reviewer_table(frame: pd.DataFrame) -> int:
    """How many States under review are not in upr_reviewers (which lists only the States
    that made recommendations to the DPRK), so have no sanctions coding at all."""
    listed = set(datasets.load("upr_reviewers")["state_code"])
    return len(set(frame["state_code"]) - listed)
