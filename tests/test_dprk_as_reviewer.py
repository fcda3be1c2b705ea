"""The DPRK as a reviewer: what the chapter says is what the validated rows give."""

from __future__ import annotations

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
