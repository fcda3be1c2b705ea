"""The Final Act's principles and parts: the table and the Helsinki chapter say what the
validated rows give."""

from __future__ import annotations

from test_site_reviewer_pages import text_of

from casebook import helsinki


def test_ten_principles_under_the_security_part_and_four_parts():
    act = helsinki.final_act()
    principles = act[act["item_kind"] == "principle"]
    assert list(principles["numeral"]) == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
    ]
    assert set(principles["part_id"]) == {"part_security"}
    assert (act["item_kind"] == "part").sum() == 4
    assert (
        principles.set_index("numeral")
        .loc["VII", "title"]
        .startswith("Respect for human rights and fundamental freedoms")
    )


def test_the_table_puts_each_principle_under_its_part():
    rows = helsinki.final_act_rows(helsinki.final_act())
    assert list(rows["item_id"][:11]) == ["part_security"] + [
        f"principle_{i:02d}" for i in range(1, 11)
    ]
    assert rows["item_id"][11:].tolist() == [
        "part_economics",
        "part_humanitarian",
        "part_follow_up",
    ]
    # Every row says who names it, or a dash; no missing value leaks into the page.
    assert not rows["named_by"].str.contains("nan").any()
    named = rows.set_index("item_id")["named_by"]
    assert named["principle_03"] == "–"
    assert (
        named["principle_07"]
        == "Park: \u201crespect for human rights and fundamental freedoms\u201d"
    )
    assert named["part_humanitarian"].startswith("Park: \u201chuman dimension\u201d; Mansourov: ")
    # Inner double quotes are made single, so a quotation never closes early.
    assert "basket ('the third basket') is" in named["part_humanitarian"]


def test_the_chapter_states_what_the_rows_give(site):
    page = site / "chapters" / "helsinki.html"
    text = text_of(page).replace("\u2019", "'")
    assert 'id="tbl-final-act"' in page.read_text()
    act = helsinki.final_act()
    named = act.dropna(subset=["seed001_words"])
    numerals = list(named.loc[named["item_kind"] == "principle", "numeral"])
    listed = f"{', '.join(numerals[:-1])} and {numerals[-1]}"
    assert f"names three of the ten: {listed}" in text and len(numerals) == 3
    assert "opens with a declaration of ten principles" in text
    assert "none of them is one of the Act's ten by name" in text
    for title in act["title"]:
        assert title in text


def test_the_table_order_does_not_depend_on_the_csv_order():
    act = helsinki.final_act()
    shuffled = act.sort_values("item_id", ascending=False)
    assert helsinki.final_act_rows(shuffled)["item_id"].tolist() == (
        helsinki.final_act_rows(act)["item_id"].tolist()
    )
    assert list(helsinki.final_act_rows(act)["item_id"][:1]) == [helsinki.PART_ORDER[0]]
