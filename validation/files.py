"""Files the build writes (validation results, generated pages, the build record) are
rewritten only when their content changes.

An unchanged file keeps its bytes and its modification time, and a changed one is
written beside it and then moved into place, so a reader (Quarto, the chapters' loader,
a test copying the project) never finds it missing or half-written. Here rather than in
casebook, so that validation, which casebook builds on, writes its results with it too.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_if_changed(path: Path, content: str | bytes) -> Path:
    """Write `content` (text as UTF-8, or bytes) to `path` unless it already holds
    exactly that."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if not path.exists() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(partial, 0o644)  # as an ordinary file, not mkstemp's owner-only
        os.replace(partial, path)
    return path
