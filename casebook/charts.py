"""What every case's charts share: the site's offline renderer, the width they fill, and
scales drawn from the theme's colours. Styling comes from casebook.theme only; each case's
charts live beside its data shaping (casebook.mongolia, casebook.helsinki,
casebook.comparison, casebook.dprk).

Every module that draws a chart imports this one, so importing it also enables the
site's offline renderer (casebook.site.vega): charts are drawn by the site's own Vega copy.
"""

from __future__ import annotations

import altair as alt

from casebook import theme  # noqa: F401  (registers and enables the site's Altair theme)
from casebook.site import vega

vega.enable()

# Every plot fills its column; casebook.theme.LAYOUT says how (assets/charts.js applies it).
FILL = "container"


def scale(mapping: dict) -> alt.Scale:
    """A scale that draws each key of `mapping` in its value (colour or shape), in key order."""
    return alt.Scale(domain=list(mapping), range=list(mapping.values()))


def lower_first(text: str) -> str:
    """Lower-case the first letter only, so names inside keep their capitals (UPR Info)."""
    return text[:1].lower() + text[1:]
