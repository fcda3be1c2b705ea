"""Author-year labels for bibliography keys, for text Pandoc never sees (chart exports).

Pandoc formats citations in prose; chart images and CSVs are drawn in the browser,
so they need the same short form worked out here from references.bib.
"""

from __future__ import annotations

import re
from functools import cache

from validation.codebook import BIBLIOGRAPHY

_ENTRY = re.compile(r"@\w+\s*\{\s*([^,\s]+)\s*,(.*?)\n\}", re.S)
_FIELD_START = re.compile(r"(\w+)\s*=\s*\{")
# The few TeX accents the bibliography uses, as the characters they stand for.
_ACCENTS = {
    '\\"u': "ü",
    '\\"o': "ö",
    '\\"a': "ä",
    "\\'e": "é",
    "\\'a": "á",
    "\\v{s}": "š",
    "\\'E": "É",
    "\\ae": "æ",
}


def _fields(body: str) -> dict[str, str]:
    """Each `name = {value}` of an entry, braces inside the value balanced."""
    fields, at = {}, 0
    while match := _FIELD_START.search(body, at):
        depth, end = 1, match.end()
        while depth and end < len(body):
            depth += {"{": 1, "}": -1}.get(body[end], 0)
            end += 1
        fields[match.group(1).lower()] = body[match.end() : end - 1]
        at = end
    return fields


def _plain(text: str) -> str:
    for tex, char in _ACCENTS.items():
        text = text.replace(tex, char)
    return text.replace("{", "").replace("}", "")


@cache
def _entries() -> dict[str, dict[str, str]]:
    text = BIBLIOGRAPHY.read_text(encoding="utf-8")
    return {key: _fields(body) for key, body in _ENTRY.findall(text)}


def _surname(author: str) -> str:
    author = author.strip()
    if author.startswith("{"):  # a body's name, kept whole: {UN Human Rights Council}
        return author.strip("{}")
    return author.split(",")[0].strip() if "," in author else author.split()[-1]


def author_year(key: str) -> str:
    """'Heo 2014', 'Coppedge et al. 2025', 'UN Human Rights Council 2010'; the key if unknown."""
    entry = _entries().get(key)
    if entry is None:
        return key
    author = entry.get("author", "").strip()
    # A body's name is braced whole: {Conference on Security and Co-operation in Europe}.
    corporate = author.startswith("{") and author.endswith("}") and author.count("{") == 1
    authors = [author] if corporate else [a for a in re.split(r"\s+and\s+", author) if a.strip()]
    names = [_surname(a) for a in authors if a.strip() != "others"]
    if not names:
        names = [entry.get("organization") or entry.get("institution") or key]
    if len(names) > 2 or "others" in entry.get("author", ""):
        who = f"{names[0]} et al."
    else:
        who = " and ".join(names)
    year = (entry.get("year") or entry.get("date") or "n.d.")[:4]
    return f"{_plain(who)} {year}"


def listing(keys: list[str], most: int = 6) -> str:
    """Distinct sources as a short list: 'A 2001; B 2002 and 7 more'."""
    labels = list(dict.fromkeys(author_year(k) for k in keys))
    shown = "; ".join(labels[:most])
    return shown if len(labels) <= most else f"{shown} and {len(labels) - most} more"
