"""Previous and next links at the foot of each chapter, in the navbar's reading order.

The order is read from `_quarto.yml`'s navbar, so adding a chapter there is enough.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from IPython.display import Markdown

from validation.codebook import PROJECT_DIR


def reading_order(project: Path = PROJECT_DIR) -> list[tuple[str, str]]:
    """(page, label) for every navbar entry, left to right."""
    navbar = yaml.safe_load((project / "_quarto.yml").read_text(encoding="utf-8"))["website"][
        "navbar"
    ]
    return [(item["href"], item["text"]) for side in ("left", "right") for item in navbar[side]]


def neighbours(page: str, project: Path = PROJECT_DIR) -> tuple[tuple, tuple]:
    order = reading_order(project)
    position = [href for href, _ in order].index(page)
    before = order[position - 1] if position > 0 else None
    after = order[position + 1] if position + 1 < len(order) else None
    return before, after


def show(page: str) -> Markdown:
    """The links for `page` (its path from the project root, e.g. "chapters/mongolia.qmd")."""
    before, after = neighbours(page)
    here = (PROJECT_DIR / page).parent

    def link(target: tuple[str, str], direction: str) -> str:
        href = Path(os.path.relpath(PROJECT_DIR / target[0], here)).as_posix()
        label = f"← {target[1]}" if direction == "Previous" else f"{target[1]} →"
        return (
            f"[[{direction}]{{.casebook-pagenav-direction}} {label}]({href})"
            f"{{.casebook-pagenav-{direction.lower()}}}"
        )

    links = [link(before, "Previous")] if before else []
    links += [link(after, "Next")] if after else []
    return Markdown(
        '::: {.casebook-pagenav role="navigation" aria-label="Previous and next page"}\n'
        + "\n".join(links)
        + "\n:::\n"
    )
