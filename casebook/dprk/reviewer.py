"""The DPRK as a reviewer: the recommendations it made to other States under review, as
UPR Info's database records them (data/upr_dprk_as_reviewer), each State's agreement with
the DPRK in General Assembly votes (data/unga_voting_agreement), and their charts."""

from __future__ import annotations

import altair as alt
import pandas as pd
from scipy import stats

from casebook import datasets
from casebook.charts import FILL, scale
from casebook.dprk.recommendations import action_labels
from casebook.theme import ACTION_COLOURS, INK, finish

DATASET = "upr_dprk_as_reviewer"
AGREEMENT = "unga_voting_agreement"
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


def by_group(frame: pd.DataFrame, order: list[str] | None = None) -> pd.DataFrame:
    """Recommendations per group of the State under review and action category, with the
    group's total, States and share of calls to continue; groups in `order`, or else by
    that share."""
    counts = frame.groupby(["group", "uprinfo_action", "action"]).size().rename("count")
    out = counts.reset_index()
    groups = frame.groupby("group")
    out["total"] = out["group"].map(groups.size())
    out["states"] = out["group"].map(groups["state_code"].nunique())
    out["share_continue"] = out["group"].map(
        groups["uprinfo_action"].apply(lambda a: (a == CONTINUE).mean())
    )
    if order is not None:
        rank = out["group"].map({group: i for i, group in enumerate(order)})
        return out.assign(rank=rank).sort_values(["rank", "uprinfo_action"]).drop(columns="rank")
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


def actions_by_group(table: pd.DataFrame, grouped_by: str = "the regional group") -> alt.Chart:
    """Stacked bars: the DPRK's recommendations to each group of States, by action category;
    `grouped_by` says in words how the States are grouped (for the chart's description)."""
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
    return finish(chart, _description(table, grouped_by))


def _description(table: pd.DataFrame, grouped_by: str) -> str:
    parts = []
    for group, rows in table.groupby("group", sort=False):
        counts = ", ".join(
            f"{r.count} in category {r.uprinfo_action} ({r.action.split(' ', 1)[1].lower()})"
            for r in rows.itertuples()
        )
        parts.append(f"{group}, {rows['total'].iloc[0]} recommendations: {counts}")
    return (
        "Bar chart of the recommendations the DPRK made to other States in UPR sessions 2 "
        f"to 20, by {grouped_by} of the State reviewed and UPR Info's action category. "
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


def agreement() -> pd.DataFrame:
    """Each reviewed State's General Assembly roll calls in common with the DPRK, the votes
    alike and their share, closest first."""
    frame = datasets.load(AGREEMENT)
    frame["share_alike"] = frame["identical_votes"] / frame["roll_calls"]
    return frame.sort_values(["share_alike", "state_code"], ascending=[False, True])


def window() -> dict:
    """The years counted, as the codebook gives them."""
    return datasets.codebook(AGREEMENT).extra["window"]


# Short enough to stay whole as axis labels on a phone.
THIRDS = ("Closest third", "Middle third", "Farthest third")


def by_closeness(frame: pd.DataFrame, agreeing: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows with `group` replaced by the third of States (by their share of votes alike
    with the DPRK) their State falls in; and per third, closest first, its label, how many
    States it holds and the range of their shares. Thirds are cut by rank, ties broken by
    code, so two States with the same share could fall in different thirds (none do)."""
    ranked = agreeing.sort_values(["share_alike", "state_code"], ascending=[False, True])
    ranked = ranked.reset_index(drop=True)
    third = pd.Series(pd.qcut(ranked.index, len(THIRDS), labels=THIRDS), index=ranked["state_code"])
    ranges = (
        ranked.assign(group=third.to_numpy())
        .groupby("group", observed=True, sort=False)["share_alike"]
        .agg(states="size", low="min", high="max")
        .reset_index()
    )
    return frame.assign(group=frame["state_code"].map(third).astype(str)), ranges


def continue_by_state(frame: pd.DataFrame, agreeing: pd.DataFrame) -> pd.DataFrame:
    """Per State: its share of votes alike with the DPRK and the share of the DPRK's
    recommendations to it that were calls to continue."""
    calls = frame.groupby("state_code")["uprinfo_action"].apply(lambda a: (a == CONTINUE).mean())
    return agreeing.set_index("state_code")[["share_alike"]].join(calls.rename("share_continue"))


def rank_correlation(per_state: pd.DataFrame) -> tuple[float, float, int]:
    """Spearman's rho between the two shares across the States that have both, its
    two-sided p-value and the number of those States."""
    both = per_state[["share_alike", "share_continue"]].dropna()
    result = stats.spearmanr(both["share_alike"], both["share_continue"])
    return float(result.statistic), float(result.pvalue), len(both)


def below_half(agreeing: pd.DataFrame) -> pd.DataFrame:
    """The States that voted as the DPRK did on less than half of the roll calls both
    voted on."""
    return agreeing[agreeing["share_alike"] < 0.5]


def closeness_sources(frame: pd.DataFrame) -> pd.DataFrame:
    """The sources behind the chart by closeness: the recommendations' and the codebook's
    of the voting data (the package, the data it carries, the dates of the window)."""
    voting = [s["key"] for s in datasets.codebook(AGREEMENT).sources]
    return pd.DataFrame({"source_key": [*sources(frame)["source_key"], *voting]})


def reading(rho: float, p: float) -> str:
    """What the rank correlation says, in words chosen from its sign and its p-value."""
    if not p < 0.05:  # a p-value that could not be computed (NaN) shows nothing either
        return "show no clear relation"
    return "tend to rise together" if rho > 0 else "tend to move in opposite directions"
