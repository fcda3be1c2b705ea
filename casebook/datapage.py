"""The site's Data section: one page per dataset, generated from its codebook and GX results.

A reviewer reads here, without running anything, what each dataset holds, where it
comes from, and which expectations were checked on exactly these bytes, with the
observed values. `write_pages()` runs in the build after validation; each stub page
calls `show(name)`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from IPython.display import Markdown

from casebook import citing
from casebook.markdown import cell, code, literal
from validation.codebook import (
    DATA_DIR,
    PROJECT_DIR,
    Codebook,
    codebooks,
    load_codebook,
    read_raw,
    read_result,
)

PAGES_DIR = PROJECT_DIR / "datasets"  # generated, not committed

STUB = """---
title: "{title}"
subtitle: "Dataset `{name}`"
description: "{description}"
citation:
  id: {key}
  type: dataset
---

```{{python}}
from casebook import datapage
datapage.show("{name}")
```
"""

INDEX = """---
title: "Data"
subtitle: "Every dataset behind the site, with its codebook, sources and validation results"
description: "Every dataset behind the site: what a row is, its sources and terms, its checks."
citation:
  id: normsunderreview_data
  type: dataset
---

```{{python}}
from casebook import datapage
datapage.index()
```
"""


def write_pages(data_dir: Path = DATA_DIR, pages_dir: Path = PAGES_DIR) -> list[Path]:
    """Write one stub page per dataset, plus the index; remove stale ones."""
    pages_dir.mkdir(exist_ok=True)
    for stale in pages_dir.glob("*.qmd"):
        stale.unlink()
    written = [pages_dir / "index.qmd"]
    written[0].write_text(INDEX.format(), encoding="utf-8")
    for book in codebooks(data_dir):
        page = pages_dir / f"{book.name}.qmd"
        description = f"Dataset: {book.row}".replace('"', "'")
        page.write_text(
            STUB.format(
                title=book.title,
                name=book.name,
                description=description,
                key=citing.dataset_key(book.name),
            ),
            encoding="utf-8",
        )
        written.append(page)
    return written


def result(name: str) -> dict:
    return read_result(name)


def index() -> Markdown:
    lines = [
        "Each dataset is a CSV file with a YAML codebook beside it.",
        "Before any page is built, every dataset passes the checks listed on its page;",
        "a single failure stops the build.",
        "",
        "| Dataset | What one row is | Rows | Checks passed |",
        "|:--|:--|:--|:--|",
    ]
    for book in codebooks():
        res = result(book.name)
        passed = sum(c["success"] for c in res["checks"])
        lines.append(
            f"| [{book.title}]({book.name}.qmd) | {book.row} | {_rows(book)} "
            f"| {passed} of {len(res['checks'])} |"
        )
    return Markdown("\n".join(lines))


def show(name: str) -> Markdown:
    book = load_codebook(DATA_DIR / f"{name}.yml")
    res = result(name)
    parts = [
        f"**One row:** {book.row}",
        "",
        f"**Rows:** {_rows(book)}. "
        f"**Download:** [{name}.csv](../data/{name}.csv) · "
        f"[codebook {name}.yml](../data/{name}.yml). "
        f"**SHA-256 of the CSV validated:** `{res['csv_sha256']}`",
        "",
        book.notes.strip(),
        "",
        "## Columns",
        "",
        *_columns_table(book),
    ]
    if "measures" in book.extra:
        parts += ["", "## Measures", "", *_measures_table(book.extra["measures"])]
    if "themes" in book.extra:
        parts += ["", "## Coding scheme", "", *_scheme(book.extra)]
    if "units" in book.extra:
        parts += ["", "## Country units", "", *_units_table(book.extra)]
    parts += ["", "## Sources", "", *_sources(book)]
    parts += ["", "## Validation", "", *_validation(res)]
    return Markdown("\n".join(parts))


def _rows(book: Codebook) -> str:
    count = len(read_raw(book))  # parsed rows: a quoted field may span lines
    return f"{count}" + (f" (expected {book.expected_rows})" if book.expected_rows else "")


def _columns_table(book: Codebook) -> list[str]:
    lines = [
        "| Column | Type | Required | Allowed values or range | Meaning |",
        "|:--|:--|:--|:--|:--|",
    ]
    for col in book.columns:
        lines.append(
            f"| `{col.name}` | {col.type} | {'yes' if col.required else 'no'} "
            f"| {_constraint(col.allowed, col.minimum, col.maximum, col.pattern)} "
            f"| {cell(col.description)} |"
        )
    return lines


def _measures_table(measures: dict) -> list[str]:
    lines = ["| Measure | Type | Range or pattern | Meaning |", "|:--|:--|:--|:--|"]
    for name, spec in measures.items():
        constraint = _constraint(
            None, spec.get("minimum"), spec.get("maximum"), spec.get("pattern")
        )
        lines.append(f"| `{name}` | {spec['type']} | {constraint} | {cell(spec['description'])} |")
    return lines


def _units_table(extra: dict) -> list[str]:
    """Which rows were kept (vdem_democracy): each unit, the state it stands for, its years."""
    lines = [
        "| Unit | Shown as | Set beside state | Years | Why these years |",
        "|:--|:--|:--|:--|:--|",
    ]
    for unit in extra["units"]:
        lines.append(
            f"| `{unit['code']}` | {cell(unit['label'])} | `{unit['state_code']}` "
            f"| {unit['first_year']}–{unit['last_year']} | {cell(unit.get('why', ''))} |"
        )
    return lines


def _scheme(extra: dict) -> list[str]:
    """The site's own coding rules (upr_recommendations): patterns a reviewer can check.

    A list, not a table: long patterns wrap, and `|` needs no escaping outside tables.
    """
    lines = [
        "::: {.casebook-scheme}",
        "**Themes.** A recommendation gets every theme whose pattern (a case-insensitive "
        "regular expression) occurs in its text, or `other` if none does. *Sensitive* marks "
        "the site's reading of which themes touch the state's coercive apparatus or the "
        "DPRK-specific mechanisms.",
        "",
    ]
    for key, spec in extra["themes"].items():
        sensitive = ", sensitive" if spec["sensitive"] else ""
        lines.append(f"- `{key}` ({spec['label']}{sensitive}): {literal(spec['pattern'])}")
    lines += [
        "",
        "**Action categories** are UPR Info's, not the site's (ranks 1 to 5):",
        "",
    ]
    for rank, text in extra["action_categories"].items():
        lines.append(f"- {rank}: {text}")
    return [*lines, ":::"]


def _constraint(allowed, minimum, maximum, pattern) -> str:
    if allowed:
        return ", ".join(f"`{a}`" for a in allowed)
    if minimum is not None or maximum is not None:
        low = "…" if minimum is None else minimum
        high = "…" if maximum is None else maximum
        return f"{low} to {high}"
    if pattern:
        return code(pattern)
    return ""


def _sources(book: Codebook) -> list[str]:
    return [f"- [@{s['key']}]: {s.get('role', '')}" for s in book.sources]


def _validation(res: dict) -> list[str]:
    checks = res["checks"]
    passed = sum(c["success"] for c in checks)
    lines = [
        f"On the CSV with the SHA-256 above, {passed} of {len(checks)} expectations passed "
        f"(Great Expectations {res['great_expectations']}).",
        "*Stage* says what was checked: the CSV as written (*raw*), the typed values (*typed*), "
        "or a view derived from them.",
        "",
        "::: {.column-page}",
        "",
        "| Stage | Column | Rule | Result | Observed | Why |",
        "|:----|:--------|:------------------------|:------|:------------|:----------------|",
    ]
    for c in checks:
        outcome = "passed" if c["success"] else f"**failed** ({len(c['rows'])} rows)"
        lines.append(
            f"| {c['stage']} | {cell(c['column'] or 'table')} "
            f"| {code(c['rule'] + _arguments(c['arguments']))} | {outcome} "
            f"| {_observed(c)} | {_note(c['notes'])} |"
        )
    return [*lines, "", ":::"]


# A command quoted in a check's note, e.g. "python -m validation.upr_coding --write".
_COMMAND = re.compile(r"python -m [\w.]+(?: --[\w-]+)*")


def _note(text: str) -> str:
    """A check's note for a table cell, with any command in it set as code.

    As code, a command keeps its "--" (Pandoc would otherwise print an en dash).
    """
    parts, last = [], 0
    for match in _COMMAND.finditer(text):
        parts += [cell(text[last : match.start()]), code(match.group())]
        last = match.end()
    return "".join([*parts, cell(text[last:])])


def _arguments(arguments: dict) -> str:
    shown = {
        k: (f"<{len(v)} values>" if isinstance(v, list) and len(v) > 6 else v)
        for k, v in arguments.items()
        if k not in ("ignore_row_if",)
    }
    return f"({', '.join(f'{k}={v}' for k, v in shown.items())})" if shown else ""


def _observed(check: dict) -> str:
    value = check["observed"]
    if value is None:
        if check.get("element_count") is None:
            return ""
        return f"{check['unexpected_count']} of {check['element_count']} rows unexpected"
    text = json.dumps(value) if not isinstance(value, str) else value
    return cell(text if len(text) <= 80 else text[:77] + "…")
