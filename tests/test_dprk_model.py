"""The logistic models of the DPRK's answers: fitted as described, checked, and reported
as fitted."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from test_site_reviewer_pages import text_of

from casebook.dprk import model, recommendations


@pytest.fixture(scope="module")
def fits():
    return model.all_fits(recommendations.load())


def test_every_fit_used_the_rows_selected_and_passes_its_checks(fits):
    assert {(f.model, f.variant) for f in fits} == {
        (m, v) for m in model.MODELS for v in model.VARIANTS
    }
    for f in fits:
        assert f.rows_used == f.rows_selected > 0
        e = f.estimates
        assert np.isfinite(e[["odds_ratio", "low", "high"]].to_numpy()).all()
        assert ((e["low"] <= e["odds_ratio"]) & (e["odds_ratio"] <= e["high"])).all()


def test_the_main_models_are_clustered_fits_of_the_rows_described(fits):
    recs = recommendations.load()
    main = {f.model: f for f in fits if f.variant == "main"}
    # (a): every recommendation but the observer's; (b): cycle 2, kept for examination.
    assert main["rejected"].rows_used == len(recs) - (recs["region"] == model.OBSERVER).sum()
    kept = recs[(recs["cycle_number"] == 2) & (recs["wg_position"] == "examine")]
    assert main["supported"].rows_used == len(kept[kept["region"] != model.OBSERVER])
    for f in main.values():
        assert f.method.startswith("Logistic regression, standard errors clustered")
        assert f.clusters > 50


def test_the_separation_the_chapter_describes_is_in_the_data():
    # "UPR Info's categories 1 and 2 were never rejected and always supported."
    recs = recommendations.load()
    low = recs[recs["uprinfo_action"].isin([1, 2])]
    assert len(low) and (low["wg_position"] == "examine").all()
    examined = low[low["cycle_number"] == 2]
    assert len(examined) and (examined["response"] == "supported").all()
    frame = model.rows(recs, "rejected")
    design = model.design(frame, "rejected", "firth")
    assert "Action category 2 (vs 1)" in model.separated_by(design, frame["y"])


def test_firths_fit_matches_its_closed_form_on_a_two_by_two_table():
    # With one binary predictor, Firth's estimate is the log odds ratio with a half
    # added to every cell, even where a cell is empty and ordinary estimates diverge.
    x = np.array([0] * 10 + [1] * 5, dtype=float)
    y = np.array([1] * 3 + [0] * 7 + [1] * 5, dtype=float)
    beta, _ = model.firth(y, np.column_stack([np.ones_like(x), x]))
    expected = math.log((5.5 / 0.5) / (3.5 / 7.5))
    assert beta[1] == pytest.approx(expected, abs=1e-6)
    assert beta[0] == pytest.approx(math.log(3.5 / 7.5), abs=1e-6)


def test_a_fit_that_broke_its_checks_is_refused():
    good = pd.DataFrame({"term": ["t"], "odds_ratio": [2.0], "low": [1.0], "high": [4.0]})

    def make(estimates, used=10):
        return model.Fit("m", "v", 10, used, 5, "x", estimates)

    model.check(make(good))
    with pytest.raises(ValueError, match="used 9 rows of the 10 selected"):
        model.check(make(good, used=9))
    with pytest.raises(ValueError, match="not finite"):
        model.check(make(good.assign(high=[math.inf])))
    with pytest.raises(ValueError, match="does not contain its estimate"):
        model.check(make(good.assign(low=[3.0])))


def test_the_chapter_reports_the_fitted_values(site, fits):
    page = text_of(site / "chapters" / "dprk-upr.html").replace("\u2019", "'")
    main = {f.model: f for f in fits if f.variant == "main"}
    for f in main.values():
        for term in ("Sensitive theme", "Reviewer's own sanctions in force"):
            assert model.interval(f, term) in page
    assert f"over the {main['rejected'].rows_used} recommendations" in page
    assert 'id="fig-upr-model"' in (site / "chapters" / "dprk-upr.html").read_text()


def test_separation_is_found_at_every_level_of_a_factor():
    X = pd.DataFrame(
        {
            "Intercept": 1.0,
            "Sensitive theme": [0, 0, 0, 1, 1, 1],
            "B (vs A)": [0, 1, 0, 1, 0, 0],
            "C (vs A)": [0, 0, 1, 0, 1, 0],
        },
        dtype=float,
    )
    # Rows not sensitive never have the outcome; nor do C's two rows (2 and 4).
    y = pd.Series([0, 0, 0, 1, 0, 1], dtype=float)
    assert model.separated_by(X, y) == ["not sensitive theme", "C (vs A)"]
    # The reference level A (rows 0 and 5, where B and C are 0) always has it; B never.
    y = pd.Series([1, 0, 1, 0, 0, 1], dtype=float)
    assert model.separated_by(X, y) == ["B (vs A)", "A (the reference)"]


def test_firths_estimates_set_the_modified_score_to_zero():
    recs = recommendations.load()
    frame = model.rows(recs, "rejected")
    X = model.design(frame, "rejected", "firth").to_numpy()
    y = frame["y"].to_numpy()
    beta, cov = model.firth(y, X)
    p = 1 / (1 + np.exp(-X @ beta))
    w = p * (1 - p)
    hat = w * np.einsum("ij,jk,ik->i", X, cov, X)
    assert np.max(np.abs(X.T @ (y - p + hat * (0.5 - p)))) < 1e-6


def test_the_sanctions_term_says_how_few_states_it_rests_on(fits):
    recs = recommendations.load()
    main = next(f for f in fits if f.model == "rejected" and f.variant == "main")
    sanctioned = recs[
        (recs["relation"] == recommendations.SANCTIONS) & (recs["region"] != model.OBSERVER)
    ]
    assert (main.sanctioned_rows, main.sanctioned_states) == (
        len(sanctioned),
        sanctioned["state_code"].nunique(),
    )
    assert main.region_joint_p is not None and 0 <= main.region_joint_p <= 1


def test_the_second_scheme_reads_sensitivity_from_upr_infos_tags(fits):
    recs = recommendations.load()
    # 124.44 (information on human rights for law enforcement officials): the keywords
    # find justice, a sensitive theme; UPR Info tags human rights education, which is not.
    row = recs[(recs["cycle_number"] == 2) & (recs["recommendation_id"] == "124.44")].iloc[0]
    assert row["uprinfo_issues"] == "Human rights education and training, International instruments"
    assert bool(row["sensitive"]) and not bool(row["uprinfo_sensitive"])
    tagged = recs[recs["uprinfo_issues"].str.contains("Torture and other CID treatment")]
    assert len(tagged) and tagged["uprinfo_sensitive"].all()
    tags_only = recs[recs["uprinfo_issues"] == "Right to food"]
    assert len(tags_only) and not tags_only["uprinfo_sensitive"].any()
    variant = next(f for f in fits if f.variant == "uprinfo_sensitivity" and f.model == "rejected")
    assert (
        variant.rows_used
        == next(f for f in fits if f.variant == "main" and f.model == "rejected").rows_used
    )
