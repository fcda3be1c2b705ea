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
