"""The DPRK as a reviewer: what the chapter says is what the validated rows give."""

from __future__ import annotations

import pytest
from test_site_reviewer_pages import text_of

from casebook.dprk import reviewer


def test_the_rows_are_those_of_the_exports_read():
    made = reviewer.load()
    assert len(made) == 117 and made["state_code"].nunique() == 41
    assert set(made["session"]) <= set(range(2, 21))
    # Every row names its file and record, and no record is read twice.
    assert made["source_locator"].is_unique
    assert (made["source_key"] == "uprinfo_database").all()


def test_the_group_table_adds_up_to_every_row():
    made = reviewer.load()
    table = reviewer.by_group(made)
    assert table["count"].sum() == len(made)
    totals = table.drop_duplicates("group").set_index("group")["total"]
    assert totals.to_dict() == made["group"].value_counts().to_dict()
    # Sorted by the share of calls to continue, highest first.
    shares = table.drop_duplicates("group")["share_continue"].tolist()
    assert shares == sorted(shares, reverse=True)


def test_the_chapter_states_what_the_rows_give(site):
    made = reviewer.load()
    # Pandoc prints apostrophes curly.
    page = text_of(site / "chapters" / "dprk-upr.html").replace("\u2019", "'")
    assert (
        f"records {len(made)} recommendations the DPRK made to "
        f"{made['state_code'].nunique()} States" in page
    )
    weog = made[made["upr_info_group"] == "WEOG"]
    calls = reviewer.of(weog, weog["uprinfo_action"] == reviewer.CONTINUE)
    assert f"of those to Western European and other States, {calls} did" in page
    sanctioning = reviewer.with_recorded_sanctions(made)
    assert f"received {len(sanctioning)} recommendations from it" in page
    for issue in reviewer.top_issues(made)["issue"]:
        assert issue in page
    assert 'id="fig-upr-reviewer"' in (site / "chapters" / "dprk-upr.html").read_text()
    assert "Jang and Woo" in page


def test_every_state_reviewed_has_its_votes_counted():
    made, agreeing = reviewer.load(), reviewer.agreement()
    assert set(agreeing["state_code"]) == set(made["state_code"])
    assert (agreeing["identical_votes"] <= agreeing["roll_calls"]).all()
    shares = agreeing["share_alike"].tolist()
    assert shares == sorted(shares, reverse=True)
    # The rows were counted over the years the codebook names.
    years = reviewer.window()
    assert (
        agreeing["source_locator"].str.endswith(f"dated {years['first']} to {years['last']}").all()
    )


def test_the_thirds_split_the_states_by_closeness():
    made, agreeing = reviewer.load(), reviewer.agreement()
    closeness, thirds = reviewer.by_closeness(made, agreeing)
    assert list(thirds["group"]) == list(reviewer.THIRDS)
    assert thirds["states"].sum() == len(agreeing) and thirds["states"].max() <= 14
    # Closest first, and the thirds do not overlap.
    assert thirds["low"].iloc[0] >= thirds["high"].iloc[1]
    assert thirds["low"].iloc[1] >= thirds["high"].iloc[2]
    # Every recommendation falls in the third of its State, and the chart adds up to them.
    assert closeness["group"].isin(reviewer.THIRDS).all() and len(closeness) == len(made)
    assert reviewer.by_group(closeness, list(thirds["group"]))["count"].sum() == len(made)
    share = agreeing.set_index("state_code")["share_alike"]
    for group, rows in closeness.groupby("group"):
        [bounds] = thirds[thirds["group"] == group].itertuples()
        assert share[rows["state_code"]].between(bounds.low, bounds.high).all()


def test_the_rank_correlation_is_spearmans():
    made, agreeing = reviewer.load(), reviewer.agreement()
    per_state = reviewer.continue_by_state(made, agreeing)
    rho, p, n = reviewer.rank_correlation(per_state)
    ranks = per_state.rank()
    assert rho == pytest.approx(ranks["share_alike"].corr(ranks["share_continue"]))
    assert n == 41 and 0 <= p <= 1
    assert reviewer.reading(0.3, 0.2) == "show no clear relation"
    assert reviewer.reading(0.3, 0.01) == "tend to rise together"


def test_the_closeness_section_states_what_the_rows_give(site):
    made, agreeing = reviewer.load(), reviewer.agreement()
    closeness, thirds = reviewer.by_closeness(made, agreeing)
    page = text_of(site / "chapters" / "dprk-upr.html").replace("\u2019", "'")
    name = made.drop_duplicates("state_code").set_index("state_code")["state_under_review"]
    closest, farthest = agreeing.iloc[0], agreeing.iloc[-1]
    assert f"runs from {closest.share_alike:.0%} ({name[closest.state_code]})" in page
    assert f"to {farthest.share_alike:.0%} ({name[farthest.state_code]})" in page
    near = closeness[closeness["group"] == reviewer.THIRDS[0]]
    calls = reviewer.of(near, near["uprinfo_action"] == reviewer.CONTINUE)
    assert f"Calls to continue were {calls} of the DPRK's recommendations to the closest" in page
    per_state = reviewer.continue_by_state(made, agreeing)
    rho, p, n = reviewer.rank_correlation(per_state)
    assert f"across the {n} States is {rho:.2f}".replace("-", "\u2212") in page
    # The States voting alike less than half the time are named, and the correlation
    # without them is given.
    bloc = reviewer.below_half(agreeing)
    assert ", ".join(sorted(name[bloc["state_code"]])) in page
    rest = per_state.drop(bloc["state_code"])
    rho_o, p_o, n_o = reviewer.rank_correlation(rest)
    assert f"Among the other {n_o} States the two shares {reviewer.reading(rho_o, p_o)}" in page
    assert 'id="fig-upr-reviewer-closeness"' in (site / "chapters" / "dprk-upr.html").read_text()
    assert "UN voting agreement" in page


def test_the_thirds_do_not_depend_on_the_order_of_the_rows():
    made, agreeing = reviewer.load(), reviewer.agreement()
    shuffled = agreeing.sample(frac=1, random_state=1)
    _, thirds = reviewer.by_closeness(made, agreeing)
    _, again = reviewer.by_closeness(made, shuffled)
    assert thirds.equals(again)
