"""The DPRK's UPR recommendations, one row each, shaped for the chapter's charts and explorer."""

from __future__ import annotations

import pandas as pd

from casebook import datasets, upr
from validation import dates
from validation.suites.upr_cycles import FINAL_RESPONSES

DATASET = "upr_recommendations"
REVIEWERS = "upr_reviewers"

# The same words as the cycle-level Working Group positions.
POSITION_LABELS = {
    "examine": upr.RESPONSE_LABELS["wg_pending"],
    "noted": upr.RESPONSE_LABELS["wg_noted"],
}
# The same reader-facing names (and so colours) as the cycle-level final responses.
RESPONSE_LABELS = {m.removeprefix("final_"): upr.RESPONSE_LABELS[m] for m in FINAL_RESPONSES}
NOT_ESTABLISHED = "Not established"
SANCTIONS = "Own sanctions in force"
NO_SANCTIONS = "Own sanctions not established"


def _scheme(section: str) -> dict[str, dict]:
    return datasets.codebook(DATASET).extra[section]


def theme_labels() -> dict[str, str]:
    labels = {key: spec["label"] for key, spec in _scheme("themes").items()}
    return {**labels, "other": "Other"}


def sensitive_themes() -> set[str]:
    return {key for key, spec in _scheme("themes").items() if spec["sensitive"]}


def action_labels() -> dict[int, str]:
    """UPR Info's action categories, labelled with their rank and the short name before ':'."""
    return {
        int(rank): f"{rank} {text.split(':')[0]}"
        for rank, text in _scheme("action_categories").items()
    }


def load() -> pd.DataFrame:
    """Validated recommendations with reader-facing labels and the reviewer's attributes."""
    recs = datasets.load(DATASET)
    reviewers = datasets.load(REVIEWERS).set_index("state_code")
    sensitive = sensitive_themes()
    keys = recs["themes"].str.split(";")
    # A reviewer counts as sanctioning if its own measures were surely in force on the
    # review date: the last day its (possibly month- or year-precise) start date covers.
    sanctions_from = recs["state_code"].map(dates.last_day(reviewers["own_sanctions_from"]))
    cycles = upr.by_cycle().set_index("cycle_number")
    reviewed = recs["cycle_number"].map(cycles["review_date"])
    return recs.assign(
        state=recs["state_code"].map(reviewers["name"]),
        region=recs["state_code"].map(reviewers["un_regional_group"]).fillna("Observer (no group)"),
        relation=(sanctions_from <= reviewed).map({True: SANCTIONS, False: NO_SANCTIONS}),
        theme_keys=keys,
        sensitive=keys.map(lambda ks: any(k in sensitive for k in ks)),
        position=recs["wg_position"].map(POSITION_LABELS),
        final=recs["response"].map(RESPONSE_LABELS).fillna(NOT_ESTABLISHED),
        action=recs["uprinfo_action"].astype(int).map(action_labels()),
        cycle=recs["cycle_number"].map(lambda c: f"Cycle {c}"),
        # The document each recommendation is numbered in, for the explorer's tooltip.
        report=recs["cycle_number"].map(cycles["wg_report_symbol"]),
    )


def sources(recs: pd.DataFrame) -> pd.DataFrame:
    """Every source behind the recommendation charts: the reports, the sources of final
    responses, and UPR Info (action categories), as a `source_key` column."""
    keys = pd.concat([recs["source_key"], recs["response_source_key"]]).dropna()
    keys = [*keys.drop_duplicates(), "uprinfo_database", "uprinfo2014actioncategory"]
    return pd.DataFrame({"source_key": list(dict.fromkeys(keys))})


def reviewer_sources() -> pd.DataFrame:
    """Every source the reviewer table cites, as a `source_key` column for source notes."""
    reviewers = datasets.load(REVIEWERS)
    keys = pd.concat(
        [reviewers[c] for c in ("source_key", "group_source_key", "sanctions_source_key")]
    )
    return pd.DataFrame({"source_key": keys.dropna().drop_duplicates().tolist()})


def by(recs: pd.DataFrame, field: str) -> pd.DataFrame:
    """Counts by `field` and Working Group position, with the share rejected outright.

    A recommendation with several themes counts once under each (field "theme").
    """
    rows = recs
    if field == "theme":
        labels = theme_labels()
        rows = recs.explode("theme_keys").assign(theme=lambda f: f["theme_keys"].map(labels))
    counts = rows.groupby([field, "position"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(POSITION_LABELS.values()), fill_value=0)
    total = counts.sum(axis=1)
    share = counts[POSITION_LABELS["noted"]] / total
    out = counts.stack().rename("count").reset_index()
    out["total"] = out[field].map(total)
    out["share_rejected"] = out[field].map(share)
    return out.sort_values(["share_rejected", field], ascending=[False, True])


def rejected_at_review(recs: pd.DataFrame, mask: pd.Series) -> tuple[int, int]:
    """(rejected, all) at the Working Group among the rows in `mask`: the DPRK's first
    answer, given in both reviews on the same terms."""
    part = recs[mask]
    return int((part["wg_position"] == "noted").sum()), len(part)


def mostly_rejected(recs: pd.DataFrame, threshold: float = 0.9) -> pd.DataFrame:
    """Themes whose recommendations the DPRK rejected at the Working Group at least
    `threshold` of the time, with the counts behind the share."""
    table = by(recs, "theme")
    wide = table.pivot_table(index="theme", columns="position", values="count", fill_value=0)
    out = pd.DataFrame(
        {
            "rejected": wide[POSITION_LABELS["noted"]].astype(int),
            "kept": wide[POSITION_LABELS["examine"]].astype(int),
        }
    )
    out["share"] = out["rejected"] / (out["rejected"] + out["kept"])
    out = out[out["share"] >= threshold].sort_values(["share", "rejected"], ascending=False)
    return out.assign(share=out["share"].map("{:.0%}".format)).reset_index()


def explorer_rows(recs: pd.DataFrame) -> list[dict]:
    """The rows the recommendation explorer shows, with labels, not codes."""
    labels = theme_labels()
    return [
        {
            "cycle": r.cycle,
            "id": r.recommendation_id,
            "state": r.state,
            "region": r.region,
            "relation": r.relation,
            "text": r.text,
            "theme": [labels[k] for k in r.theme_keys],
            "action": r.action,
            "position": r.position,
            "final": r.final,
            "report": r.report,
        }
        for r in recs.itertuples()
    ]
