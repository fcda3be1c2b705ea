"""Files the build generates are rewritten only when their content changes.

An unchanged file keeps its bytes and its modification time, and a changed one is
written beside it and then moved into place, so a reader (Quarto, a test copying the
project) never finds it missing or half-written.
"""

from __future__ import annotations

import os
from pathlib import Path


def write(path: Path, text: str) -> Path:
    """Write `text` (UTF-8) to `path` unless it already holds exactly that."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    return path
