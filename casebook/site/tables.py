"""Tables and source notes for chapters, written as Markdown so Pandoc resolves citations."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from casebook.datasets import codebook
from casebook.site.bibliography import kind
from casebook.site.datapage import PAGES_DIR
from casebook.site.markdown import cell, from_page, listed
from validation.codebook import source_kinds

# The kinds of source, strongest first, as source_kinds.yml lists them.
KINDS = source_kinds()


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


# A note citing more sources than this folds its list away behind a one-line summary.
FOLD_AFTER = 4
# The page's previous note (Quarto runs one kernel per page): a note identical to the
# one just before it folds into "as for the figure above".
_previous: list = []


def source_note(name: str | list[str], frame: pd.DataFrame) -> Markdown:
    """A 'Sources' line citing every source used by the rows shown, and the dataset file
    (or files, when `name` lists several datasets).

    Long or repeated lists fold into a <details> whose summary says how many sources
    there are; the chart runtime (assets/charts.js) and print show the full list.
    """
    names = [name] if isinstance(name, str) else list(name)
    keys = list(dict.fromkeys(frame["source_key"].dropna()))
    groups = by_kind(keys)
    sources = "Sources: " + "; ".join(
        f"{KINDS[kind]['plural']} [{'; '.join(f'@{k}' for k in group)}]"
        for kind, group in groups.items()
    )
    sources += "."
    books = [codebook(each) for each in names]
    pages = [from_page(PAGES_DIR / f"{b.name}.qmd") for b in books]
    if len(books) == 1:
        data = f"Data: [{books[0].title}]({pages[0]}), with its codebook and validation."
    else:
        # Several full titles in a row read as one; their short titles do not.
        links = [f"[{b.short_title}]({page})" for b, page in zip(books, pages, strict=True)]
        data = f"Data: {listed(links)}, with their codebooks and validation."
    repeated = _previous == [name, keys]
    _previous[:] = [name, keys]
    # The class lets the chart runtime copy this note into the images it saves, so a
    # chart's exported source line is the one printed here.
    if repeated:
        body = _folded("Sources and data: as for the figure above", f"{sources} {data}")
    elif len(keys) > FOLD_AFTER:
        summary = f"Sources: {len(keys)} documents, of {_count(len(groups), 'kind')}"
        body = _folded(summary, sources) + f"\n\n{data}"
    else:
        body = f"{sources} {data}"
    return Markdown(f"::: {{.casebook-sources}}\n{body}\n:::\n")


def by_kind(keys: list[str]) -> dict[str, list[str]]:
    """Source keys grouped by their kind (source_kinds.yml), strongest kind first."""
    # Validation refuses rows citing an unclassed source; a note never drops one.
    unclassed = [k for k in keys if kind(k) not in KINDS]
    if unclassed:
        raise ValueError(f"sources without a kind from source_kinds.yml: {unclassed}")
    return {each: group for each in KINDS if (group := [k for k in keys if kind(k) == each])}


def _count(n: int, noun: str) -> str:
    return f"{'one' if n == 1 else n} {noun}{'' if n == 1 else 's'}"


def _folded(summary: str, text: str) -> str:
    return (
        f'<details class="casebook-sources-list"><summary>{summary} '
        '<span class="casebook-sources-show">(show the list)</span></summary>\n\n'
        f"{text}\n\n</details>"
    )
