"""The site's one chart theme. Chapters get it by importing casebook."""

from __future__ import annotations

import altair as alt

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK = "#222222"
MUTED = "#5f6368"

# Named colours for recurring meanings, so "supported" is the same green on every page.
# Chosen from the Okabe-Ito palette, distinguishable with common colour-vision deficiencies.
# The UN's word for a rejection is "noted"; every figure, table and the explorer use
# these four terms, at the Working Group and in the final response alike.
RESPONSE_COLOURS = {
    "Supported": "#009E73",
    "Partially supported": "#56B4E9",
    "Rejected (noted)": "#D55E00",
    "Kept for examination": "#BBBBBB",
}

# Working Group positions on single recommendations: the same words and colours.
# UPR Info's action categories, 1 (minimal) to 5 (specific action), also Okabe-Ito; 2, a
# call to continue what a State already does, stands apart from the calls for new action.
ACTION_COLOURS = {1: "#999999", 2: "#0072B2", 3: "#F0E442", 4: "#E69F00", 5: "#CC79A7"}
POSITION_COLOURS = {
    "Rejected (noted)": RESPONSE_COLOURS["Rejected (noted)"],
    "Kept for examination": RESPONSE_COLOURS["Kept for examination"],
}

# Spiral-model phases, in order. Ordinal, warm to cool, light enough to draw marks on.
# Told apart by colour-vision-deficiency simulation: the smallest CAM02-UCS distance
# between any two, with normal vision and with simulated full deuter-, prot- and
# tritanomaly (Machado et al. 2009, via colorspacious), is at least PHASE_MIN_DISTANCE
# (tests/test_chart_theme.py checks it). The old pastels scored 2.2.
PHASE_COLOURS = ["#E08A5A", "#F2D675", "#9CC9E8", "#5FB38E", "#3A78B0"]
PHASE_MIN_DISTANCE = 11
# Behind the Mongolia timeline's events the phases are shaded at this opacity, and the
# events are outlined in white, so marks stand out from every phase (at least
# MARK_MIN_DISTANCE from each shaded phase, same simulations, same test).
SHADE_OPACITY = 0.6
MARK_MIN_DISTANCE = 10

WIDTH = 560
HEIGHT = 260

# Every chart fills its column. Single and layered views do it through Vega-Lite
# (width "container"); concatenated and faceted ones through assets/charts.js, which
# reads these rules from each spec's usermeta and applies them at every width.
LAYOUT = {
    "labelShare": 0.36,  # y-axis labels get this share of the column ...
    "labelMin": 80,  # ... but never less than this many pixels
    "labelMax": 300,  # ... nor more
    "pixelsPerTick": 80,  # one time-axis tick per this many pixels of column
    "reserve": 160,  # first guess at the room axes and legends take beside a plot
    "spacing": 20,  # between facet panels
    "legendColumn": 170,  # a legend gets one column of entries per this many pixels
    "plotMin": 100,  # the narrowest plot drawn
    "rightMax": 40,  # the most room right of a plot counted as its own (a tick label)
    "fallback": 640,  # the width to draw at when the column's width is unknown
    "font": FONT,
}

# In the dark theme (the navbar's toggle) the chart runtime redraws every chart with
# these colours swapped in, wherever the spec names them: ink and grid lines turn
# light, white outlines take the page's dark background, black marks turn light grey.
# Data colours stay: each keeps at least 3:1 against the dark background (tested).
# Saved images are always drawn in the light colours, for paper.
DARK_BACKGROUND = "#16181b"  # $body-bg in assets/dark.scss
DARK_COLOURS = {
    "white": DARK_BACKGROUND,
    INK: "#e4e6e9",
    MUTED: "#b4bac1",
    "#000000": "#d9dde2",
    "#333333": "#d0d4d9",
    "#e6e6e6": "#3a3f45",
}

# Time axes zoom only when the reader asks: the wheel with Ctrl (or ⌘) held, or a
# pinch, which browsers report as a wheel with Ctrl. A plain wheel scrolls the page.
ZOOM_EVENTS = "wheel![event.ctrlKey || event.metaKey]"


def zoom() -> alt.Parameter:
    """Pan and zoom in time, on request only; charts.js adds the hint and a reset."""
    return alt.selection_interval(bind="scales", encodings=["x"], zoom=ZOOM_EVENTS)


def finish(
    chart: alt.TopLevelMixin,
    description: str,
    *,
    zoomable: bool = False,
    panel: int | None = None,
    link: dict | None = None,
) -> alt.TopLevelMixin:
    """A chart's text alternative and what the runtime needs to know about it.

    `zoomable` adds the zoom hint and reset button; `panel` is the narrowest facet
    panel worth drawing, below which the runtime stacks panels in fewer columns.
    `link` ties the chart to an explorer ({"explorer": id, "fields": [...]}, see
    casebook.dprk.recommendations.upr_positions_by).
    The images it saves take their title from the figure's caption and their
    sources from the source notes printed after it (casebook.site.tables.source_note).
    """
    meta: dict = {"zoom": zoomable}
    if panel:
        meta["panel"] = panel
    if link:
        meta["link"] = link
    return chart.properties(description=description, usermeta={"casebook": meta})


@alt.theme.register("casebook", enable=True)
def casebook_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "font": FONT,
            "background": "white",
            "title": {
                "color": INK,
                "subtitleColor": MUTED,
                "fontSize": 15,
                "anchor": "start",
                "fontWeight": 600,
            },
            "axis": {
                "labelColor": MUTED,
                "titleColor": INK,
                "labelFontSize": 12,
                "titleFontSize": 12,
                "gridColor": "#e6e6e6",
                "domainColor": MUTED,
                "tickColor": MUTED,
            },
            # Every text colour named, so the dark theme's swap (DARK_COLOURS) reaches it.
            "legend": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "orient": "top",
                "labelColor": INK,
                "titleColor": INK,
            },
            "header": {"labelColor": INK, "titleColor": INK},
            "bar": {"continuousBandSize": 28},
        }
    }
