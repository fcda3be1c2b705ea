"""Helpers for writing Markdown that Pandoc reads back exactly as meant."""

from __future__ import annotations

import os
from pathlib import Path


def cell(text: object) -> str:
    """Text safe in a pipe-table cell: no pipes, no TeX ($), no raw HTML (<)."""
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("$", "\\$")
        .replace("<", "&lt;")
        .replace("\n", " ")
    )


def literal(text: object) -> str:
    """An inline code span holding `text` exactly; outside tables, where `|` needs no escape."""
    return f"`` {text} ``"


def code(text: object) -> str:
    """An inline code span (contents literal), safe inside a table cell."""
    return "`` " + str(text).replace("|", "\\|").replace("`", "'") + " ``"


def from_page(path: Path) -> str:
    """`path` as a link from the page being rendered: Quarto runs each page's code in
    the page's own folder, so the link is relative to that folder."""
    return Path(os.path.relpath(path, Path.cwd())).as_posix()


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number(n: int, up_to: int = 9) -> str:
    """A count as prose writes it: words up to nine ("no" for zero), or up to `up_to` (at
    most ten) where a text counts in words ("the ten principles"), digits above."""
    return NUMBER_WORDS[n] if 0 <= n <= min(up_to, len(NUMBER_WORDS) - 1) else str(n)


def listed(words: list[str]) -> str:
    """Words joined as prose lists them: "a", "a and b", "a, b and c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
