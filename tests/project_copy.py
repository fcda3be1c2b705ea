"""A copy of parts of the project in a scratch folder, for tests that change files or run
the build without touching the checkout."""

from __future__ import annotations

import shutil
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
# Folders where Quarto renders pages: a page's .html lands beside its source there.
PAGE_FOLDERS = ("chapters", "datasets")
# What Quarto leaves beside a page while it renders it (the reproducibility test may be
# building in the project meanwhile, in the other test worker): no part of a copy.
TRANSIENT = ("__pycache__", "*.quarto_ipynb*", "*_files")


def copy_project(names: list[str], target: Path, leave_out: tuple[str, ...] = ()) -> Path:
    """Copy each of `names` (files or folders, as paths in the project) into `target`,
    without caches, Quarto's transient files, pages rendered beside their sources, or
    any name matching `leave_out`."""
    for name in names:
        source, copy = PROJECT / name, target / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            rendered = ("*.html",) if name in PAGE_FOLDERS else ()
            patterns = shutil.ignore_patterns(*TRANSIENT, *rendered, *leave_out)
            shutil.copytree(source, copy, ignore=patterns)
        else:
            shutil.copy(source, copy)
    return target
