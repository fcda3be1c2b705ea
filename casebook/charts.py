"""Chart builders for the chapters. Styling comes from casebook.theme only.

Every page that draws a chart imports this module, so importing it also enables the
site's offline renderer (casebook.vega): charts are drawn by the site's own Vega copy.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from casebook import vega
from casebook.helsinki import ALIGNMENTS, NOT_ESTABLISHED
from casebook.mongolia import PHASES
from casebook.theme import (
    INK,
    MUTED,
    PHASE_COLOURS,
    POSITION_COLOURS,
    RESPONSE_COLOURS,
    SHADE_OPACITY,
    finish,
    zoom,
)

vega.enable()

# Every plot fills its column; casebook.theme.LAYOUT says how (assets/charts.js applies it).
FILL = "container"


def _scale(mapping: dict) -> alt.Scale:
    """A scale that draws each key of `mapping` in its value (colour or shape), in key order."""
    return alt.Scale(domain=list(mapping), range=list(mapping.values()))


def upr_responses_by_cycle(responses: pd.DataFrame) -> alt.FacetChart:
    """Stacked bars per cycle: positions at the Working Group, then the final response.

    `responses` is casebook.upr.responses(); a stage with no established counts
    is labelled as such instead of being drawn as zero.
    """
    cycles = list(dict.fromkeys(responses["cycle"]))
    y = alt.Y("cycle:N", title=None, sort=cycles)

    established = alt.datum.response != "Not established"
    bars = (
        alt.Chart()
        .transform_filter(established)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("count:Q", title="Recommendations", stack="zero"),
            color=alt.Color(
                "response:N",
                title="DPRK position",
                scale=_scale(RESPONSE_COLOURS),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("cycle:N", title="Cycle"),
                alt.Tooltip("stage:N", title="Stage"),
                alt.Tooltip("response:N", title="Position"),
                alt.Tooltip("count:Q", title="Recommendations"),
                alt.Tooltip("share:Q", title="Share of received", format=".0%"),
                alt.Tooltip("received:Q", title="Received in cycle"),
            ],
        )
    )
    missing = (
        alt.Chart()
        .transform_filter(~established)
        .mark_text(align="left", dx=4, color=MUTED, fontStyle="italic")
        .encode(y=y, x=alt.datum(0), text=alt.value("not established: sources disagree"))
    )
    # Side by side where two panels fit, stacked on a phone (charts.js picks the columns).
    chart = (
        alt.layer(bars, missing, data=responses)
        .properties(width=FILL, height=alt.Step(34))
        .facet(
            facet=alt.Facet("stage:N", title=None, sort=["At the Working Group"]),
            columns=2,
        )
    )
    return finish(chart, _responses_description(responses), panel=300)


def _lower_first(text: str) -> str:
    """Lower-case the first letter only, so names inside keep their capitals (UPR Info)."""
    return text[:1].lower() + text[1:]


def _responses_description(responses: pd.DataFrame) -> str:
    parts = []
    for (cycle, stage), group in responses.groupby(["cycle", "stage"], sort=False):
        if (group["response"] == "Not established").all():
            parts.append(f"{cycle}, {_lower_first(stage)}: not established")
            continue
        counts = ", ".join(f"{int(r.count)} {r.response.lower()}" for r in group.itertuples())
        parts.append(f"{cycle}, {_lower_first(stage)}: {counts} of {group['received'].iat[0]}")
    return (
        "Bar chart of the DPRK's positions on UPR recommendations in each review cycle, "
        "at the Working Group and in its final response. " + "; ".join(parts) + "."
    )


def helsinki_timeline(events: pd.DataFrame) -> alt.Chart:
    """Meetings as bars from opening to close, group foundings as points; legend filters."""
    lanes = list(dict.fromkeys(events["lane"]))
    kind = alt.selection_point(fields=["kind"], bind="legend")
    base = alt.Chart(events).encode(
        # Two words a line: lane names stay whole beside a phone's narrow plot.
        y=alt.Y(
            "lane:N",
            title=None,
            sort=lanes,
            axis=alt.Axis(
                labelExpr="[join(slice(split(datum.label, ' '), 0, 2), ' '),"
                " join(slice(split(datum.label, ' '), 2), ' ')]"
            ),
        ),
        color=alt.Color(
            "kind:N",
            title="Show (click to filter)",
            scale=alt.Scale(
                domain=["Meeting", "Monitoring group", "Warsaw Pact transition"],
                range=["#0072B2", "#D55E00", "#009E73"],
            ),
        ),
        opacity=alt.condition(kind, alt.value(1), alt.value(0.15)),
        tooltip=[
            alt.Tooltip("label:N", title="What"),
            alt.Tooltip("when:N", title="When"),
            alt.Tooltip("detail:N", title="Outcome"),
        ],
    )
    spans = (
        base.transform_filter(alt.datum.kind == "Meeting")
        .mark_bar(size=14)
        .encode(
            x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y")),
            x2="end:T",
        )
    )
    points = (
        base.transform_filter(alt.datum.kind != "Meeting")
        .mark_point(filled=True, size=90, shape="diamond")
        .encode(x="start:T")
    )
    chart = alt.layer(spans, points).add_params(kind).properties(width=FILL, height=alt.Step(44))
    return finish(
        chart,
        _timeline_description(events),
    )


ALIGNMENT_COLOURS = dict(
    zip(
        [*ALIGNMENTS.values(), NOT_ESTABLISHED],
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#BBBBBB"],
        strict=True,
    )
)


LINE_HEIGHT = 13


def _stacked_words(labels: list[str]) -> dict:
    """Top-axis settings writing each label one word a line, the lines ending together.

    Vega stacks an axis label's extra lines downwards from the first, so shorter labels
    get empty lines above, and the padding lifts the block clear of the plot.
    """
    lines = max(len(label.split()) for label in labels)
    padded = {label: [""] * (lines - len(label.split())) + label.split() for label in labels}
    return {
        "labelExpr": f"{json.dumps(padded)}[datum.label]",
        "labelLineHeight": LINE_HEIGHT,
        "labelPadding": 4 + (lines - 1) * LINE_HEIGHT,
    }


def alignment_grid(grid: pd.DataFrame) -> alt.LayerChart:
    """The 35 signatories as labelled tiles in one column per alignment in 1975."""
    base = alt.Chart(grid).encode(
        x=alt.X(
            "alignment:N",
            sort=list(ALIGNMENT_COLOURS),
            title=None,
            # One word a line, so five columns fit a phone.
            axis=alt.Axis(
                orient="top",
                labelAngle=0,
                **_stacked_words(list(ALIGNMENT_COLOURS)),
                labelLimit=0,
                domain=False,
                ticks=False,
            ),
        ),
        y=alt.Y("row:O", title=None, axis=None),
        tooltip=[
            alt.Tooltip("state_name:N", title="State"),
            alt.Tooltip("alignment:N", title="In 1975"),
            alt.Tooltip("source:N", title="Source"),
        ],
    )
    # Pale tiles under dark text keep the labels legible in every column.
    tiles = base.mark_rect(cornerRadius=3, opacity=0.3, stroke="white", strokeWidth=2).encode(
        color=alt.Color("alignment:N", scale=_scale(ALIGNMENT_COLOURS), legend=None)
    )
    labels = base.mark_text(fontSize=11, color="#222222", fontWeight=600).encode(
        text="state_code:N"
    )
    chart = alt.layer(tiles, labels).properties(width=FILL, height=alt.Step(22))
    return finish(chart, _alignment_description(grid))


def _alignment_description(grid: pd.DataFrame) -> str:
    groups = "; ".join(
        f"{name} ({len(rows)}): {', '.join(rows['state_name'])}"
        for name, rows in grid.groupby("alignment", sort=False)
    )
    return f"The 35 signatories of the Helsinki Final Act by alignment in 1975. {groups}."


# Told apart by colour and by dash, not by hue alone.
MARKER_COLOURS = {"Final Act signed": "#000000", "End of one-party rule": "#D55E00"}
MARKER_DASHES = {"Final Act signed": [2, 2], "End of one-party rule": [7, 3]}


def bloc_index_paths(paths: pd.DataFrame) -> alt.FacetChart:
    """One small panel per Warsaw Pact state: V-Dem's index, its band, and two markers.

    `paths` is casebook.helsinki.index_paths(): index rows and marker rows, told
    apart by `kind`, so every layer can share the facet.
    """
    units = list(dict.fromkeys(paths.loc[paths["kind"] == "index", "unit"]))
    # Layers carry no data of their own: a facet needs one frame for all of them.
    band, line = (
        layer.transform_filter(alt.datum.kind == "index")
        # The caption names the index: panels repeat no axis title, so more fit a row.
        for layer in index_layers(None, tick_years=[1980, 2000, 2020], y_title=None)
    )
    rules = (
        alt.Chart()
        .transform_filter(alt.datum.kind == "marker")
        .mark_rule(strokeWidth=1.5)
        .encode(
            x="date:T",
            color=alt.Color("marker:N", title=None, scale=_scale(MARKER_COLOURS)),
            strokeDash=alt.StrokeDash("marker:N", title=None, scale=_scale(MARKER_DASHES)),
            tooltip=[
                alt.Tooltip("unit:N", title="Country"),
                alt.Tooltip("marker:N", title="Marker"),
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("detail:N", title="What"),
            ],
        )
    )
    chart = (
        alt.layer(band, line, rules, data=paths)
        .properties(width=FILL, height=110)
        .facet(facet=alt.Facet("unit:N", sort=units, title=None), columns=3)
    )
    return finish(
        chart,
        _bloc_description(paths),
        panel=150,
    )


def _bloc_description(paths: pd.DataFrame) -> str:
    index = paths[paths["kind"] == "index"]
    parts = [f"{unit}: {_index_summary(rows)}" for unit, rows in index.groupby("unit", sort=False)]
    return (
        "Small multiples of V-Dem's electoral democracy index for each Warsaw Pact state, "
        "with markers at the Final Act's signature and at the state's end of one-party rule. "
        + "; ".join(parts)
        + "."
    )


def _timeline_description(events: pd.DataFrame) -> str:
    meetings = events[events["kind"] == "Meeting"]
    groups = events[events["kind"] == "Monitoring group"]
    ends = events[events["kind"] == "Warsaw Pact transition"]
    return (
        "Timeline of the Helsinki process, 1973 to 1991. Meetings: "
        + "; ".join(f"{r.label}, {r.when}" for r in meetings.itertuples())
        + ". Monitoring groups founded: "
        + "; ".join(f"{r.label}, {r.when}" for r in groups.itertuples())
        + ". End of one-party rule in the Warsaw Pact states: "
        + "; ".join(f"{r.label}, {r.detail}, {r.when}" for r in ends.itertuples())
        + "."
    )


INDEX_COLOUR = "#333333"
EVENT_COLOURS = {
    "Political": "#0072B2",
    "Legal": "#D55E00",
    "Treaty": "#009E73",
    "International": "#CC79A7",
}


def _phase_fill(drawn: pd.Series) -> alt.Fill:
    """Spiral-model phases in their fixed colours; the legend lists the phases drawn."""
    colours = dict(zip(PHASES.values(), PHASE_COLOURS, strict=True))
    return alt.Fill(
        "phase:N",
        title="Spiral-model phase",  # the captions say the coding is this site's
        scale=_scale({p: c for p, c in colours.items() if p in set(drawn)}),
        legend=alt.Legend(orient="bottom"),
    )


def mongolia_timeline(
    points: pd.DataFrame, spans: pd.DataFrame, index: pd.DataFrame
) -> alt.VConcatChart:
    """V-Dem's index above events in lanes by type, both over shaded spiral-model phases.

    `points` is casebook.mongolia.event_points(), `spans` casebook.mongolia.phase_spans(),
    `index` casebook.democracy.series(["MNG"]). The panels share one time axis, so
    zooming either zooms both; the legend filters event types.
    """
    types = [t for t in EVENT_COLOURS if t in set(points["type"])]
    kind = alt.selection_point(fields=["type"], bind="legend")
    # The layers share one time scale; the phase spans set its extent (1924 to today).
    x = alt.X(
        "date:T",
        title=None,
        scale=alt.Scale(padding=8),  # keep the first and last diamonds whole
        axis=alt.Axis(format="%Y"),
    )
    # Every layer puts its time on one field, "date": the zoom binds to that field, and
    # a layer whose time had another name would not zoom with the rest. `part` names
    # each table in the chart's CSV.
    spans = spans.rename(columns={"start": "date"}).assign(part="Spiral-model phase")
    points = points.assign(part="Event")
    index = index.assign(part="V-Dem index")
    # Shaded lighter than the comparison's lanes, so the events drawn over them stand out.
    shading = (
        alt.Chart(spans)
        .mark_rect(opacity=SHADE_OPACITY)
        .encode(
            x=alt.X("date:T", title=None),
            x2="end:T",
            fill=_phase_fill(spans["phase"]),
            tooltip=[
                alt.Tooltip("phase:N", title="Phase"),
                alt.Tooltip("when:N", title="Period"),
                alt.Tooltip("basis:N", title="Basis"),
            ],
        )
    )
    dots = (
        alt.Chart(points)
        .mark_point(filled=True, size=90, shape="diamond", stroke="white", strokeWidth=1)
        .encode(
            x=x,
            y=alt.Y("type:N", title=None, sort=types),
            color=alt.Color(
                "type:N",
                title="Event type (click to filter)",
                scale=_scale({t: EVENT_COLOURS[t] for t in types}),
            ),
            opacity=alt.condition(kind, alt.value(1), alt.value(0.12)),
            tooltip=[
                alt.Tooltip("label:N", title="Event"),
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("source:N", title="Source"),
            ],
        )
        .add_params(kind)
    )
    # Drag to pan, Ctrl and scroll to zoom in time: 1989-92 is crowded at full range.
    in_time = zoom()
    events = (
        alt.layer(shading, dots.add_params(in_time))
        .resolve_scale(color="independent")
        .properties(width=FILL, height=alt.Step(40))
    )
    # The fill scale is shared, so the phase legend is drawn once, under the events.
    upper = alt.layer(shading, *index_layers(index)).properties(width=FILL, height=150)
    chart = alt.vconcat(upper.add_params(in_time), events, spacing=6).resolve_scale(
        x="shared", color="independent", fill="shared"
    )
    return finish(
        chart,
        _mongolia_description(points, spans, index),
        zoomable=True,
    )


def index_layers(
    index: pd.DataFrame | None,
    tick_years: list[int] | None = None,
    y_title: tuple[str, ...] | None = ("Electoral democracy", "index (V-Dem)"),
) -> list[alt.Chart]:
    """V-Dem's estimate as a line inside its uncertainty band, on a 0-1 axis.

    Without `index` the layers take their data from the chart they are layered in.
    """
    ticks = [alt.DateTime(year=y) for y in tick_years] if tick_years else alt.Undefined
    base = (alt.Chart() if index is None else alt.Chart(index)).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", values=ticks)),
        tooltip=[
            alt.Tooltip("unit:N", title="Country"),
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("v2x_polyarchy:Q", title="Electoral democracy index", format=".3f"),
            alt.Tooltip("interval:N", title="Uncertainty interval"),
            alt.Tooltip("regime:N", title="Regimes of the World"),
        ],
    )
    y = alt.Y(
        "v2x_polyarchy_codelow:Q",
        title=list(y_title) if y_title else None,
        scale=alt.Scale(domain=[0, 1]),
        axis=alt.Axis(values=[0, 0.25, 0.5, 0.75, 1]),
    )
    band = base.mark_area(color=INDEX_COLOUR, opacity=0.25).encode(
        y=y, y2="v2x_polyarchy_codehigh:Q"
    )
    line = base.mark_line(color=INDEX_COLOUR, strokeWidth=2).encode(y="v2x_polyarchy:Q")
    return [band, line]


def _mongolia_description(points: pd.DataFrame, spans: pd.DataFrame, index: pd.DataFrame) -> str:
    phases = "; ".join(f"{r.phase}, {r.when}" for r in spans.itertuples())
    events = "; ".join(f"{r.when}: {r.label}" for r in points.sort_values("date").itertuples())
    return (
        "Timeline of Mongolia's political and human-rights history, with this site's "
        "spiral-model phases shaded behind V-Dem's electoral democracy index (top) and "
        f"the events (bottom). Index: {_index_summary(index)}. Phases: {phases}. "
        f"Events: {events}."
    )


def _index_summary(index: pd.DataFrame) -> str:
    """The index at a few turning points, for text alternatives."""
    years = sorted({index["year"].min(), 1975, 1989, 1990, 1991, index["year"].max()})
    values = index.set_index("year")["v2x_polyarchy"]
    return ", ".join(f"{y} {values[y]:.2f}" for y in years if y in values.index)


STATE_COLOURS = {"Mongolia": "#0072B2", "DPRK": "#D55E00"}
ACTION_SHAPES = {"Signature": "circle", "Ratification or accession": "diamond"}


def treaty_actions(actions: pd.DataFrame) -> alt.Chart:
    """When each state signed and became party to each treaty: one row per treaty."""
    treaties = list(dict.fromkeys(actions["treaty"]))
    chart = (
        alt.Chart(actions)
        .mark_point(size=90, filled=True)
        .encode(
            x=alt.X(
                "date:T",
                title=None,
                scale=alt.Scale(padding=12),
                axis=alt.Axis(format="%Y"),
            ),
            y=alt.Y("treaty:N", title=None, sort=treaties),
            yOffset=alt.YOffset("state:N", sort=list(STATE_COLOURS)),
            color=alt.Color(
                "state:N",
                title="State",
                scale=_scale(STATE_COLOURS),
            ),
            shape=alt.Shape(
                "action:N",
                title="Action",
                scale=_scale(ACTION_SHAPES),
            ),
            tooltip=[
                alt.Tooltip("state:N", title="State"),
                alt.Tooltip("treaty_name:N", title="Treaty"),
                alt.Tooltip("action_label:N", title="Action"),
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("source:N", title="Source"),
            ],
        )
        .properties(width=FILL, height=26 * len(treaties))
    )
    return finish(chart, _treaty_description(actions))


def _treaty_description(actions: pd.DataFrame) -> str:
    parts = [
        f"{r.state}, {r.treaty}: {r.action_label.lower()} {r.when}"
        for r in actions.sort_values(["state", "date"]).itertuples()
    ]
    return (
        "Dot chart of when Mongolia and the DPRK signed and became party to the core UN "
        "human-rights treaties. " + "; ".join(parts) + "."
    )


def upr_positions_by(table: pd.DataFrame, field: str, title: str, explorer: str) -> alt.Chart:
    """Stacked bars of Working Group positions per category, most often rejected first.

    `table` is casebook.recommendations.by(). The chart is linked to the explorer
    `explorer` (assets/explorer.js): a click on a bar selects exactly its category and
    position there, and the explorer sets the parameters ``selected_<field>`` and
    ``selected_position`` to what it has selected, which the bars highlight.
    """
    order = list(dict.fromkeys(table[field]))
    if field == "action":  # UPR Info's categories are ranks: keep them in order
        order = sorted(order)
    fields = [field, "position"]
    params = [alt.param(name=f"selected_{f}", value=[]) for f in fields]
    any_selected = " || ".join(f"length(selected_{f}) > 0" for f in fields)
    matches = " && ".join(
        f"(length(selected_{f}) == 0 || indexof(selected_{f}, datum[{f!r}]) >= 0)" for f in fields
    )
    chart = (
        alt.Chart(table)
        .mark_bar(cursor="pointer", stroke=INK)
        .encode(
            y=alt.Y(f"{field}:N", title=None, sort=order),
            x=alt.X("count:Q", title="Recommendations", stack="zero"),
            color=alt.Color(
                "position:N",
                title="Working Group position",
                scale=_scale(POSITION_COLOURS),
            ),
            order=alt.Order("position:N", sort="descending"),
            # What the explorer selects stays solid and outlined; the rest fades.
            opacity=alt.condition(
                f"!({any_selected}) || ({matches})", alt.value(1), alt.value(0.3)
            ),
            strokeWidth=alt.condition(
                f"({any_selected}) && ({matches})", alt.value(1.5), alt.value(0)
            ),
            tooltip=[
                alt.Tooltip(f"{field}:N", title=title),
                alt.Tooltip("position:N", title="Position"),
                alt.Tooltip("count:Q", title="Recommendations"),
                alt.Tooltip("total:Q", title="All in this group"),
                alt.Tooltip("share_rejected:Q", title="Share rejected", format=".0%"),
            ],
        )
        .add_params(*params)
        .properties(width=FILL, height=alt.Step(20))
    )
    link = {"explorer": explorer, "fields": fields}
    return finish(chart, _positions_description(table, field, title), link=link)


def _positions_description(table: pd.DataFrame, field: str, title: str) -> str:
    shares = table.drop_duplicates(field)
    parts = [
        f"{row[field]}, {row['share_rejected']:.0%} of {row['total']}"
        for _, row in shares.iterrows()
    ]
    return (
        f"Bar chart of the DPRK's Working Group positions by {_lower_first(title)}, "
        "cycles 1 and 2. Share rejected in each group: "
        + "; ".join(parts)
        + ". Click a bar to list its recommendations in the explorer."
    )


def upr_acceptance_trend(responses: pd.DataFrame) -> alt.LayerChart:
    """Share of recommendations finally supported, per cycle; a cycle whose final
    count is not established is named on the axis but drawn without a point."""
    final = responses[responses["stage"] == "Final response"]
    cycles = list(dict.fromkeys(final["cycle"]))
    supported = final[final["response"] == "Supported"][["cycle", "share", "count", "received"]]
    missing = final.groupby("cycle")["response"].apply(lambda r: (r == "Not established").all())
    points = pd.DataFrame({"cycle": cycles}).merge(supported, on="cycle", how="left")
    points["established"] = points["cycle"].map(~missing)
    # "Cycle 1 (2009)" on two lines, so four cycles fit a phone's width.
    two_lines = (
        "[substring(datum.label, 0, indexof(datum.label, ' (')),"
        " substring(datum.label, indexof(datum.label, ' (') + 1)]"
    )
    x = alt.X("cycle:N", title=None, sort=cycles, axis=alt.Axis(labelAngle=0, labelExpr=two_lines))
    known = alt.Chart(points).transform_filter(alt.datum.established)
    line = known.mark_line(color=RESPONSE_COLOURS["Supported"]).encode(
        x=x,
        y=alt.Y(
            "share:Q",
            title="Share supported",
            axis=alt.Axis(format="%"),
            scale=alt.Scale(domain=[0, 1]),
        ),
    )
    dots = known.mark_point(filled=True, size=70, color=RESPONSE_COLOURS["Supported"]).encode(
        x=x,
        y="share:Q",
        tooltip=[
            alt.Tooltip("cycle:N", title="Cycle"),
            alt.Tooltip("count:Q", title="Supported"),
            alt.Tooltip("received:Q", title="Received"),
            alt.Tooltip("share:Q", title="Share", format=".0%"),
        ],
    )
    gap = (
        alt.Chart(points)
        .transform_filter(~alt.datum.established)
        .mark_text(color=MUTED, fontStyle="italic", angle=270, align="center")
        .encode(x=x, y=alt.datum(0.5), text=alt.value("not established"))
    )
    described = "; ".join(
        f"{r.cycle}: {r.share:.0%} supported" if r.established else f"{r.cycle}: not established"
        for r in points.itertuples()
    )
    chart = alt.layer(line, dots, gap).properties(width=FILL, height=200)
    description = (
        "Line chart of the share of recommendations the DPRK finally supported. " + described + "."
    )
    return finish(chart, description)


# Okabe-Ito, distinct from the phase fills behind them.
INSTRUMENT_COLOURS = {
    "Engagement": "#0072B2",
    "Pressure": "#D55E00",
    "Sanctions": "#000000",
    "Review": "#009E73",
}
INSTRUMENT_SHAPES = {
    "Engagement": "circle",
    "Pressure": "triangle-up",
    "Sanctions": "cross",
    "Review": "square",
}


def spiral_comparison(spans: pd.DataFrame, points: pd.DataFrame) -> alt.VConcatChart:
    """Phase bars per state above instrument marks per case, on one time axis.

    `spans` is casebook.comparison.period_spans(), `points` casebook.comparison.
    instrument_points(). Zooming either panel zooms both; the legend filters kinds.
    """
    lanes = list(dict.fromkeys(spans["unit"]))
    cases = list(dict.fromkeys(points["case"]))
    kinds = [k for k in INSTRUMENT_COLOURS if k in set(points["instrument"])]
    # Both panels name their time "date", so the zoom binds to one field in both.
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%Y"))
    # Rects, not bars: a rect fills its lane's band whatever the theme's bar size.
    spans = spans.rename(columns={"start": "date"}).assign(part="Spiral-model period")
    points = points.assign(part="Instrument")
    bars = (
        alt.Chart(spans)
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(
            x=x,
            x2="end:T",
            y=alt.Y("unit:N", title=None, sort=lanes),
            fill=_phase_fill(spans["phase"]),
            tooltip=[
                alt.Tooltip("unit:N", title="State"),
                alt.Tooltip("phase:N", title="Phase"),
                alt.Tooltip("when:N", title="Period"),
                alt.Tooltip("basis:N", title="Basis"),
                alt.Tooltip("evidence:N", title="Evidence"),
            ],
        )
        .properties(width=FILL, height=alt.Step(22))
    )
    kind = alt.selection_point(fields=["instrument"], bind="legend")
    marks = (
        alt.Chart(points)
        .mark_point(filled=True, size=70, opacity=0.85)
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y")),
            y=alt.Y("case:N", title=None, sort=cases),
            yOffset=alt.YOffset("instrument:N", sort=kinds),
            color=alt.Color(
                "instrument:N",
                title="Instrument (click to filter)",
                scale=_scale({k: INSTRUMENT_COLOURS[k] for k in kinds}),
                legend=alt.Legend(orient="bottom"),
            ),
            shape=alt.Shape(
                "instrument:N", scale=_scale({k: INSTRUMENT_SHAPES[k] for k in kinds}), legend=None
            ),
            opacity=alt.condition(kind, alt.value(0.9), alt.value(0.1)),
            tooltip=[
                alt.Tooltip("label:N", title="What"),
                alt.Tooltip("instrument:N", title="Instrument"),
                alt.Tooltip("actor:N", title="By"),
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("source:N", title="Source"),
            ],
        )
        .add_params(kind)
        .properties(width=FILL, height=220)
    )
    in_time = zoom()
    chart = alt.vconcat(
        bars.add_params(in_time), marks.add_params(in_time), spacing=8
    ).resolve_scale(x="shared", color="independent")
    return finish(
        chart,
        _comparison_description(spans, points),
        zoomable=True,
    )


def _comparison_description(spans: pd.DataFrame, points: pd.DataFrame) -> str:
    periods = "; ".join(
        f"{unit}: " + ", ".join(f"{r.phase} {r.when}" for r in rows.itertuples())
        for unit, rows in spans.groupby("unit", sort=False)
    )
    counts = "; ".join(
        f"{case}: "
        + ", ".join(f"{n} {kind.lower()}" for kind, n in rows["instrument"].value_counts().items())
        for case, rows in points.groupby("case", sort=False)
    )
    return (
        "Timeline comparing the three cases. Above, this site's spiral-model coding per state: "
        f"{periods}. Below, instruments recorded per case: {counts}."
    )
