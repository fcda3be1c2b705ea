"""Charts compiled to Vega at build time (casebook.site.vega), checked without a browser."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from casebook.site import vega

SLOTS = vega.SLOTS


def test_fill_puts_values_in_numbers_and_expressions_but_never_in_rows():
    spec = {
        "layout": {"columns": SLOTS["columns"]},
        "data": [
            {"name": "rows", "values": [{"n": SLOTS["width"], "text": str(SLOTS["columns"])}]},
            {"name": "cells", "transform": [{"stop": {"signal": f"ceil(n / {SLOTS['columns']})"}}]},
        ],
        "signals": [{"name": "child_width", "value": SLOTS["width"]}],
        "config": {"legend": {"columns": SLOTS["legendColumns"]}, "axis": {"grid": True}},
        "other": [900061, "a90006b"],
    }
    filled = vega.fill(spec, {"columns": 3, "width": 150, "legendColumns": 2})
    assert filled["layout"]["columns"] == 3
    assert filled["data"][1]["transform"][0]["stop"]["signal"] == "ceil(n / 3)"
    assert filled["signals"][0]["value"] == 150
    assert filled["config"] == {"legend": {"columns": 2}, "axis": {"grid": True}}
    # Rows are data: a number or text that happens to match a slot stays as it is.
    assert filled["data"][0]["values"] == spec["data"][0]["values"]
    # Only whole numbers match: not a longer number, nor a slot inside a word.
    assert filled["other"] == [900061, "a90006b"]


def _faceted() -> dict:
    frame = pd.DataFrame({"group": list("abcd"), "x": [1, 2, 3, 4], "y": [4, 3, 2, 1]})
    chart = (
        alt.Chart(frame)
        .mark_point()
        .encode(x="x:Q", y="y:Q", tooltip=[alt.Tooltip("x:Q", title="Ex")])
        .properties(width="container")
        .facet(facet="group:N", columns=3)
        .properties(usermeta={"casebook": {"panel": 120}})
    )
    return chart.to_dict()


def test_a_faceted_chart_leaves_its_columns_and_panel_widths_to_the_page():
    spec = _faceted()
    compiled = vega.compiled(spec)
    meta = compiled["usermeta"]["casebook"]
    assert meta["columns"] == 3 and meta["composite"] is True
    assert compiled["layout"]["columns"] == SLOTS["columns"]
    widths = [s for s in compiled["signals"] if s["name"] == "child_width"]
    assert widths and widths[0]["value"] == SLOTS["width"]
    # Filled for two columns, it is what Vega-Lite makes of the chart at two columns.
    values = {
        "labels": 90,
        "ticks": 3,
        "legendColumns": 1,
        "legendRoom": 200,
        "legendLabels": 140,
        "columns": 2,
        "width": 130,
    }
    assert vega.fill(compiled, values) == vega.to_vega(vega.fill(vega.with_slots(spec), values))


def test_a_chart_whose_compiled_form_computes_with_a_fitted_value_is_refused(monkeypatch):
    real = vega.to_vega

    def computing(spec):
        out = real(spec)
        # As if Vega-Lite derived a setting from the label room instead of copying it.
        out["padding"] = spec["config"]["axisY"]["labelLimit"] * 2
        return out

    monkeypatch.setattr(vega, "to_vega", computing)
    with pytest.raises(ValueError, match="cannot fill it in"):
        vega.compiled(_faceted())


def test_csv_columns_put_the_part_first_and_head_columns_as_tooltips_do():
    frame = pd.DataFrame(
        {"date": ["2000"], "value": [1], "part": ["events"], "value_source": ["x"], "unused": [0]}
    )
    base = alt.Chart(frame).encode(x=alt.X("date:O", title="Year"))
    chart = alt.layer(
        base.mark_point().encode(
            y=alt.Y("value:Q", title="Axis title"),
            tooltip=[alt.Tooltip("value:Q", title="Value (click to filter)")],
        ),
        base.mark_rule().encode(y=alt.Y("value:Q", title="Other axis")),
    )
    columns = vega.csv_columns(chart.to_dict())
    assert columns[0] == ["part", "Part of the chart"]
    headings = dict(columns)
    # A tooltip's title wins over axis titles; a field without one keeps an axis title.
    assert headings["value"] == "Value"
    assert headings["date"] == "Year"
    assert headings["value_source"] == "value_source"  # sources go along, named as they are
    assert "unused" not in headings


def test_a_chart_needing_a_transform_the_bundle_leaves_out_is_refused():
    frame = pd.DataFrame({"x": [1, 2], "y": [2, 1]})
    # A `nearest` selection compiles to Vega's voronoi transform, which the bundle omits.
    nearest = alt.selection_point(nearest=True, on="pointerover")
    chart = alt.Chart(frame).mark_point().encode(x="x:Q", y="y:Q").add_params(nearest)
    with pytest.raises(ValueError, match=r"leaves out: \['voronoi'\]"):
        vega.compiled(chart.to_dict())


def test_a_chart_holding_a_reserved_number_is_refused():
    frame = pd.DataFrame({"x": [1, 2], "y": [2, 1]})
    chart = alt.Chart(frame, title=f"Case {SLOTS['width']}").mark_point().encode(x="x:Q", y="y:Q")
    with pytest.raises(ValueError, match="reserves"):
        vega.compiled(chart.to_dict())
    # In the data, the same number is only a value.
    rows = pd.DataFrame({"x": [SLOTS["width"], 2], "y": [2, 1]})
    vega.compiled(alt.Chart(rows).mark_point().encode(x="x:Q", y="y:Q").to_dict())
