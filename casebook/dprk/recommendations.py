"""The DPRK's UPR recommendations, one row each, shaped for the chapter's charts and explorer."""

from __future__ import annotations

import altair as alt
import pandas as pd
from IPython.display import Markdown

from casebook import datasets
from casebook.charts import FILL, lower_first, scale
from casebook.dprk import upr
from casebook.site import bibliography, rows
from casebook.site import explorer as explorer_component
from casebook.site.markdown import from_page
from casebook.theme import (
    INK,
    POSITION_COLOURS,
    finish,
)
from validation import dates
from validation.suites.upr_cycles import FINAL_RESPONSES

DATASET = "upr_recommendations"
REVIEWERS = "upr_reviewers"
EXPLORER = "upr-explorer"  # the explorer's id, which the linked charts name

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


def uprinfo_sensitive(issues: pd.Series) -> pd.Series:
    """Whether UPR Info's tags put a recommendation under a sensitive theme, through the
    codebook's mapping of tags to themes (a second reading of sensitivity)."""
    sensitive = sensitive_themes()
    tags = {
        tag
        for theme, mapped in _scheme("uprinfo_issue_themes").items()
        if theme in sensitive
        for tag in mapped
    }
    return issues.map(lambda text: any(t.strip() in tags for t in text.split(",")))


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
        uprinfo_sensitive=uprinfo_sensitive(recs["uprinfo_issues"]),
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
    counted = recs
    if field == "theme":
        labels = theme_labels()
        counted = recs.explode("theme_keys").assign(theme=lambda f: f["theme_keys"].map(labels))
    counts = counted.groupby([field, "position"]).size().unstack(fill_value=0)
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
    """The explorer's rows: labels, not codes, and beside every value its source and
    where in it, as the CSV download carries them."""
    labels = theme_labels()
    reviewers = datasets.load(REVIEWERS).set_index("state_code")
    data_page = from_page(rows.PAGES_DIR / f"{DATASET}.html")

    def cited(key) -> str:
        return bibliography.short(key) if isinstance(key, str) else ""

    def text(value) -> str:
        return value if isinstance(value, str) else ""

    out = []
    for r in recs.itertuples():
        reviewer = reviewers.loc[r.state_code]
        key = rows.evidence_id(DATASET, f"{r.cycle_number}/{r.recommendation_id}")
        out.append(
            {
                "cycle": r.cycle,
                "cycle_number": int(r.cycle_number),
                "id": r.recommendation_id,
                "report": r.report,
                "href": f"{data_page}#{rows.anchor(key)}",
                "numbered": f"Numbered in {r.report}; its row on the Data page",
                "state": r.state,
                "state_code": r.state_code,
                "text": r.text,
                "theme": [labels[k] for k in r.theme_keys],
                "sensitive": "yes" if r.sensitive else "no",
                "action": r.action,
                "action_source": cited("uprinfo_database"),
                "position": r.position,
                "source": cited(r.source_key),
                "source_locator": r.source_locator,
                "source_key": r.source_key,
                "final": r.final,
                "response_source": cited(r.response_source_key),
                "response_locator": text(r.response_locator),
                "response_source_key": text(r.response_source_key),
                "region": r.region,
                "region_source": cited(reviewer["group_source_key"]),
                "region_locator": text(reviewer["group_locator"]),
                "relation": r.relation,
                "sanctions_from": text(reviewer["own_sanctions_from"]),
                "sanctions_source": cited(reviewer["sanctions_source_key"]),
                "sanctions_locator": text(reviewer["sanctions_locator"]),
            }
        )
    return out


def explorer(recs: pd.DataFrame) -> Markdown:
    """The chapter's recommendation explorer (assets/explorer.js), linked to the charts
    drawn by casebook.dprk.recommendations.upr_positions_by."""
    E = explorer_component
    return E.explorer(
        EXPLORER,
        explorer_rows(recs),
        dataset=DATASET,
        caption=(
            "Recommendations to the DPRK, cycles 1 and 2, as numbered in A/HRC/13/13 and "
            "A/HRC/27/10; each number links to its row, sources and locators on the Data page."
        ),
        noun=("recommendation", "recommendations"),
        default_order="Cycle and number, as in the reports",
        # The widths sum to under 57.5rem with padding, below which rows become cards.
        columns=[
            E.Column("cycle", "Cycle", "4.5rem"),
            E.Column("id", "No.", "4rem", link="href", title="numbered"),
            E.Column("state", "Recommending State", "minmax(9rem, 1fr)"),
            E.Column("text", "Recommendation", "minmax(11rem, 3fr)"),
            E.Column("theme", "Themes (site's coding)", "minmax(7.5rem, 1.5fr)"),
            E.Column("action", "Action (UPR Info)", "5.5rem"),
            E.Column("position", "At the Working Group", "6rem"),
            E.Column("final", "Final response", "6rem"),
        ],
        facets=[
            E.Facet("cycle", "Cycle"),
            E.Facet("position", "At the Working Group", tuple(POSITION_LABELS.values())),
            E.Facet("final", "Final response", (*RESPONSE_LABELS.values(), NOT_ESTABLISHED)),
            E.Facet("theme", "Theme"),
            E.Facet("action", "Action (UPR Info)", tuple(action_labels().values())),
            E.Facet("region", "Regional group"),
            E.Facet("relation", "Reviewer's sanctions", (SANCTIONS, NO_SANCTIONS)),
            E.Facet("state", "Recommending State"),
        ],
        search={"text": "the recommendation", "state": "the State", "theme": "the themes"},
        export={
            "cycle_number": "Cycle",
            "id": "Recommendation number",
            "report": "Working Group report",
            "state": "Recommending State",
            "state_code": "Recommending State (ISO 3166-1 alpha-3)",
            "text": "Recommendation",
            "position": "Position at the Working Group",
            "source": "Source of the text and position",
            "source_locator": "Where in that source",
            "source_key": "That source's key in references.bib",
            "final": "Final response",
            "response_source": "Source of the final response",
            "response_locator": "Where in that source (final response)",
            "response_source_key": "That source's key in references.bib (final response)",
            "theme": "Themes (site's keyword coding)",
            "sensitive": "Touches a sensitive theme (site's coding)",
            "action": "Action category (UPR Info)",
            "action_source": "Source of the action category",
            "region": "UN regional group of the recommending State",
            "region_source": "Source of the regional group",
            "region_locator": "Where in that source (regional group)",
            "relation": "Recommending State's own sanctions on the DPRK at the review",
            "sanctions_from": "Own sanctions from (as the source dates them)",
            "sanctions_source": "Source of the sanctions date",
            "sanctions_locator": "Where in that source (sanctions)",
        },
    )


# ---- Chart ----


def upr_positions_by(table: pd.DataFrame, field: str, title: str, explorer: str) -> alt.Chart:
    """Stacked bars of Working Group positions per category, most often rejected first.

    `table` is casebook.dprk.recommendations.by(). The chart is linked to the explorer
    `explorer` (assets/explorer.js): a click on a bar selects exactly its category and
    position there, and the explorer sets the parameters ``selected_<field>`` and
    ``selected_position`` to what it has selected, which the bars highlight.
    """
    order = list(dict.fromkeys(table[field]))
    if field == "action":  # UPR Info's categories are ranks: keep them in order
        order = sorted(order)
    fields = [field, "position"]
    params = [alt.param(name=f"selected_{f}", value=[]) for f in fields]
    any_selected = " || ".join(f"length(selected_{f}) > 0" for f in fields)
    matches = " && ".join(
        f"(length(selected_{f}) == 0 || indexof(selected_{f}, datum[{f!r}]) >= 0)" for f in fields
    )
    chart = (
        alt.Chart(table)
        .mark_bar(cursor="pointer", stroke=INK)
        .encode(
            y=alt.Y(f"{field}:N", title=None, sort=order),
            x=alt.X("count:Q", title="Recommendations", stack="zero"),
            color=alt.Color(
                "position:N",
                title="Working Group position",
                scale=scale(POSITION_COLOURS),
            ),
            order=alt.Order("position:N", sort="descending"),
            # What the explorer selects stays solid and outlined; the rest fades.
            opacity=alt.condition(
                f"!({any_selected}) || ({matches})", alt.value(1), alt.value(0.3)
            ),
            strokeWidth=alt.condition(
                f"({any_selected}) && ({matches})", alt.value(1.5), alt.value(0)
            ),
            tooltip=[
                alt.Tooltip(f"{field}:N", title=title),
                alt.Tooltip("position:N", title="Position"),
                alt.Tooltip("count:Q", title="Recommendations"),
                alt.Tooltip("total:Q", title="All in this group"),
                alt.Tooltip("share_rejected:Q", title="Share rejected", format=".0%"),
            ],
        )
        .add_params(*params)
        .properties(width=FILL, height=alt.Step(20))
    )
    link = {"explorer": explorer, "fields": fields}
    return finish(chart, _positions_description(table, field, title), link=link)


def _positions_description(table: pd.DataFrame, field: str, title: str) -> str:
    shares = table.drop_duplicates(field)
    parts = [
        f"{row[field]}, {row['share_rejected']:.0%} of {row['total']}"
        for _, row in shares.iterrows()
    ]
    return (
        f"Bar chart of the DPRK's Working Group positions by {lower_first(title)}, "
        "cycles 1 and 2. Share rejected in each group: "
        + "; ".join(parts)
        + ". Click a bar to list its recommendations in the explorer."
    )
