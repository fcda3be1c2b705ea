"""The chart theme's colours and words, checked without a browser."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from casebook import theme
from casebook.dprk import recommendations, upr

# Machado et al. (2009) simulations of full deuter-, prot- and tritanomaly.
VISION = {
    "normal vision": None,
    **{
        kind: {"name": "sRGB1+CVD", "cvd_type": kind, "severity": 100}
        for kind in ("deuteranomaly", "protanomaly", "tritanomaly")
    },
}


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255


@pytest.mark.parametrize("vision", list(VISION))
def test_phase_colours_stay_distinct_with_colour_vision_deficiencies(vision):
    colours = [_rgb(c) for c in theme.PHASE_COLOURS]
    if VISION[vision]:
        colours = [np.clip(cspace_convert(c, VISION[vision], "sRGB1"), 0, 1) for c in colours]
    # Distance in CAM02-UCS, where about 1 is a just-noticeable difference.
    nearest = min(deltaE(a, b, input_space="sRGB1") for a, b in itertools.combinations(colours, 2))
    assert nearest >= theme.PHASE_MIN_DISTANCE, f"{vision}: nearest phases {nearest:.1f} apart"


def test_positions_and_responses_share_one_vocabulary():
    # The Working Group positions of single recommendations are named, and coloured,
    # exactly as the cycle-level positions and final responses.
    words = set(upr.RESPONSE_LABELS.values())
    assert set(recommendations.POSITION_LABELS.values()) <= words
    assert set(theme.POSITION_COLOURS) <= set(theme.RESPONSE_COLOURS) == words
    for position, colour in theme.POSITION_COLOURS.items():
        assert theme.RESPONSE_COLOURS[position] == colour


@pytest.mark.parametrize("vision", list(VISION))
def test_events_stand_out_from_the_shaded_phases_behind_them(vision):
    from casebook.democracy import INDEX_COLOUR
    from casebook.mongolia import EVENT_COLOURS

    def seen(colour):
        return (
            np.clip(cspace_convert(colour, VISION[vision], "sRGB1"), 0, 1)
            if VISION[vision]
            else colour
        )

    alpha = theme.SHADE_OPACITY
    shades = [seen(alpha * _rgb(c) + (1 - alpha)) for c in theme.PHASE_COLOURS]
    marks = [seen(_rgb(c)) for c in [*EVENT_COLOURS.values(), INDEX_COLOUR]]
    nearest = min(deltaE(m, s, input_space="sRGB1") for m in marks for s in shades)
    assert nearest >= theme.MARK_MIN_DISTANCE, f"{vision}: a mark {nearest:.1f} from its phase"


def test_every_chart_is_drawn_in_the_site_theme():
    import altair as alt

    from casebook.dprk import upr  # its charts import casebook.charts: theme and renderer

    assert alt.theme.active == "casebook"
    spec = upr.upr_acceptance_trend(upr.responses(upr.by_cycle())).to_dict()
    assert spec["config"]["font"] == theme.FONT
    assert spec["config"]["legend"]["orient"] == "top"
