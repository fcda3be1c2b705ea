"""Validation rules as sentences: each Great Expectations rule type, with its arguments.

The Data pages print what a check asserts in words ("Every value of `year` lies
between 1945 and 2025") instead of the call that asserts it. Every sentence is made
here from a recorded check (its rule type, column and arguments, as validation/run.py
writes them) and the dataset's codebook, so a new rule type without a template fails
the test that scans the rule modules (tests/test_rule_text.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from validation.codebook import TYPE_PATTERNS, Codebook, load_codebook

# What each declared column type looks like when written in the CSV.
TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number (digits, with a decimal point if needed)",
    "date": "a date (YYYY-MM-DD)",
    "boolean": "true or false",
}
# How many allowed values a sentence lists before it only counts them.
LISTED = 6


def sentence(check: dict, book: Codebook) -> str:
    """What the check asserts, as one sentence, with the rows it applies to."""
    template = TEMPLATES.get(check["rule"])
    if template is None:
        raise KeyError(f"no sentence template for rule type {check['rule']!r}")
    text = template(check, book)
    where = check["arguments"].get("where")
    if where:
        text = f"In rows where {_code(where)}: {text[0].lower()}{text[1:]}"
    return text


def detail(check: dict) -> str:
    """The rule's own name and any pattern, for reviewers who check against the code."""
    pattern = check["arguments"].get("regex")
    return check["rule"] + (f"; pattern {pattern}" if pattern else "")


def _code(name: object) -> str:
    return f"`{name}`"


def _value(value: object) -> str:
    """A bound as written in a sentence: 4.0 as 4, a midnight timestamp as its date."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str) and value.endswith(" 00:00:00"):
        return value.removesuffix(" 00:00:00")
    return str(value)


def _pair(check: dict) -> tuple[str, str]:
    first, _, second = check["column"].partition(" vs ")
    return _code(first), _code(second)


def _unjudged(check: dict) -> str:
    if check["arguments"].get("ignore_row_if") == "either_value_is_missing":
        return " (rows missing either value are not judged)"
    return ""


def _column_list(check: dict, book: Codebook) -> str:
    columns = check["arguments"]["column_list"]
    return f"The file has exactly the {len(columns)} columns listed under Columns, in that order."


def _row_count(check: dict, book: Codebook) -> str:
    return f"The file has exactly {check['arguments']['value']} rows."


def _not_null(check: dict, book: Codebook) -> str:
    return f"Every row has a value in {_code(check['column'])}."


def _regex(check: dict, book: Codebook) -> str:
    regex = check["arguments"]["regex"]
    kind = next((t for t, p in TYPE_PATTERNS.items() if p == regex), None)
    if kind is not None:
        return f"Every value of {_code(check['column'])} is written as {TYPE_WORDS[kind]}."
    return (
        f"Every value of {_code(check['column'])} is written in the fixed form the codebook "
        "sets for it (the pattern is given under Detail)."
    )


def _no_markup(check: dict, book: Codebook) -> str:
    return (
        f"No value of {_code(check['column'])} contains markup: no HTML tags, script "
        "addresses or character references (the text is shown to readers as written)."
    )


def _unique(check: dict, book: Codebook) -> str:
    return f"No two rows share a value of {_code(check['column'])}."


def _compound_unique(check: dict, book: Codebook) -> str:
    columns = " and ".join(_code(c) for c in check["column"].split(", "))
    return f"No two rows share the same combination of {columns}."


def _between(check: dict, book: Codebook) -> str:
    low, high = check["arguments"].get("min_value"), check["arguments"].get("max_value")
    column = _code(check["column"])
    if low is not None and high is not None:
        return f"Every value of {column} lies between {_value(low)} and {_value(high)}."
    if low is not None:
        return f"Every value of {column} is at least {_value(low)}."
    return f"Every value of {column} is at most {_value(high)}."


def _in_set(check: dict, book: Codebook) -> str:
    column, values = check["column"], check["arguments"]["value_set"]
    if values == [True]:
        # A rule a suite derived as a yes/no column per row (rules.holds): its note
        # states the rule itself.
        return f"Every row meets this condition: {check['notes']}"
    declared = next((c for c in book.columns if c.name == column), None)
    if declared is not None and declared.references:
        dataset, target = declared.references.split(".")
        title = load_codebook(book.path.parent / f"{dataset}.yml").short_title
        return (
            f"Every value of {_code(column)} is a {_code(target)} listed in {title} "
            f"({_code(dataset)})."
        )
    if column.endswith("source_key"):
        if "classed" in (check.get("notes") or ""):
            return f"Every value of {_code(column)} is a source of a kind the site recognises."
        return f"Every value of {_code(column)} is a source listed in the bibliography."
    if len(values) <= LISTED:
        listed = ", ".join(_code(_value(v)) for v in values)
        return f"Every value of {_code(column)} is one of {listed}."
    return f"Every value of {_code(column)} is one of the {len(values)} values the codebook allows."


def _pair_equal(check: dict, book: Codebook) -> str:
    first, second = _pair(check)
    return f"In every row, {first} equals {second}{_unjudged(check)}."


def _pair_greater(check: dict, book: Codebook) -> str:
    first, second = _pair(check)
    relation = "is at least" if check["arguments"].get("or_equal") else "is greater than"
    return f"In every row, {first} {relation} {second}{_unjudged(check)}."


def _increasing(check: dict, book: Codebook) -> str:
    column = _code(check["column"])
    if check["arguments"].get("strictly"):
        return f"Each row's {column} is later or larger than the row's before it."
    return f"Each row's {column} is no earlier or smaller than the row's before it."


TEMPLATES: dict[str, Callable[[dict, Codebook], str]] = {
    "expect_table_columns_to_match_ordered_list": _column_list,
    "expect_table_row_count_to_equal": _row_count,
    "expect_column_values_to_not_be_null": _not_null,
    "expect_column_values_to_match_regex": _regex,
    "expect_column_values_to_not_match_regex": _no_markup,
    "expect_column_values_to_be_unique": _unique,
    "expect_compound_columns_to_be_unique": _compound_unique,
    "expect_column_values_to_be_between": _between,
    "expect_column_values_to_be_in_set": _in_set,
    "expect_column_pair_values_to_be_equal": _pair_equal,
    "expect_column_pair_values_a_to_be_greater_than_b": _pair_greater,
    "expect_column_values_to_be_increasing": _increasing,
}


def rule_type(class_name: str) -> str:
    """GX's class name as the rule type it records: ExpectColumnValuesToBeUnique ->
    expect_column_values_to_be_unique."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", class_name).lower()
