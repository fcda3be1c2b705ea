"""The site's coding of UPR recommendations: themes by keyword.

The scheme itself (patterns, labels, order) is data and lives in the codebook
``data/upr_recommendations.yml`` under ``themes``. The CSV stores the coded
column so a reader sees it; validation re-derives it from the text with this
module and fails if the two differ, so the stored coding can never drift from
the documented scheme. (The action category is UPR Info's, not coded here.)

Regenerate the coded column after changing the scheme or the text:
``python -m validation.upr_coding --write``.
"""

from __future__ import annotations

import argparse
import re

import pandas as pd

from validation.codebook import DATA_DIR, Codebook, load_codebook, read_raw

DATASET = "upr_recommendations"
SEPARATOR = ";"
NO_THEME = "other"


def _compiled(section: dict) -> dict[str, re.Pattern]:
    return {key: re.compile(spec["pattern"], re.IGNORECASE) for key, spec in section.items()}


def themes(text: str, book: Codebook) -> str:
    """Every theme whose pattern occurs in the text, in the codebook's order."""
    found = [k for k, rx in _compiled(book.extra["themes"]).items() if rx.search(text)]
    return SEPARATOR.join(found) if found else NO_THEME


def coded(raw: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    """The coded columns as the scheme gives them for each row's text."""
    return pd.DataFrame({"themes": raw["text"].map(lambda t: themes(t, book))}, index=raw.index)


def issue_tags(issues: str) -> list[str]:
    """UPR Info's tags of one recommendation, as listed."""
    return [tag.strip() for tag in issues.split(",") if tag.strip()]


def unknown_tags(issues: str, book: Codebook) -> list[str]:
    """Tags that `uprinfo_issue_themes` neither maps to a theme nor lists as unmapped."""
    known = {tag for tags in book.extra["uprinfo_issue_themes"].values() for tag in tags}
    return [tag for tag in issue_tags(issues) if tag not in known]


def agreement(raw: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    """For each theme that UPR Info's tags map to: how many recommendations both codings
    give it, only the site, only UPR Info, neither; the share agreeing; Cohen's kappa
    (None where either coding gives the theme to every row or to none)."""
    mapping = {k: set(v) for k, v in book.extra["uprinfo_issue_themes"].items() if k != "unmapped"}
    site = raw["themes"].str.split(SEPARATOR)
    tags = raw["uprinfo_issues"].map(lambda issues: set(issue_tags(issues)))
    rows = []
    for theme, mapped in mapping.items():
        a = site.map(lambda keys, t=theme: t in keys)
        b = tags.map(lambda have, m=mapped: bool(have & m))
        n = len(raw)
        both, site_only = int((a & b).sum()), int((a & ~b).sum())
        upr_only, neither = int((~a & b).sum()), int((~a & ~b).sum())
        observed = (both + neither) / n
        expected = (a.mean() * b.mean()) + ((1 - a.mean()) * (1 - b.mean()))
        kappa = None if expected == 1 else (observed - expected) / (1 - expected)
        rows.append(
            {
                "theme": theme,
                "label": book.extra["themes"][theme]["label"],
                "tags": ", ".join(sorted(mapped)),
                "both": both,
                "site_only": site_only,
                "uprinfo_only": upr_only,
                "neither": neither,
                "agreement": observed,
                "kappa": kappa,
            }
        )
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the coded CSV column")
    args = parser.parse_args()
    book = load_codebook(DATA_DIR / f"{DATASET}.yml")
    raw = read_raw(book)
    new = coded(raw, book)
    changed = int((raw[new.columns].fillna("") != new).any(axis=1).sum())
    print(f"{changed} of {len(raw)} rows differ from the scheme")
    if args.write and changed:
        raw[new.columns] = new
        raw.to_csv(book.csv_path, index=False, encoding="utf-8", lineterminator="\n")
        print(f"wrote {book.csv_path}")


if __name__ == "__main__":
    main()
