"""Author–year labels for sources, where Pandoc's citations cannot reach (chart tooltips).

Tooltips and chart data are drawn in the browser from data, not Markdown, so a
source there would otherwise show as its bibliography key ("ipu1990elections").
This gives the same author–year form the pages' citations use: "Inter-Parliamentary
Union 1990", "Park and Kim 2024", "Risse et al. 1999", "n.d." for an undated source.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import pandas as pd

from validation.codebook import BIBLIOGRAPHY

_ENTRY = re.compile(r"^@\w+\{([^,\s]+),", re.M)
_FIELD = re.compile(r"^\s*([\w-]+)\s*=\s*", re.M)
# "(copy: zmjones/untreaties 3265c6a, data/4-2.csv)": which copy was read, for
# reviewers; the Data pages keep it, reader-facing labels leave it out.
_COPY = re.compile(r"\s*\(copy: [^)]*\)")


def _braced(text: str, start: int) -> str:
    """The text of the {…} group opening at `start`, nested braces included."""
    depth = 0
    for i in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return text[start + 1 : i]
    raise ValueError(f"unbalanced braces from character {start} of the bibliography")


@functools.cache
def entries(path: Path = BIBLIOGRAPHY) -> dict[str, dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    starts = [(m.group(1), m.end()) for m in _ENTRY.finditer(text)]
    found = {}
    for n, (key, start) in enumerate(starts):
        end = starts[n + 1][1] if n + 1 < len(starts) else len(text)
        body, fields = text[start:end], {}
        for field in _FIELD.finditer(body):
            if body[field.end() : field.end() + 1] == "{":
                fields[field.group(1).lower()] = _braced(body, field.end())
        found[key] = fields
    return found


def _split_names(field: str) -> list[str]:
    """A BibTeX name list split at " and ", except inside braces ({Security and Europe})."""
    names, depth, start = [], 0, 0
    for i, char in enumerate(field):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and field.startswith(" and ", i):
            names.append(field[start:i])
            start = i + len(" and ")
    return [*names, field[start:]] if field.strip() else []


# LaTeX accents as BibTeX writes them (f\"ur, \'Eireann, Encyclop\aedia), as Pandoc shows them.
_ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303"}
_LETTERS = {"ae": "æ", "AE": "Æ", "oe": "œ", "o": "ø", "O": "Ø", "ss": "ß", "aa": "å"}


def _plain(text: str) -> str:
    text = re.sub(
        r"\\([\"'`^~])\{?(\w)\}?",
        lambda m: unicodedata.normalize("NFC", m.group(2) + _ACCENTS[m.group(1)]),
        text,
    )
    text = re.sub(r"\{?\\(ae|AE|oe|ss|aa|o|O)\b\}?\s?", lambda m: _LETTERS[m.group(1)], text)
    return text.replace("{", "").replace("}", "")


def _names(field: str) -> list[str]:
    """Family names (or a whole organisation name) from a BibTeX name list."""
    names = []
    for name in _split_names(field):
        name = name.strip()
        if name.startswith("{") and name.endswith("}"):
            names.append(name[1:-1])  # {{Organisation}}: one name, as written
        elif "," in name:
            names.append(name.split(",")[0].strip())
        else:
            names.append(name.split()[-1])
    return [_plain(n) for n in names]


def short(key: str) -> str:
    """ "Author Year" for a bibliography key."""
    fields = entries()[key]
    names = _names(fields.get("author") or fields.get("editor") or "") or [
        fields.get("organization") or fields.get("institution") or fields.get("title", key)
    ]
    who = (
        names[0]
        if len(names) == 1
        else f"{names[0]} and {names[1]}"
        if len(names) == 2
        else f"{names[0]} et al."
    )
    year = fields.get("year") or (fields.get("date") or "")[:4] or "n.d."
    return f"{who} {year}"


def title(key: str) -> str:
    """An entry's title as plain text (TeX accents and braces resolved)."""
    return _plain(entries()[key].get("title", key))


def kind(key: str) -> str:
    """The entry's kind of source (its `sourcekind`, one of source_kinds.yml), or ""."""
    return entries().get(key, {}).get("sourcekind", "")


def cite(key: str, locator: str | None = None) -> str:
    """ "Author Year, locator" for readers (without the note of which copy was read)."""
    if not isinstance(locator, str) or not locator.strip():
        return short(key)
    return f"{short(key)}, {_COPY.sub('', locator).strip()}"


def cite_rows(keys: pd.Series, locators: pd.Series) -> pd.Series:
    """`cite` for each row of two columns, on their index (a missing key gives a missing
    value)."""
    return pd.Series(
        [
            cite(key, locator) if isinstance(key, str) else None
            for key, locator in zip(keys, locators, strict=True)
        ],
        index=keys.index,
        dtype=object,
    )
