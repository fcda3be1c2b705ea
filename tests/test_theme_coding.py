"""The site's keyword coding of UPR recommendations matches words, not fragments."""

from __future__ import annotations

import pytest

from validation import upr_coding
from validation.codebook import DATA_DIR, load_codebook


@pytest.fixture(scope="module")
def book():
    return load_codebook(DATA_DIR / f"{upr_coding.DATASET}.yml")


@pytest.mark.parametrize(
    "text",
    [
        # "media" inside "immediate", once 42 false civil-liberties codings.
        "Introduce an immediate moratorium on the use of the death penalty",
        "Close immediately all political prison camps",
        # Information given to officials or families is no freedom of information.
        "Provide law enforcement officials more information on international instruments",
        "Provide the families of those abducted with full information on their fate",
        "Eliminate from the Criminal Code the crime of guilt by association",
        "Increase the representation of women in the Supreme People's Assembly",
        "Promote prevention through education and media campaigns",
    ],
)
def test_words_that_only_look_like_civil_liberties_do_not_count(book, text):
    assert "civil_liberties" not in upr_coding.themes(text, book).split(";")


@pytest.mark.parametrize(
    "text",
    [
        "Open the information space so that all its people have access to information",
        "Ensure free access of all its citizens to information in line with ICCPR",
        "End restrictions on the right to freedom of expression",
        "Allow all religious believers to exercise their religion independently",
        "Guarantee freedom of peaceful assembly and association",
        "Create a favourable environment for journalists and civil society",
        "Release persons detained for their opinions",
    ],
)
def test_civil_liberties_are_still_found(book, text):
    assert "civil_liberties" in upr_coding.themes(text, book).split(";")


def test_the_word_who_is_not_the_world_health_organization(book):
    assert "un_cooperation" not in upr_coding.themes(
        "Refrain from punishing those who return to the country", book
    ).split(";")
    for text in (
        "Cooperate with WHO on maternal health",
        "Grant access to international organisations",
        "Grant access to international organizations",
    ):
        assert "un_cooperation" in upr_coding.themes(text, book).split(";"), text


def test_agreement_counts_every_recommendation_once_per_theme(book):
    from validation.codebook import read_raw

    raw = read_raw(book)
    table = upr_coding.agreement(raw, book)
    totals = table[["both", "site_only", "uprinfo_only", "neither"]].sum(axis=1)
    assert (totals == len(raw)).all()
    assert set(table["theme"]) <= set(book.extra["themes"])
    assert ((table["agreement"] >= 0) & (table["agreement"] <= 1)).all()


def test_kappa_is_cohens():
    import pandas as pd

    book = type("Book", (), {})()
    book.extra = {
        "themes": {"t": {"label": "T"}},
        "uprinfo_issue_themes": {"t": ["Tag"], "unmapped": []},
    }
    # 10 rows: both 4, site only 1, UPR Info only 1, neither 4.
    site = ["t"] * 4 + ["t"] + ["other"] + ["other"] * 4
    tags = ["Tag"] * 4 + ["X"] + ["Tag"] + ["X"] * 4
    row = upr_coding.agreement(pd.DataFrame({"themes": site, "uprinfo_issues": tags}), book)
    observed, expected = 0.8, 0.5 * 0.5 + 0.5 * 0.5
    assert row["agreement"].iloc[0] == observed
    assert abs(row["kappa"].iloc[0] - (observed - expected) / (1 - expected)) < 1e-12


def test_the_data_page_reports_the_agreement(site):
    page = (site / "datasets" / "upr_recommendations.html").read_text(encoding="utf-8")
    assert "The coding against UPR Info" in page and "Kappa" in page
