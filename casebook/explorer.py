"""A filterable table of rows, drawn in the browser by the site's own assets/explorer.js.

The rows travel inside the page as JSON, so the explorer works from a saved copy.
Charts whose selection parameter is named ``pick_<field>`` filter it (see
casebook.charts.upr_positions_by).
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

from IPython.display import Markdown

from validation.codebook import PROJECT_DIR

SCRIPT = PROJECT_DIR / "assets" / "explorer.js"


def explorer(
    name: str,
    rows: list[dict],
    columns: dict[str, str],
    filters: dict[str, str],
    caption: str,
) -> Markdown:
    """`columns` and `filters` map row fields to reader-facing labels."""
    data_id = f"{name}-rows"
    attrs = {
        "id": name,
        "class": "casebook-explorer",
        "data-rows": data_id,
        "data-caption": caption,
        "data-columns": json.dumps([{"field": f, "label": lab} for f, lab in columns.items()]),
        "data-fields": json.dumps([{"field": f, "label": lab} for f, lab in filters.items()]),
    }
    attr_text = " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
    payload = json.dumps(_encoded(rows), ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("</", "<\\/")
    script = Path(os.path.relpath(SCRIPT, Path.cwd())).as_posix()
    block = "\n".join(
        [
            f'<script type="application/json" id="{data_id}">{payload}</script>',
            f"<div {attr_text}>",
            # Without JavaScript the reader still has the CSV download on the Data page.
            "<noscript>The explorer needs JavaScript; the Data page offers the CSV.</noscript>",
            "</div>",
            f'<script src="{script}"></script>',
        ]
    )
    fence = "`" * 4
    return Markdown(f"{fence}{{=html}}\n{block}\n{fence}\n")


def _encoded(rows: list[dict]) -> dict:
    """Rows with repeated values replaced by indices into per-field lists.

    Keeps the page light: names, labels and themes repeat hundreds of times. A
    field whose values are mostly distinct (the text, the number) stays inline.
    """
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
