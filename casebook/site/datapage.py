"""The site's Data section: one page per dataset, generated from its codebook and validation.

A page opens with what the data are, a first look at the rows, the downloads and the
terms of use; then columns, sources and every row, each row with a stable anchor that
chapters link to (casebook/site/rows.py). What a reviewer needs to check the data against
the code (rules, patterns, file fingerprints, copies read) folds away under
"Validation details", with every rule written out as a sentence (casebook/site/rule_text.py).
`write_pages()` runs in the build after validation and writes each page whole, as plain
Markdown: no code runs on these pages, so Quarto starts no Jupyter kernel for them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from casebook.site import bibliography, citing, datapackage, rows, rule_text
from casebook.site.markdown import cell, code, number
from validation.codebook import (
    DATA_DIR,
    PROJECT_DIR,
    Codebook,
    codebooks,
    load_codebook,
    read_raw,
    read_result,
    source_kinds,
)
from validation.evidence import row_keys
from validation.files import write_if_changed

PAGES_DIR = PROJECT_DIR / "datasets"  # generated, not committed
PREVIEW_ROWS = 8
# Above this many rows, "All rows" is folded (rows.js opens it when a link targets a row).
FOLD_ABOVE = 20
# Longer cells are cut in the preview (every row is given whole under All rows).
PREVIEW_CHARS = 140
# The class of every folded block of build detail; tests and search cleaning look for it.
DETAILS_CLASS = "casebook-details"


def compact(table: list[str]) -> list[str]:
    """A pipe table set compact and striped, as Quarto sets the chapters' tables.

    Quarto gives that look to tables inside an element of class "cell" (a code cell's
    output); these pages run no code, so each table is wrapped in such a div.
    """
    return ["::: {.cell .casebook-table}", "", *table, "", ":::"]


FRONT_MATTER = """---
title: "{title}"
subtitle: "Dataset `{name}`"
description: "{description}"
citation:
  id: {key}
  type: dataset
include-after-body:
  - text: '<script src="../assets/rows.js"></script>'
---

"""

INDEX = """---
title: "Data"
subtitle: "Every dataset behind the site, with its codebook, sources and terms of use"
description: "Every dataset behind the site: what a row is, its sources and terms, its checks."
citation:
  id: normsunderreview_data
  type: dataset
# The loading examples wrap on a phone rather than scroll sideways in their box.
code-overflow: wrap
---

"""


def write_pages(data_dir: Path = DATA_DIR, pages_dir: Path = PAGES_DIR) -> list[Path]:
    """Write one page per dataset, plus the index; remove pages of datasets now gone."""
    written = [write_if_changed(pages_dir / "index.qmd", INDEX + index() + "\n")]
    for book in codebooks(data_dir):
        description = book.row.replace('"', "'")
        front = FRONT_MATTER.format(
            title=book.title,
            name=book.name,
            description=description,
            key=citing.dataset_key(book.name),
        )
        written.append(
            write_if_changed(pages_dir / f"{book.name}.qmd", front + show(book.name) + "\n")
        )
    for stale in set(pages_dir.glob("*.qmd")) - set(written):
        stale.unlink()
    return written


def result(name: str) -> dict:
    return read_result(name)


def index() -> str:
    lines = [
        "Each dataset is a table (a CSV file) with a codebook beside it that says what every "
        "column means and where the data come from.",
        "Before any page is built, every dataset is checked against the rules on its page;",
        "a single failure stops the build.",
        "",
        "The site's text and its own coding of the data may be reused under the Creative "
        "Commons Attribution licence (CC BY 4.0). Material from others keeps its own terms, "
        "given on each dataset's page.",
        "",
    ]
    table = [
        "| Dataset | What one row is | Rows | Checks passed | Terms of use |",
        "|:--|:--|:--|:--|:--|",
    ]
    for book in codebooks():
        res = result(book.name)
        passed, total = _checks_passed(res)
        table.append(
            f"| [{cell(book.title)}]({book.name}.qmd) | {cell(book.row)} | {_rows(book)} "
            f"| {passed} of {total} | {cell(book.licence_summary)} |"
        )
    return "\n".join(lines + compact(table) + _package())


def _package() -> list[str]:
    """The Data index's offer of every dataset in one file, with how to load it."""
    folder = datapackage.PACKAGE_NAME
    return [
        "",
        "## All the data in one download",
        "",
        f"[{datapackage.ARCHIVE}](../data/{datapackage.ARCHIVE}) holds every dataset above: "
        f"each CSV, its codebook, and [{datapackage.DESCRIPTOR}](../data/"
        f"{datapackage.DESCRIPTOR}), which describes them all as a Frictionless Data Package "
        "(version 1 of the standard). For each table it gives what a row is, its sources and "
        "terms of use, and a schema: each column's type, meaning and allowed values, the key "
        "that identifies a row, and the columns that point into another table. It is "
        "generated from the codebooks, and checked with the `frictionless` library before "
        "the site is published.",
        "",
        "Tools that read data packages read it as it is. Unzip it and work in the folder "
        f"`{folder}`. In Python (`pip install frictionless`):",
        "",
        "```python",
        "from frictionless import Package, validate",
        "",
        f'report = validate("{datapackage.DESCRIPTOR}")',
        "print(report.valid)  # True",
        f'package = Package("{datapackage.DESCRIPTOR}")',
        'cycles = package.get_resource("upr_cycles")',
        "rows = cycles.read_rows()  # typed values",
        "```",
        "",
        "In R, with the frictionless package from CRAN:",
        "",
        "```r",
        "library(frictionless)",
        f'package <- read_package("{datapackage.DESCRIPTOR}")',
        'upr_cycles <- read_resource(package, "upr_cycles")',
        "```",
        "",
        "With pandas alone, read only empty cells as missing (by default pandas also reads "
        'words such as "NA" or "None" as missing): '
        '`pandas.read_csv("upr_cycles.csv", keep_default_na=False, na_values=[""])`.',
    ]


def show(name: str) -> str:
    """The body of a dataset's page, in Markdown."""
    book = load_codebook(DATA_DIR / f"{name}.yml")
    res = result(name)
    raw = read_raw(book)
    passed, total = _checks_passed(res)
    verdict = (
        f"It passed all {total} checks listed under Validation details."
        if passed == total
        else f"It passed {passed} of its {total} checks (see Validation details)."
    )
    parts = [
        f"{book.row} **Rows:** {_rows(book, raw)}.",
        "",
        book.notes.strip(),
        "",
        f"**Download:** [{name}.csv](../data/{name}.csv) (the data) · "
        f"[{name}.yml](../data/{name}.yml) (the codebook). {verdict}",
        "",
        f"**Terms of use:** {book.licence}",
        "",
        "## A first look",
        "",
        *_preview(book, raw),
        "",
        "## Columns",
        "",
        *_columns_table(book),
    ]
    if "measures" in book.extra:
        parts += ["", "## Measures", "", *_measures_table(book.extra["measures"])]
    if "themes" in book.extra:
        parts += ["", "## Coding scheme", "", *_scheme(book.extra)]
    if "uprinfo_issue_themes" in book.extra:
        parts += ["", "## The coding against UPR Info's tags", "", *_agreement(book, raw)]
    if "units" in book.extra:
        parts += ["", "## Country units", "", *_units_table(book.extra)]
    parts += ["", "## Sources", "", *_sources(book, raw)]
    parts += ["", "## All rows", "", *_all_rows(book, raw)]
    parts += ["", "## Validation details", "", *_validation(book, res)]
    return "\n".join(parts)


def _rows(book: Codebook, raw: pd.DataFrame | None = None) -> str:
    """The row count (of `raw`, if the page has read the CSV already)."""
    count = len(read_raw(book) if raw is None else raw)  # parsed rows: a field may span lines
    return f"{count}" + (f" (expected {book.expected_rows})" if book.expected_rows else "")


def _checks_passed(res: dict) -> tuple[int, int]:
    """(passed, all) of a dataset's recorded checks."""
    return sum(c["success"] for c in res["checks"]), len(res["checks"])


def _shown(value: object, limit: int | None = None) -> str:
    """A cell as readers see it: code words spaced out, long text cut, empty as a dash."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    text = str(value)
    if re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)+", text):
        text = text.replace("_", " ")
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return cell(text)


def _preview(book: Codebook, raw: pd.DataFrame) -> list[str]:
    """The first rows, in the codebook's chosen columns under readers' headers."""
    columns = book.preview or {c: c for c in list(raw.columns)[:4]}
    head = raw.head(PREVIEW_ROWS)
    lines = [
        "| " + " | ".join(columns.values()) + " |",
        "|" + "|".join(":--" for _ in columns) + "|",
    ]
    for record in head.to_dict("records"):
        lines.append(
            "| "
            + " | ".join(_cited(c, record[c]) or _shown(record[c], PREVIEW_CHARS) for c in columns)
            + " |"
        )
    shown = len(head)
    caption = (
        f"The first {number(shown)} of {len(raw)} rows, in a few of the columns."
        if shown < len(raw)
        else f"All {number(shown)} rows, in a few of the columns."
    )
    return compact([*lines, "", f": {caption} Every column of every row is under All rows."])


def row_anchors(book: Codebook, raw: pd.DataFrame) -> list[str]:
    """Each row's anchor; refuses a dataset where two rows would share one."""
    anchors = [rows.anchor(rows.evidence_id(book.name, k)) for k in row_keys(book, raw)]
    repeated = sorted({a for a in anchors if anchors.count(a) > 1})
    if repeated:
        raise ValueError(f"{book.name}: rows would share the anchors {repeated}")
    return anchors


def _all_rows(book: Codebook, raw: pd.DataFrame) -> list[str]:
    """Every row and column as written in the CSV; the first cell carries the row's anchor."""
    anchors = row_anchors(book, raw)
    names = list(raw.columns)
    lines = [
        "| " + " | ".join(code(n) for n in names) + " |",
        "|" + "|".join(":--" for _ in names) + "|",
    ]
    for anchor, record in zip(anchors, raw.to_dict("records"), strict=True):
        values = [_cited(n, record[n]) or _written(record[n]) for n in names]
        values[0] = f"[{values[0]}]{{#{anchor}}}"
        lines.append("| " + " | ".join(values) + " |")
    table = ["::: {.casebook-rows}", "", *compact(lines), "", ":::"]
    intro = (
        "Each row can be linked to: the chapters' evidence links open this list at the row cited."
    )
    if len(raw) <= FOLD_ABOVE:
        return [intro, "", *table]
    return [
        intro,
        "",
        '<details class="casebook-all-rows">',
        f"<summary>Show all {len(raw)} rows, every column</summary>",
        "",
        *table,
        "",
        "</details>",
    ]


def _cited(column: str, value: object) -> str | None:
    """A source key as the chapters cite it (author and year, linked to the reference
    list), never the bare key; None for other columns."""
    if column.endswith("source_key") and isinstance(value, str) and value:
        return f"@{value}"
    return None


def _written(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return cell(value)


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
    return compact(lines)


def _measures_table(measures: dict) -> list[str]:
    lines = ["| Measure | Type | Range or form | Meaning |", "|:--|:--|:--|:--|"]
    for name, spec in measures.items():
        constraint = _constraint(
            None, spec.get("minimum"), spec.get("maximum"), spec.get("pattern")
        )
        lines.append(f"| `{name}` | {spec['type']} | {constraint} | {cell(spec['description'])} |")
    return compact(lines)


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
    return compact(lines)


def _scheme(extra: dict) -> list[str]:
    """The site's own coding (upr_recommendations), theme by theme in plain words.

    The patterns that do the matching are under Validation details.
    """
    lines = [
        "::: {.casebook-scheme}",
        "**Themes.** Each recommendation gets every theme whose words occur in its text, or "
        "*other* if none does. Words are matched in any case, most also at the start of "
        "a longer word (*child* finds *children*), some only whole (*media* does not find "
        "*immediately*). *Sensitive* marks the themes this site reads as "
        "touching the state's coercive apparatus or the DPRK-specific mechanisms.",
        "",
    ]
    for spec in extra["themes"].values():
        sensitive = " (sensitive)" if spec["sensitive"] else ""
        lines.append(f"- **{spec['label']}**{sensitive}: {spec['matches']}.")
    lines += [
        "",
        "**Action categories** are UPR Info's, not the site's (ranks 1 to 5):",
        "",
    ]
    for rank, text in extra["action_categories"].items():
        lines.append(f"- {rank}: {text}")
    return [*lines, ":::"]


def _agreement(book: Codebook, raw: pd.DataFrame) -> list[str]:
    """How often the site's themes and UPR Info's tags agree, theme by theme."""
    from validation import upr_coding

    table = upr_coding.agreement(raw, book)
    unmapped = ", ".join(book.extra["uprinfo_issue_themes"].get("unmapped", []))
    lines = [
        "UPR Info tags each recommendation with issues of its own. Where a tag corresponds "
        "to one of this site's themes, the two codings can be compared: *both* counts the "
        "recommendations both give the theme, *site only* those only the keywords find, "
        "*UPR Info only* those only UPR Info's tags give. Agreement is the share of all "
        f"{len(raw)} recommendations on which the two agree; Cohen's kappa discounts the "
        "agreement expected by chance (1: full agreement; 0: no better than chance). The "
        "country mechanisms have no tag of their own. Tags with no counterpart: "
        f"{unmapped}.",
        "",
    ]
    rows_ = [
        "| Theme | UPR Info's tags | Both | Site only | UPR Info only | Agreement | Kappa |",
        "|:--|:--|--:|--:|--:|--:|--:|",
    ]
    for r in table.itertuples():
        kappa = "–" if r.kappa is None else f"{r.kappa:.2f}"
        rows_.append(
            f"| {cell(r.label)} | {cell(r.tags)} | {r.both} | {r.site_only} | "
            f"{r.uprinfo_only} | {r.agreement:.0%} | {kappa} |"
        )
    return [*lines, *compact(rows_)]


def _constraint(allowed, minimum, maximum, pattern) -> str:
    if allowed:
        return ", ".join(f"`{a}`" for a in allowed)
    if minimum is not None or maximum is not None:
        low = "…" if minimum is None else minimum
        high = "…" if maximum is None else maximum
        return f"{low} to {high}"
    if pattern:
        return "a fixed form (see Validation details)"
    return ""


def _sources(book: Codebook, raw: pd.DataFrame) -> list[str]:
    listed = [
        f"- [@{s['key']}] ({bibliography.kind(s['key'])}): {s.get('role', '')}"
        for s in book.sources
    ]
    return [*listed, "", *_kinds_table(book, raw)]


def _kinds_table(book: Codebook, raw: pd.DataFrame) -> list[str]:
    """How many rows rest on each kind of source (source_kinds.yml), for every column
    naming a source: a reader sees at once how much rests on primary documents."""
    columns = [c.name for c in book.columns if c.name.endswith("source_key")]
    allowed = source_kinds()
    counts = {
        column: raw[column].dropna().map(bibliography.kind).value_counts().to_dict()
        for column in columns
    }
    intro = (
        "Rows by the kind of source they cite, strongest kind first (the kinds are defined "
        "in `source_kinds.yml`; each source's kind is its `sourcekind` in `references.bib`):"
    )
    lines = [
        "| Kind of source | " + " | ".join(f"Rows citing it in `{c}`" for c in columns) + " |",
        "|:--|" + "--:|" * len(columns),
    ]
    shown = []  # what each kind in the table covers, listed below it (phones keep
    # the table narrow)
    for kind, spec in allowed.items():
        if any(counts[c].get(kind) for c in columns):
            row = " | ".join(str(counts[c].get(kind, 0)) for c in columns)
            lines.append(f"| {kind} | {row} |")
            shown.append(f"- **{kind}**: {spec['covers']}")
    total = " | ".join(f"**{int(raw[c].notna().sum())}**" for c in columns)
    lines.append(f"| **All rows citing a source** | {total} |")
    return [intro, "", *compact(lines), "", *shown]


def _validation(book: Codebook, res: dict) -> list[str]:
    """Everything a reviewer checks against the code, folded away from readers."""
    checks = res["checks"]
    passed, total = _checks_passed(res)
    lines = [
        "What was checked, rule by rule, on exactly the files offered for download.",
        "",
        f'<details class="{DETAILS_CLASS}">',
        "<summary>Show the rules, the files' fingerprints and where the data were copied "
        "from</summary>",
        "",
        f"On the CSV with the SHA-256 fingerprint `{res['csv_sha256']}` (codebook: "
        f"`{res['codebook_sha256']}`), {passed} of {total} expectations passed "
        f"(Great Expectations {res['great_expectations']}). A fingerprint changes if a single "
        "byte of the file changes.",
        "",
    ]
    if book.provenance:
        lines += ["**Provenance.**", "", book.provenance, ""]
    patterns = [(c.name, c.pattern) for c in book.columns if c.pattern]
    patterns += [
        (name, spec["pattern"])
        for name, spec in book.extra.get("measures", {}).items()
        if spec.get("pattern")
    ]
    if patterns:
        lines += ["**Fixed forms** (regular expressions):", ""]
        lines += [f"- `{name}`: {code(pattern)}" for name, pattern in patterns]
        lines.append("")
    if "themes" in book.extra:
        lines += [
            "**Theme patterns** (case-insensitive regular expressions; a theme applies where "
            "its pattern occurs in the text):",
            "",
        ]
        lines += [
            f"- `{key}`: {code(spec['pattern'])}" for key, spec in book.extra["themes"].items()
        ]
        lines.append("")
    lines += [
        "*Checked on* says what a rule looked at: the file as written, its typed values, or a "
        "table derived from them.",
        "",
    ]
    table = [
        "| Checked on | Rule | Result | Observed | Why | Detail |",
        "|:----|:------------------------|:------|:--------|:------------|:--------|",
    ]
    for c in checks:
        outcome = "passed" if c["success"] else f"**failed** ({len(c['rows'])} rows)"
        table.append(
            f"| {_stage(c['stage'])} | {cell(rule_text.sentence(c, book))} | {outcome} "
            f"| {_observed(c)} | {_note(c['notes'])} | {code(rule_text.detail(c))} |"
        )
    # No .column-page here: inside <details> Quarto's page grid splits summary from content.
    return [*lines, *compact(table), "", "</details>"]


def _stage(stage: str) -> str:
    return {"raw": "file as written", "typed": "typed values"}.get(stage, cell(stage))


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


def _observed(check: dict) -> str:
    value = check["observed"]
    if value is None:
        if check.get("element_count") is None:
            return ""
        return f"{check['unexpected_count']} of {check['element_count']} rows unexpected"
    text = json.dumps(value) if not isinstance(value, str) else value
    return cell(text if len(text) <= 80 else text[:77] + "…")
