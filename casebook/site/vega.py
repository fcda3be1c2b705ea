"""Draw Altair charts as Vega, compiled at build time, with a runtime the site serves.

Each chart's Vega-Lite spec is compiled to Vega here, by the pinned vl-convert-python,
so pages load Vega alone (``assets/vega/vega-bundle.js``, built from npm by
``tools/vega-bundle``) and never Vega-Lite. The values the runtime fits to a chart's
column (label room, tick and legend columns, facet columns, panel widths, see
``assets/charts.js``) are compiled in as numbered slots, which the runtime fills at
every width. The build checks, for every chart, that filling the slots gives exactly
what compiling with those values would give, so this is the drawing Vega-Lite would
make in the page. Each page references the bundle once, by a relative path, so a
saved copy of the site draws its charts with no network.
"""

from __future__ import annotations

import copy
import functools
import html
import json
import re

import altair as alt
import vl_convert

from casebook import theme
from casebook.site.markdown import from_page
from validation.codebook import PROJECT_DIR

BUNDLE = PROJECT_DIR / "assets" / "vega" / "vega-bundle.js"
# The transforms the bundle can run, written beside it by tools/vega-bundle/build.mjs.
BUNDLE_TRANSFORMS = BUNDLE.with_suffix(".transforms.json")
VEGALITE_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
VIEW_OPTIONS = {"renderer": "svg"}
RUNTIME = PROJECT_DIR / "assets" / "charts.js"

# The fitted values, as numbers no chart uses otherwise. charts.js replaces each
# wherever it stands in the compiled spec: as a number, or inside an expression.
SLOTS = {
    "labels": 90001,  # y-axis label room
    "ticks": 90002,  # time-axis ticks
    "legendColumns": 90003,
    "legendRoom": 90004,  # a legend's title room
    "legendLabels": 90005,  # a legend's label room
    "columns": 90006,  # facet columns
    "width": 90007,  # each panel's width in a concatenated or faceted chart
}
_SLOT = re.compile(r"\b(" + "|".join(str(n) for n in SLOTS.values()) + r")\b")
# Values a phone's column might get: the check that slots compile like values.
_PROBE = {
    "labels": 117,
    "ticks": 4,
    "legendColumns": 2,
    "legendRoom": 301,
    "legendLabels": 140,
    "columns": 2,
    "width": 143,
}
COMPOSITE = ("vconcat", "hconcat", "concat", "facet", "repeat")


def _set_widths(node, width: int) -> None:
    """Every `width: "container"` inside a composite view becomes the width slot:
    Vega-Lite sizes single and layered views to their container itself, not concats
    or facets."""
    if isinstance(node, list):
        for item in node:
            _set_widths(item, width)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("datasets", "data"):
                continue
            if key == "width" and value == "container":
                node[key] = width
            else:
                _set_widths(value, width)


def with_slots(spec: dict) -> dict:
    """The Vega-Lite spec with slots where charts.js puts the fitted values."""
    spec = copy.deepcopy(spec)
    meta = spec.setdefault("usermeta", {}).setdefault("casebook", {})
    config = spec.setdefault("config", {})
    config["axisY"] = {**config.get("axisY", {}), "labelLimit": SLOTS["labels"]}
    # Fewer time ticks on a narrow plot; overlapping labels are dropped, never drawn over.
    config["axisX"] = {**config.get("axisX", {}), "tickCount": SLOTS["ticks"], "labelOverlap": True}
    # Legends wrap into as many columns as the width holds.
    config["legend"] = {
        **config.get("legend", {}),
        "columns": SLOTS["legendColumns"],
        "titleLimit": SLOTS["legendRoom"],
        "labelLimit": SLOTS["legendLabels"],
    }
    # A container-wide view fits its width only; its height is set by its rows.
    if spec.get("width") == "container" and not spec.get("autosize"):
        spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    if spec.get("columns") and meta.get("panel"):
        meta["columns"] = spec["columns"]  # the most columns, as the chart asks
        spec["columns"] = SLOTS["columns"]
    meta["composite"] = any(key in spec for key in COMPOSITE)
    if meta["composite"]:
        _set_widths(spec, SLOTS["width"])
    return spec


def fill(spec, values: dict):
    """The spec with each slot replaced by its value (as charts.js does); data rows
    (Vega-Lite's datasets, Vega's values) are left as they are."""
    by_number = {SLOTS[name]: value for name, value in values.items()}

    def filled(node):
        if isinstance(node, list):
            return [filled(item) for item in node]
        if isinstance(node, dict):
            return {
                key: value if key in ("datasets", "values") else filled(value)
                for key, value in node.items()
            }
        if isinstance(node, bool):
            return node
        if isinstance(node, int | float) and node in by_number:
            return by_number[node]
        if isinstance(node, str):
            return _SLOT.sub(lambda m: str(by_number.get(int(m.group(1)), m.group(1))), node)
        return node

    return filled(spec)


def to_vega(spec: dict) -> dict:
    return vl_convert.vegalite_to_vega(spec, vl_version=VEGALITE_VERSION)


@functools.cache
def bundle_transforms() -> frozenset[str]:
    """The transforms the site's Vega bundle can run (read once per page's kernel)."""
    return frozenset(json.loads(BUNDLE_TRANSFORMS.read_text(encoding="utf-8")))


def _transforms(node) -> set[str]:
    """The transform types a Vega spec uses, in its data and in its marks."""
    found: set[str] = set()
    if isinstance(node, list):
        for item in node:
            found |= _transforms(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "values":
                continue
            if key == "transform" and isinstance(value, list):
                found |= {str(t.get("type", "")).lower() for t in value if isinstance(t, dict)}
            found |= _transforms(value)
    return found


def compiled(spec: dict) -> dict:
    """The chart as Vega with slots, checked against a compile with values in them."""
    name = f"chart {spec.get('description', '')[:60]!r}"
    # The runtime reads usermeta (the slots' own numbers among it) from the spec as given.
    settings = {key: value for key, value in spec.items() if key not in ("datasets", "usermeta")}
    if _SLOT.search(json.dumps(settings)):
        # charts.js would take the number for a slot and replace it.
        raise ValueError(f"{name} holds a number the chart runtime reserves ({_SLOT.pattern})")
    slotted = with_slots(spec)
    vega = to_vega(slotted)
    if fill(vega, _PROBE) != to_vega(fill(slotted, _PROBE)):
        raise ValueError(
            f"{name}: Vega-Lite compiles a fitted value into something other than the "
            "value itself, so charts.js cannot fill it in"
        )
    missing = _transforms(vega) - bundle_transforms()
    if missing:
        raise ValueError(
            f"{name} needs Vega transforms the site's bundle leaves out: {sorted(missing)}; "
            "add them in tools/vega-bundle/entry.js and rebuild the bundle (its README)"
        )
    return vega


def csv_columns(spec: dict) -> list[list[str]]:
    """The columns a chart's CSV download holds, [field, heading] in order: the fields
    the chart draws from, plus any `part` (which table a row is from, first) and source
    columns, headed as the chart's tooltips name them."""
    titles: dict[str, list[str]] = {}
    used: set[str] = set()

    def collect(node, tooltips_only: bool, in_tooltip: bool) -> None:
        if isinstance(node, list):
            for item in node:
                collect(item, tooltips_only, in_tooltip)
            return
        if not isinstance(node, dict):
            return
        field = node.get("field")
        if isinstance(field, str):
            used.add(field)
            title = node.get("title")
            if (in_tooltip or not tooltips_only) and isinstance(title, str):
                title = re.sub(r"\s*\(click to filter\)", "", title, count=1)
                known = titles.setdefault(field, [])
                # Tooltip titles name a value for reading; an axis or legend title only
                # stands in where no tooltip names the field. A field may carry a
                # different title in each table it appears in: the heading gives each.
                if title not in known and (tooltips_only or not known):
                    known.append(title)
        for key, value in node.items():
            if key != "datasets":
                collect(value, tooltips_only, in_tooltip or key == "tooltip")

    collect(spec, True, False)
    collect(spec, False, False)
    fields: list[str] = []
    # Tables and their columns in name order, as the download has always listed them.
    datasets = spec.get("datasets", {})
    for table in sorted(datasets):
        for row in datasets[table]:
            for name in sorted(row):
                if (name in used or name == "part" or "source" in name) and name not in fields:
                    fields.append(name)
    fields.sort(key=lambda name: name != "part")
    columns, seen = [], set()
    for name in fields:
        heading = "Part of the chart" if name == "part" else " / ".join(titles.get(name) or [name])
        if heading in seen:
            heading = f"{heading} ({name})"
        seen.add(heading)
        columns.append([name, heading])
    return columns


class _PageRenderer:
    """Altair renderer: a container div and an inline call to the site's chart runtime.

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
        meta["slots"] = SLOTS
        meta["csv"] = {"columns": csv_columns(spec), "data": sorted(spec.get("datasets", {}))}
        vega = compiled(spec)
        parts = []
        if self.charts_drawn == 1:
            parts.append(f'<script src="{from_page(BUNDLE)}"></script>')
            parts.append(f'<script src="{from_page(RUNTIME)}"></script>')
        # No "<" at all inside the script: data text can never end it or open markup.
        spec_json = json.dumps(vega, sort_keys=True).replace("<", "\\u003c")
        parts.append(
            f'<div id="{chart_id}" class="casebook-chart" role="figure" '
            f'aria-label="{html.escape(description, quote=True)}"></div>\n'
            f"<script>\ncasebookChart({json.dumps(chart_id)}, {spec_json}, "
            f"{json.dumps(VIEW_OPTIONS)});\n</script>"
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
