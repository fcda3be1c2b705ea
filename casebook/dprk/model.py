"""Does the messenger change the answer? Logistic models of the DPRK's positions on the
recommendations of 2009 and 2014, to test the claim of Park and Kim (2024, seed 003) that
the reviewer's relationship with Pyongyang does not significantly change the odds that a
specific or sensitive recommendation is accepted.

Two outcomes (MODELS): (a) rejection at the Working Group, both cycles; (b) final support
among the recommendations kept for examination, cycle 2 (partial support counts as
support). Predictors: a sensitive theme (the site's coding), UPR Info's action category,
the reviewer's own sanctions in force at the review, its UN regional group, and (a) the
cycle. Standard errors are clustered by recommending State. UPR Info's categories 1 and 2
never draw a rejection and are always supported, which separates the outcome: the main
models merge categories 1 to 3; a Firth-type penalised fit keeps all five (VARIANTS).

Every fit is checked before it is shown (`check`): it used exactly the rows selected, its
estimates are finite and each interval contains its estimate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import altair as alt
import numpy as np
import pandas as pd

from casebook.charts import FILL, scale
from casebook.dprk import recommendations
from casebook.theme import MUTED, RESPONSE_COLOURS, finish

# Reference levels: the most common category, so the others read as departures from it.
REFERENCE_REGION = "Asia-Pacific States"
MERGED_ACTIONS = {1: "1-3", 2: "1-3", 3: "1-3", 4: "4", 5: "5"}
# Among sensitive or specific recommendations only, few are below category 4.
SPECIFIC_OR_NOT = {1: "1-4", 2: "1-4", 3: "1-4", 4: "1-4", 5: "5"}
ALL_ACTIONS = {rank: str(rank) for rank in range(1, 6)}
OBSERVER = "Observer (no group)"

MODELS = {
    "rejected": "(a) Rejected at the Working Group, cycles 1 and 2",
    "supported": "(b) Finally supported, cycle 2, among those kept for examination",
}
VARIANTS = {
    "main": "Main model",
    "sensitive_or_specific": "Sensitive or specific (category 5) recommendations only",
    "firth": "Penalised (Firth), all five action categories",
    "single_theme": "Recommendations with one theme only",
    "region_only": "Regional group, no sanctions term",
    "sanctions_only": "Sanctions, no regional group term",
    "uprinfo_sensitivity": "Sensitivity read from UPR Info's issue tags",
}


@dataclass
class Fit:
    model: str
    variant: str
    rows_selected: int
    rows_used: int
    clusters: int
    method: str
    estimates: pd.DataFrame = field(repr=False)  # term, odds_ratio, low, high, p_value
    # The regional group's terms tested together (clustered fits only), and how many
    # recommendations, from how many States, the sanctions term rests on.
    region_joint_p: float | None = None
    sanctioned_rows: int = 0
    sanctioned_states: int = 0


def rows(recs: pd.DataFrame, model: str) -> pd.DataFrame:
    """The recommendations a model is fitted to, with its outcome as `y`. The one
    observer's recommendation (Palestine: no regional group) is left out of both."""
    frame = recs[recs["region"] != OBSERVER]
    if model == "rejected":
        return frame.assign(y=(frame["wg_position"] == "noted").astype(float))
    if model == "supported":
        kept = frame[(frame["cycle_number"] == 2) & (frame["wg_position"] == "examine")]
        supported = kept["response"].isin(["supported", "partially_supported"])
        return kept.assign(y=supported.astype(float))
    raise ValueError(f"unknown model {model!r}")


def design(frame: pd.DataFrame, model: str, variant: str) -> pd.DataFrame:
    """The predictors as named columns (one per term level), with an intercept."""
    actions = {"firth": ALL_ACTIONS, "sensitive_or_specific": SPECIFIC_OR_NOT}.get(
        variant, MERGED_ACTIONS
    )
    action = frame["uprinfo_action"].astype(int).map(actions)
    columns = {"Intercept": 1.0, "Sensitive theme": frame["sensitive"].astype(float)}
    for level in sorted(set(actions.values()))[1:]:
        columns[f"Action category {level} (vs {min(actions.values())})"] = (action == level).astype(
            float
        )
    if variant != "region_only":
        columns["Reviewer's own sanctions in force"] = (
            frame["relation"] == recommendations.SANCTIONS
        ).astype(float)
    if variant != "sanctions_only":
        for region in sorted(set(frame["region"]) - {REFERENCE_REGION}):
            columns[f"{region} (vs {REFERENCE_REGION})"] = (frame["region"] == region).astype(float)
    if model == "rejected":
        columns["Cycle 2 (vs cycle 1)"] = (frame["cycle_number"] == 2).astype(float)
    return pd.DataFrame(columns, index=frame.index)


def fit(recs: pd.DataFrame, model: str, variant: str = "main") -> Fit:
    """Fit one model variant: a logistic regression with errors clustered by recommending
    State, or Firth's penalised fit where the variant asks for it or where a predictor
    separates the outcome (the ordinary fit's estimates would then run off to infinity)."""
    frame = rows(recs, model)
    if variant == "single_theme":
        frame = frame[frame["theme_keys"].map(len) == 1]
    if variant == "sensitive_or_specific":  # the recommendations seed 003's claim is about
        frame = frame[frame["sensitive"] | (frame["uprinfo_action"] == 5)]
    if variant == "uprinfo_sensitivity":  # the second theme scheme: UPR Info's own tags
        frame = frame.assign(sensitive=frame["uprinfo_sensitive"])
    X, y = design(frame, model, variant), frame["y"]
    separating = separated_by(X, y)
    region_joint_p = None
    sanctioned = frame[frame["relation"] == recommendations.SANCTIONS]
    if variant == "firth" or separating:
        params, cov = firth(y.to_numpy(), X.to_numpy())
        se = np.sqrt(np.diag(cov))
        z = NORMAL_95 * se
        low, high = params - z, params + z
        p_values = 2 * norm_sf(np.abs(params / se))
        reason = f"; the outcome is separated by {', '.join(separating)}" if separating else ""
        method = (
            "Firth-penalised logistic regression, Wald intervals from the penalised "
            f"information, not clustered{reason}"
        )
        used = len(y)
    else:
        import statsmodels.api as sm

        groups = frame["state_code"].astype("category").cat.codes
        result = sm.GLM(y, X, family=sm.families.Binomial()).fit(
            cov_type="cluster", cov_kwds={"groups": groups}
        )
        params = result.params.to_numpy()
        interval = result.conf_int().to_numpy()
        low, high = interval[:, 0], interval[:, 1]
        p_values = result.pvalues.to_numpy()
        method = "Logistic regression, standard errors clustered by recommending State"
        used = int(result.nobs)
        regions = [c for c in X.columns if c.endswith(f"(vs {REFERENCE_REGION})")]
        if regions:
            joint = result.wald_test(
                np.eye(len(X.columns))[[list(X.columns).index(c) for c in regions]],
                scalar=True,
            )
            region_joint_p = float(joint.pvalue)
    estimates = pd.DataFrame(
        {
            "term": X.columns,
            "odds_ratio": np.exp(params),
            "low": np.exp(low),
            "high": np.exp(high),
            "p_value": p_values,
        }
    )
    out = Fit(
        model=model,
        variant=variant,
        rows_selected=len(frame),
        rows_used=used,
        clusters=frame["state_code"].nunique(),
        method=method,
        estimates=estimates[estimates["term"] != "Intercept"].reset_index(drop=True),
        region_joint_p=region_joint_p,
        sanctioned_rows=len(sanctioned),
        sanctioned_states=sanctioned["state_code"].nunique(),
    )
    check(out)
    return out


NORMAL_95 = 1.959963984540054  # the normal distribution's 97.5th percentile


def norm_sf(z: np.ndarray) -> np.ndarray:
    from scipy.stats import norm

    return norm.sf(z)


def factors(columns: list[str]) -> dict[str, list[str]]:
    """The design's columns grouped into the factors they code: a categorical factor's
    columns share their reference ("... (vs Asia-Pacific States)"); any other column is a
    factor of its own, coded 1 or 0."""
    out: dict[str, list[str]] = {}
    for column in columns:
        if column != "Intercept":
            key = column[column.index(" (vs ") :] if " (vs " in column else column
            out.setdefault(key, []).append(column)
    return out


def separated_by(X: pd.DataFrame, y: pd.Series) -> list[str]:
    """The levels of a factor (every level, its reference included) whose rows all share
    one outcome: one cause of separation, under which ordinary estimates run off to
    infinity (separation by a combination of factors is not looked for)."""
    found = []
    for key, columns in factors(list(X.columns)).items():
        levels = {column: X[column] == 1 for column in columns}
        reference = ~np.logical_or.reduce(list(levels.values()))
        if key.startswith(" (vs "):
            reference_name = key.strip(" ()").removeprefix("vs ")
            if reference_name[0].isdigit():  # "1-3": name it as its factor does
                factor = columns[0].split(" (vs ")[0].rsplit(" ", 1)[0]
                reference_name = f"{factor} {reference_name}"
            levels[f"{reference_name} (the reference)"] = reference
        else:
            levels[f"not {key[0].lower()}{key[1:]}"] = reference
        for label, mask in levels.items():
            if mask.any() and y[mask].nunique() == 1:
                found.append(label)
    return found


def firth(y: np.ndarray, X: np.ndarray, tol: float = 1e-8, max_steps: int = 500):
    """Firth's penalised maximum likelihood for logistic regression (Jeffreys prior), by
    Newton steps on the modified score, each at most 5 long and halved while the
    penalised likelihood falls (as R's logistf does); converged where the modified score
    is near zero. Returns the estimates and the inverse of the information at them."""

    def state(beta):
        p = np.clip(1 / (1 + np.exp(-np.clip(X @ beta, -30, 30))), 1e-12, 1 - 1e-12)
        w = p * (1 - p)
        info = X.T @ (X * w[:, None])
        cov = np.linalg.inv(info)
        hat = w * np.einsum("ij,jk,ik->i", X, cov, X)
        score = X.T @ (y - p + hat * (0.5 - p))
        loglik = np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))
        return cov, score, loglik + 0.5 * np.linalg.slogdet(info)[1]

    beta = np.zeros(X.shape[1])
    cov, score, penalised = state(beta)
    for _ in range(max_steps):
        if np.max(np.abs(score)) < tol:
            return beta, cov
        step = cov @ score
        step *= min(1.0, 5.0 / np.max(np.abs(step)))
        for _ in range(30):
            candidate = beta + step
            new = state(candidate)
            if new[2] >= penalised - 1e-12:
                break
            step = step / 2
        else:
            break  # no step raises the penalised likelihood: stalled
        beta, (cov, score, penalised) = candidate, new
    if np.max(np.abs(score)) < 1e-6:
        return beta, cov
    raise RuntimeError("Firth's fit did not converge")


def check(result: Fit) -> None:
    """Refuse a fit that used other rows than those selected, gave a non-finite estimate
    or an interval that does not contain its estimate."""
    e = result.estimates
    problems = []
    if result.rows_used != result.rows_selected:
        problems.append(f"used {result.rows_used} rows of the {result.rows_selected} selected")
    values = e[["odds_ratio", "low", "high"]].to_numpy()
    if not np.isfinite(values).all():
        problems.append("an estimate or bound is not finite")
    if not ((e["low"] <= e["odds_ratio"]) & (e["odds_ratio"] <= e["high"])).all():
        problems.append("an interval does not contain its estimate")
    if problems:
        raise ValueError(f"model {result.model}, {result.variant}: " + "; ".join(problems))


def all_fits(recs: pd.DataFrame) -> list[Fit]:
    return [fit(recs, model, variant) for model in MODELS for variant in VARIANTS]


# ---- For the chapter: the main models' odds ratios as a chart, every fit as a table ----

# Short names, so the chart's labels fit a phone's width (the tables give the full ones).
CHART_MODELS = {"rejected": "(a) Rejected at review", "supported": "(b) Finally supported"}
MODEL_COLOURS = {
    CHART_MODELS["rejected"]: RESPONSE_COLOURS["Rejected (noted)"],
    CHART_MODELS["supported"]: RESPONSE_COLOURS["Supported"],
}


def short_term(term: str) -> str:
    """'Western European and other States (vs Asia-Pacific States)' -> 'Western European
    and other'; the references are named in the figure's caption."""
    term = term.split(" (vs ")[0].removesuffix(" States")
    return {
        "Reviewer's own sanctions in force": "Own sanctions in force",
        "Latin American and Caribbean": "Latin America and Caribbean",
    }.get(term, term)


def odds_ratios(fits: list[Fit], variant: str = "main") -> pd.DataFrame:
    """One row per model and term: odds ratio and 95% interval, for the chart."""
    parts = [
        f.estimates.assign(
            model=CHART_MODELS[f.model],
            label=f.estimates["term"].map(short_term),
            rows=f.rows_used,
            states=f.clusters,
        )
        for f in fits
        if f.variant == variant
    ]
    return pd.concat(parts, ignore_index=True)


def number(x: float) -> str:
    """An odds ratio or bound as a reader reads it: 12, 2.9, 0.093, <0.001."""
    if x >= 10:
        return f"{x:,.0f}"
    if x >= 0.001:
        return f"{x:.2g}"
    return "<0.001"


def interval(f: Fit, term: str) -> str:
    """'6.5 (95% CI 2.3 to 18)' for prose."""
    row = f.estimates.set_index("term").loc[term]
    return f"{number(row.odds_ratio)} (95% CI {number(row.low)} to {number(row.high)})"


def across_variants(fits: list[Fit], model: str, term: str) -> dict:
    """A term's estimates over every variant of a model that has it: lowest and highest
    odds ratio, and in how many variants the interval excludes 1."""
    rows = [
        f.estimates.set_index("term").loc[term]
        for f in fits
        if f.model == model and term in set(f.estimates["term"])
    ]
    return {
        "variants": len(rows),
        "lowest": number(min(r.odds_ratio for r in rows)),
        "highest": number(max(r.odds_ratio for r in rows)),
        "excluding_one": sum(not (r.low <= 1 <= r.high) for r in rows),
        "all_above_one": all(r.odds_ratio > 1 for r in rows),
        "all_below_one": all(r.odds_ratio < 1 for r in rows),
    }


def p_value(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def includes_one(f: Fit, term: str) -> bool:
    row = f.estimates.set_index("term").loc[term]
    return bool(row.low <= 1 <= row.high)


def table(fits: list[Fit], model: str) -> pd.DataFrame:
    """Terms down, variants across: 'odds ratio (low-high)' per cell, then rows and States."""
    chosen = [f for f in fits if f.model == model]
    terms = list(dict.fromkeys(t for f in chosen for t in f.estimates["term"]))
    out = pd.DataFrame({"term": terms})
    for f in chosen:
        cells = {
            r.term: f"{number(r.odds_ratio)} ({number(r.low)}–{number(r.high)})"
            for r in f.estimates.itertuples()
        }
        out[f.variant] = out["term"].map(cells).fillna("")
    counts = pd.DataFrame(
        [
            {"term": "Recommendations", **{f.variant: str(f.rows_used) for f in chosen}},
            {
                "term": "Recommending States (clusters)",
                **{f.variant: str(f.clusters) for f in chosen},
            },
        ]
    )
    return pd.concat([out, counts], ignore_index=True)


def headers(fits: list[Fit], model: str) -> dict[str, str]:
    """Column labels for table(): each variant's name, marked where Firth's fit was used."""
    out = {"term": "Term"}
    for f in fits:
        if f.model == model:
            penalised = " (Firth)" if f.method.startswith("Firth") and f.variant != "firth" else ""
            out[f.variant] = VARIANTS[f.variant] + penalised
    return out


def chart(table: pd.DataFrame) -> alt.LayerChart:
    """Odds ratios with their 95% intervals, on a log scale, one colour per model."""
    labels = list(dict.fromkeys(table["label"]))
    base = alt.Chart(table).encode(
        y=alt.Y("label:N", title=None, sort=labels),
        yOffset=alt.YOffset("model:N"),
        color=alt.Color("model:N", title="Model", scale=scale(MODEL_COLOURS)),
    )
    tooltip = [
        alt.Tooltip("model:N", title="Model"),
        alt.Tooltip("term:N", title="Term"),
        alt.Tooltip("odds_ratio:Q", title="Odds ratio", format=".2f"),
        alt.Tooltip("low:Q", title="95% interval from", format=".2f"),
        alt.Tooltip("high:Q", title="to", format=".2f"),
        alt.Tooltip("rows:Q", title="Recommendations"),
        alt.Tooltip("states:Q", title="Recommending States"),
    ]
    x = alt.X(
        "odds_ratio:Q",
        title="Odds ratio (log scale)",
        scale=alt.Scale(type="log"),
    )
    bars = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("low:Q", scale=alt.Scale(type="log")), x2="high:Q", tooltip=tooltip
    )
    points = base.mark_point(filled=True, size=50).encode(x=x, tooltip=tooltip)
    # The line of no difference, drawn once from the same rows (so that the chart's CSV
    # holds only the estimates).
    one = (
        alt.Chart(table)
        .transform_aggregate(estimates="count()")
        .mark_rule(color=MUTED, strokeDash=[4, 3], aria=False)  # decorative: the axis says it
        .encode(x=alt.datum(1))
    )
    layered = alt.layer(one, bars, points).properties(width=FILL, height=alt.Step(30))
    return finish(layered, _description(table))


def _description(table: pd.DataFrame) -> str:
    parts = [
        f"{r.model}, {r.term}: {number(r.odds_ratio)} ({number(r.low)} to {number(r.high)})"
        for r in table.itertuples()
    ]
    return "Odds ratios with 95% intervals from two logistic models. " + "; ".join(parts) + "."
