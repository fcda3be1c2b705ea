"""Text from the data is always text: markup planted in it never reaches a page as markup.

Validation refuses markup in every text column, naming file, column, row and rule, so
such data never gets as far as a page (the build stops first, see test_build_gate).
Behind that gate the pages escape it anyway: tables print "<" as a character, and the
chart specs embedded in pages carry no "<" at all.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.test_validation import data_dir, edit, failures  # noqa: F401 (fixture)

PLANTED = [
    # (dataset, row, text column, planted value)
    ("upr_recommendations", {"recommendation_id": "90.1"}, "text", "<script>alert(1)</script>"),
    (
        "mongolia_events",
        {"event_id": "constitution_1924"},
        "label",
        "<img src=x onerror=alert(1)>",
    ),
    (
        "case_instruments",
        {"instrument_id": "mng_un_membership"},
        "actor",
        "[UN](javascript:f())",
    ),
    ("helsinki_groups", {"group_id": "charter_77"}, "group_name", "Charter &#60;b&#62;77"),
]
RULE = "expect_column_values_to_not_match_regex"


def test_markup_in_text_cells_is_refused_with_file_column_and_row(data_dir):  # noqa: F811
    lines = {
        dataset: edit(data_dir, where, column, value, dataset)
        for dataset, where, column, value in PLANTED
    }
    report = failures(data_dir)
    for dataset, where, column, _ in PLANTED:
        assert f"{dataset}.csv: column '{column}': rule {RULE}" in report, report[-3000:]
        key, value = next(iter(where.items()))
        assert re.search(rf"\(CSV line {lines[dataset]}; [^)]*{key}={re.escape(value)}[,)]", report)


def test_table_cells_print_markup_as_characters():
    from casebook.site.markdown import cell

    assert "<" not in cell("<script>alert(1)</script> & <img src=x>")


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!--<script>"])
def test_chart_specs_in_pages_hold_no_markup(text, tmp_path, monkeypatch):
    import altair as alt
    import pandas as pd

    from casebook.site import vega

    monkeypatch.chdir(tmp_path)
    chart = (
        alt.Chart(pd.DataFrame({"label": [text], "x": [1]}))
        .mark_point()
        .encode(x="x:Q", tooltip="label:N")
    )
    html = vega._PageRenderer()(chart.to_dict())["text/markdown"]
    script = re.search(r"casebookChart\((.*)\);\n</script>", html, re.S).group(1)
    assert "<" not in script
    spec, _ = json.JSONDecoder().raw_decode(script.split(", ", 1)[1])
    assert text in json.dumps(spec, ensure_ascii=False)
