"""The picture shown when a page is shared: drawn at build time from the site's data.

A link shared on social media or in a chat shows this card (Open Graph and Twitter
metadata point at it). It is the home page's summary chart, drawn from the validated
UPR figures by the pinned vl-convert, so it never goes stale and nothing is fetched
from another host.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import vl_convert

from casebook.dprk import upr
from validation.codebook import PROJECT_DIR

CARD = PROJECT_DIR / "assets" / "social-card.png"
# What the card was last drawn from (its spec and the drawing package), so an unchanged
# card is not drawn again.
DRAWN_FROM = PROJECT_DIR / "build" / "social-card.sha256"
# About the 1.91:1 social sites show uncropped, drawn at 600 × 314 and scaled 2×.
WIDTH, HEIGHT, SCALE = 600, 314, 2


def spec() -> dict:
    chart = upr.upr_acceptance_trend(upr.responses(upr.by_cycle()))
    drawn = chart.properties(
        width=WIDTH - 90,
        height=HEIGHT - 150,
        title={
            "text": "Norms under review",
            "subtitle": [
                "Share of UN review recommendations the DPRK supported, by cycle:",
                "acceptance on paper, not a measure of rights in practice.",
                "Sources: UN review reports, UPR Info, and press and NGO counts for 2019 and 2024.",
            ],
            "anchor": "start",
            "fontSize": 22,
            "subtitleFontSize": 13,
        },
        background="white",
        padding=16,
    ).to_dict()
    drawn.pop("usermeta", None)
    return drawn


def write(path: Path = CARD, drawn_from: Path = DRAWN_FROM) -> Path:
    card = spec()
    stamp = hashlib.sha256(
        json.dumps([card, SCALE, vl_convert.__version__], sort_keys=True).encode()
    ).hexdigest()
    if path.exists() and drawn_from.exists() and drawn_from.read_text() == stamp:
        return path
    png = vl_convert.vegalite_to_png(card, scale=SCALE)
    if not path.exists() or path.read_bytes() != png:
        path.write_bytes(png)
    drawn_from.parent.mkdir(parents=True, exist_ok=True)
    drawn_from.write_text(stamp)
    return path
