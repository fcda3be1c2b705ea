"""The site's explorer: a searchable, faceted, sortable table of rows, drawn in the
browser by assets/explorer.js and configured here, by the page that shows it.

The rows travel inside the page as JSON, so the explorer works from a saved copy.
One script serves every explorer: the page says which columns to show, which fields
to filter and search, what the CSV download holds and where the rows come from.
Charts link to an explorer through their spec (the `link` argument of casebook.theme.finish).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from IPython.display import Markdown

from casebook import datasets
from casebook.site import publication, rows
from casebook.site.markdown import from_page, listed
from validation.codebook import PROJECT_DIR, read_result

SCRIPT = PROJECT_DIR / "assets" / "explorer.js"
SITE_NAME = "Norms under review"


@dataclass(frozen=True)
class Column:
    """A column of the table; `width` is its CSS grid track (the rows are grids),
    `link` names a row field holding the cell's link target and `title` one holding
    its hover text."""

    field: str
    label: str
    width: str = "minmax(6rem, 1fr)"
    link: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Facet:
    """A filter with a checkbox per value; `order` lists values that have a natural
    order (ranks, stages), the rest follow alphabetically."""

    field: str
    label: str
    order: tuple[str, ...] = ()


def explorer(
    name: str,
    rows: list[dict],
    *,
    dataset: str,
    columns: list[Column],
    facets: list[Facet],
    search: dict[str, str],
    export: dict[str, str],
    caption: str,
    noun: tuple[str, str],
    default_order: str,
    param_prefix: str = "",
) -> Markdown:
    """An explorer over `rows` (dicts of plain values or lists of them).

    `search` maps the fields searched to how the help text names them; `export` maps
    the CSV's fields to its column headings, in order. `param_prefix` keeps the
    address parameters of two explorers on one page apart (it ends with ".").
    """
    if param_prefix and not param_prefix.endswith("."):
        raise ValueError(f"an explorer's parameter prefix ends with '.': {param_prefix!r}")
    # Facet fields name address parameters beside "search" and "sort".
    clashes = [f.field for f in facets if f.field in ("search", "sort") or "." in f.field]
    if clashes:
        raise ValueError(f"facet fields cannot be named 'search' or 'sort' or hold '.': {clashes}")
    config = {
        "noun": list(noun),
        "caption": caption,
        "default_order": default_order,
        "param_prefix": param_prefix,
        "columns": [_drop_none(vars(c)) for c in columns],
        "facets": [{"field": f.field, "label": f.label, "order": list(f.order)} for f in facets],
        "search": list(search),
        "search_label": listed(list(search.values())),
        "export": [{"field": f, "label": label} for f, label in export.items()],
        "download": _download(name, dataset, caption),
        "data": _encoded(rows),
    }
    config_id = f"{name}-config"
    # allow_nan=False: a missing value must be "" or None, never NaN, which JSON lacks.
    payload = json.dumps(
        config, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False
    )
    # No "<" at all inside the script element: data text can never end it.
    payload = payload.replace("<", "\\u003c")
    script = from_page(SCRIPT)
    block = "\n".join(
        [
            f'<script type="application/json" id="{config_id}">{payload}</script>',
            f'<div id="{name}" class="casebook-explorer" '
            f'data-config="{html.escape(config_id, quote=True)}">',
            # Without JavaScript the reader still has the CSV download on the Data page.
            "<noscript>The explorer needs JavaScript; the Data page offers the CSV.</noscript>",
            "</div>",
            f'<script src="{script}"></script>',
        ]
    )
    fence = "`" * 4
    return Markdown(f"{fence}{{=html}}\n{block}\n{fence}\n")


def _download(name: str, dataset: str, caption: str) -> dict:
    """What the CSV's opening lines say about where its rows come from."""
    book = datasets.codebook(dataset)
    page = from_page(rows.PAGES_DIR / f"{dataset}.html")
    return {
        "site": SITE_NAME,
        "title": caption,
        "dataset": book.title,
        "edition": publication.current().display_date or "not dated (built without a commit)",
        # The fingerprint validation recorded: datasets.load serves only those bytes.
        "sha256": read_result(dataset)["csv_sha256"],
        "data_page": page,
        "licence": book.licence_summary or book.licence,
        "file": f"{name}.csv",
    }


def _drop_none(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


def _encoded(rows: list[dict]) -> dict:
    """Rows with repeated values replaced by indices into per-field lists.

    Keeps the page light: names, labels and themes repeat hundreds of times. A
    field whose values are mostly distinct (the text, the number) stays inline.
    """
    if not rows:
        raise ValueError("an explorer needs at least one row")
    fields = list(rows[0])
    lookups: dict[str, list] = {}
    for field in fields:
        cells = [row[field] if isinstance(row[field], list) else [row[field]] for row in rows]
        values = [v for cell in cells for v in cell]
        distinct = sorted(set(values), key=str)
        if len(distinct) < len(rows) / 2:
            lookups[field] = distinct

    positions = {f: {v: i for i, v in enumerate(vs)} for f, vs in lookups.items()}

    def cell(field: str, value):
        if field not in lookups:
            return value
        index = positions[field]
        return [index[v] for v in value] if isinstance(value, list) else index[value]

    return {
        "fields": fields,
        "lookups": lookups,
        "rows": [[cell(f, row[f]) for f in fields] for row in rows],
    }
