"""The site's one chart theme. Chapters get it by importing casebook."""

from __future__ import annotations

import altair as alt

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK = "#222222"
MUTED = "#5f6368"

# Named colours for recurring meanings, so "supported" is the same green on every page.
# Chosen from the Okabe-Ito palette, distinguishable with common colour-vision deficiencies.
RESPONSE_COLOURS = {
    "Supported": "#009E73",
    "Partially supported": "#56B4E9",
    "Noted": "#D55E00",
    "To be examined": "#BBBBBB",
}

# Working Group positions on single recommendations, matching the response colours.
POSITION_COLOURS = {
    "Rejected at the Working Group": RESPONSE_COLOURS["Noted"],
    "Kept for examination": RESPONSE_COLOURS["To be examined"],
}

WIDTH = 560
HEIGHT = 260


@alt.theme.register("casebook", enable=True)
def casebook_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "font": FONT,
            "background": "white",
            "title": {"color": INK, "fontSize": 15, "anchor": "start", "fontWeight": 600},
            "axis": {
                "labelColor": MUTED,
                "titleColor": INK,
                "labelFontSize": 12,
                "titleFontSize": 12,
                "gridColor": "#e6e6e6",
                "domainColor": MUTED,
                "tickColor": MUTED,
            },
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "top"},
            "bar": {"continuousBandSize": 28},
        }
    }
