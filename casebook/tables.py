"""Tables and source notes for chapters, written as Markdown so Pandoc resolves citations."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
from IPython.display import Markdown

from casebook.datapage import PAGES_DIR
from casebook.datasets import codebook
from casebook.markdown import cell


def table(
    frame: pd.DataFrame,
    columns: dict[str, str],
    caption: str,
    cite: str | None = None,
    widths: list[int] | None = None,
) -> Markdown:
    """A pipe table of selected columns under reader-facing labels.

    `cite` names a column of bibliography keys, rendered as citations; `widths`
    gives relative column widths (Pandoc reads them from the dashes).
    """
    shown = frame[list(columns)].copy()
    for col in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[col]):
            shown[col] = shown[col].dt.strftime("%Y-%m-%d")
        shown[col] = shown[col].astype("string").fillna("–")
    if cite:
        shown[cite] = "@" + shown[cite]
    header = "| " + " | ".join(columns.values()) + " |"
    widths = widths or [1] * len(columns)
    rule = "|" + "|".join(":" + "-" * (4 * w) for w in widths) + "|"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in shown.itertuples(index=False)]
    return Markdown("\n".join([header, rule, *body, "", f": {caption}", ""]))


def source_note(name: str, frame: pd.DataFrame) -> Markdown:
    """A 'Sources' line citing every source used by the rows shown, and the dataset file."""
    book = codebook(name)
    keys = list(dict.fromkeys(frame["source_key"]))
    cites = "; ".join(f"@{k}" for k in keys)
    # Quarto runs a page's code in the page's folder: link relative to it.
    page = Path(os.path.relpath(PAGES_DIR / f"{book.name}.qmd", Path.cwd())).as_posix()
    # The class lets the chart runtime (assets/charts.js) copy this note into the
    # images it saves, so a chart's exported source line is the one printed here.
    return Markdown(
        "::: {.casebook-sources}\n"
        f"Sources: [{cites}]. Data: [{book.title}]({page}), with its codebook and validation.\n"
        ":::\n"
    )
