"""Stylesheets cut to the rules whose selectors the site can match (casebook.site.page_assets).

Quarto serves all of Bootstrap (500 KB, 69 KB gzip) with every page; the site uses a
fraction of its classes. A rule is kept unless each of its selectors names a class that
appears nowhere in the site's pages and scripts (as PurgeCSS does: a class built by a
script from pieces, which no file spells out whole, would be lost, so scripts are read
word by word and a selector with :is(), :where() or :has() is always kept).
"""

from __future__ import annotations

import re

CLASS = re.compile(r"\.(-?[A-Za-z_](?:[A-Za-z0-9_-]|\\.)*)")
WORD = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*")
# At-rules whose blocks hold rules of their own, cut the same way.
NESTING = ("@media", "@supports", "@layer", "@container")


def blocks(css: str) -> list[tuple[str, str | None]]:
    """Top-level (prelude, body) pairs, body None for a statement; comments dropped but
    for the top level's "/*!" ones (licences), kept as statements; strings kept whole."""
    out, depth, prelude_start, body_start, i = [], 0, 0, 0, 0
    prelude = ""
    while i < len(css):
        if css.startswith("/*", i):
            end = css.find("*/", i + 2)
            end = len(css) if end < 0 else end + 2
            if depth == 0 and css.startswith("/*!", i):
                out.append((css[i:end], None))
                prelude_start = end
            i = end
            continue
        c = css[i]
        if c == "\\":  # an escaped character is never a brace or a quote
            i += 2
            continue
        if c in "\"'":
            end = i + 1
            while end < len(css) and css[end] != c:
                end += 2 if css[end] == "\\" else 1
            i = end + 1
            continue
        if c == "{":
            if depth == 0:
                prelude, body_start = css[prelude_start:i], i + 1
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                out.append((_strip_comments(prelude).strip(), css[body_start:i]))
                prelude_start = i + 1
        elif c == ";" and depth == 0:  # a statement at-rule: @charset, @import
            out.append((_strip_comments(css[prelude_start:i]).strip(), None))
            prelude_start = i + 1
        i += 1
    return out


def _strip_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(prelude):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return [p.strip() for p in parts if p.strip()]


def matchable(selector: str, words: set[str]) -> bool:
    if re.search(r":(is|where|has)\(", selector):
        return True
    # A class inside :not() only ever narrows what the rest matches.
    plain = re.sub(r":not\((?:[^()]|\([^()]*\))*\)", "", selector)
    plain = re.sub(r"\[[^\]]*\]", "", plain)  # attribute values are no classes
    # A class with an escaped character (".md\\:flex") is kept: the word scan cannot see it.
    return all(name in words or "\\" in name for name in CLASS.findall(plain))


def cut(css: str, words: set[str]) -> str:
    out = []
    for prelude, body in blocks(css):
        if body is None:
            out.append(prelude if prelude.startswith("/*!") else prelude + ";")
        elif prelude.startswith(NESTING):
            inner = cut(body, words)
            # An empty @layer still fixes the layers' order; other empty blocks go.
            if inner or prelude.startswith("@layer"):
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            kept = [s for s in selectors(prelude) if matchable(s, words)]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)
