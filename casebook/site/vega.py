"""Draw Altair charts with a Vega bundle served by the site itself.

Altair's default renderer loads Vega from a CDN. Instead, the build writes one
bundle of Vega, Vega-Lite and vega-embed, from the pinned vl-convert-python
package, to ``assets/vega/vega-bundle.js``; each page references it once, by a
relative path, so a saved copy of the site draws its charts with no network.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import altair as alt
import vl_convert

from casebook import theme
from casebook.site.markdown import from_page
from validation.codebook import PROJECT_DIR

BUNDLE = PROJECT_DIR / "assets" / "vega" / "vega-bundle.js"
VEGALITE_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])

# The site's own toolbar (assets/charts.js) saves charts with their title and source,
# so vega-embed's menu is off; its "open in editor" action would also post the spec
# to an outside site.
EMBED_OPTIONS = {"renderer": "svg", "actions": False}
RUNTIME = PROJECT_DIR / "assets" / "charts.js"


def write_bundle(path: Path = BUNDLE) -> Path:
    """Write the bundle for the Vega-Lite version Altair emits (skipped if current)."""
    header = (
        f"/* Vega {vl_convert.get_vega_version()}, Vega-Lite {VEGALITE_VERSION}, "
        f"vega-embed {vl_convert.get_vega_embed_version()}; bundled by "
        f"vl-convert-python {vl_convert.__version__}. BSD-3-Clause, (c) the Vega project. */\n"
    )
    if path.exists() and path.read_text(encoding="utf-8").startswith(header):
        return path
    # Wrapped in a function so the bundle's top-level names stay out of the page's
    # global scope; it publishes vegaEmbed, vega and vegaLite on window itself.
    body = vl_convert.javascript_bundle(vl_version=VEGALITE_VERSION)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "(function () {\n" + body + "\n})();\n", encoding="utf-8")
    return path


class _PageRenderer:
    """Altair renderer: a container div and an inline call to the site's vegaEmbed.

    One instance lives per Jupyter kernel, i.e. per page, so the bundle's <script>
    is emitted once, before the first chart, and chart ids are stable across builds.
    """

    def __init__(self) -> None:
        self.charts_drawn = 0

    def __call__(self, spec: dict, **_metadata) -> dict:
        self.charts_drawn += 1
        chart_id = f"casebook-chart-{self.charts_drawn}"
        description = spec.get("description", "")
        # The layout rules travel with each spec, so the runtime has one source for them.
        meta = spec.setdefault("usermeta", {}).setdefault("casebook", {})
        meta["layout"] = theme.LAYOUT
        meta["dark"] = theme.DARK_COLOURS
        parts = []
        if self.charts_drawn == 1:
            parts.append(f'<script src="{from_page(BUNDLE)}"></script>')
            parts.append(f'<script src="{from_page(RUNTIME)}"></script>')
        # No "<" at all inside the script: data text can never end it or open markup.
        spec_json = json.dumps(spec, sort_keys=True).replace("<", "\\u003c")
        parts.append(
            f'<div id="{chart_id}" class="casebook-chart" role="figure" '
            f'aria-label="{html.escape(description, quote=True)}"></div>\n'
            f"<script>\ncasebookChart({json.dumps(chart_id)}, {spec_json}, "
            f"{json.dumps(EMBED_OPTIONS)});\n</script>"
        )
        html_block = "\n".join(parts)
        # Markdown holding a raw HTML block, not a text/html output: Quarto treats any
        # text/html output as a "JavaScript widget" and then adds require.js and jQuery
        # from a CDN to the page. A raw block reaches the page unchanged and alone.
        fence = "`" * 4
        if fence in html_block:
            raise ValueError("chart spec contains a Markdown code fence")
        return {"text/markdown": f"{fence}{{=html}}\n{html_block}\n{fence}\n"}


def enable() -> None:
    alt.renderers.register("casebook", _PageRenderer())
    alt.renderers.enable("casebook")
