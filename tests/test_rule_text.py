"""Every validation rule reads as a sentence made from its definition."""

from __future__ import annotations

import re

import pytest

from casebook.site import rule_text
from validation.codebook import PROJECT_DIR, RESULTS_DIR, codebooks, read_result

RULE_MODULES = sorted((PROJECT_DIR / "validation").rglob("*.py"))


def rule_types_in_code() -> set[str]:
    """Every Great Expectations rule class the validation code builds, as rule types."""
    classes = {
        name
        for path in RULE_MODULES
        for name in re.findall(r"gxe\.(Expect\w+)", path.read_text(encoding="utf-8"))
    }
    return {rule_text.rule_type(c) for c in classes}


def test_every_rule_type_in_the_validation_code_has_a_sentence_template():
    used = rule_types_in_code()
    assert used, "no rules found in validation/"
    missing = used - set(rule_text.TEMPLATES)
    assert not missing, f"rule types without a sentence template: {sorted(missing)}"


def test_rule_type_names_follow_great_expectations():
    assert (
        rule_text.rule_type("ExpectColumnPairValuesAToBeGreaterThanB")
        == "expect_column_pair_values_a_to_be_greater_than_b"
    )


@pytest.mark.skipif(not RESULTS_DIR.exists(), reason="no validation results: run the build")
def test_every_recorded_check_reads_as_a_plain_sentence():
    for book in codebooks():
        for check in read_result(book.name)["checks"]:
            text = rule_text.sentence(check, book)
            assert text.endswith((".", ")")), text
            assert "expect_" not in text and "Expect" not in text, text
            regex = check["arguments"].get("regex")
            assert not regex or regex not in text, text


def book(name: str):
    return next(b for b in codebooks() if b.name == name)


def test_sentences_name_what_the_arguments_say():
    recs = book("upr_recommendations")
    reference = {
        "rule": "expect_column_values_to_be_in_set",
        "column": "state_code",
        "arguments": {"value_set": ["AGO", "ARG"]},
        "notes": "",
    }
    assert rule_text.sentence(reference, recs) == (
        "Every value of `state_code` is a `state_code` listed in Recommending States "
        "(`upr_reviewers`)."
    )
    between = {
        "rule": "expect_column_values_to_be_between",
        "column": "cycle_number",
        "arguments": {"min_value": 1.0, "max_value": 4.0},
        "notes": "",
    }
    assert (
        rule_text.sentence(between, recs) == "Every value of `cycle_number` lies between 1 and 4."
    )
    date = {
        "rule": "expect_column_values_to_match_regex",
        "column": "date",
        "arguments": {"regex": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        "notes": "",
    }
    assert (
        rule_text.sentence(date, recs) == "Every value of `date` is written as a date (YYYY-MM-DD)."
    )
    assert rule_text.detail(date).endswith(r"pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    where = {
        "rule": "expect_column_values_to_not_be_null",
        "column": "value",
        "arguments": {"where": 'measure == "review_date"'},
        "notes": "",
    }
    assert rule_text.sentence(where, recs) == (
        'In rows where `measure == "review_date"`: every row has a value in `value`.'
    )


def test_the_two_rules_on_a_source_column_read_differently():
    # Every source cited exists in the bibliography, and is of a recognised kind: two
    # rules on one column, which a Data page must not show as the same sentence.
    recs = book("upr_cycles")
    listed = {
        "rule": "expect_column_values_to_be_in_set",
        "column": "source_key",
        "arguments": {"value_set": ["a", "b"]},
        "notes": "Every source cited exists in references.bib.",
    }
    classed = listed | {
        "notes": "Every source cited is classed in references.bib (its sourcekind)."
    }
    assert rule_text.sentence(listed, recs) != rule_text.sentence(classed, recs)
    assert "kind" in rule_text.sentence(classed, recs)
