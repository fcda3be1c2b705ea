"""Which validation results can be reused: a result is keyed by the hash of every input
its checks read, so a dataset is validated again only when one of them changes.

The inputs of a dataset's checks: its CSV and codebook and those of every dataset it
reads (validation.dependencies), the bibliography (source keys), the rules' code (every
module of this package), and the Python and packages that read, type and check the data
(Great Expectations, pandas, NumPy, PyYAML). Deliberately generous, as
in dependencies: an input too many costs a re-run, one missed would let bad data pass.
This module does not import Great Expectations, so a build with nothing to re-validate
does not pay for loading it.
"""

from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path

from validation.codebook import SOURCE_KINDS
from validation.dependencies import reads

CODE_DIR = Path(__file__).resolve().parent
PACKAGES = ("great_expectations", "pandas", "numpy", "PyYAML")


def input_keys(data_dir: Path, bibliography: Path) -> dict[str, str]:
    """Each dataset's key: SHA-256 over its checks' inputs, named and in a fixed order."""
    shared = hashlib.sha256()
    shared.update(sys.version.encode() + b"\0")
    for package in PACKAGES:
        shared.update(f"{package}=={metadata.version(package)}".encode() + b"\0")
    for path in sorted(CODE_DIR.rglob("*.py")):
        shared.update(path.relative_to(CODE_DIR).as_posix().encode() + b"\0")
        shared.update(path.read_bytes() + b"\0")
    shared.update(bibliography.read_bytes() + b"\0")
    shared.update(SOURCE_KINDS.read_bytes() + b"\0")
    keys = {}
    for name, read in reads(data_dir).items():
        digest = shared.copy()
        for other in sorted(read):
            for path in (data_dir / f"{other}.csv", data_dir / f"{other}.yml"):
                digest.update(path.name.encode() + b"\0")
                digest.update((path.read_bytes() if path.exists() else b"(none)") + b"\0")
        keys[name] = digest.hexdigest()
    return keys


def reusable(previous: dict | None, key: str) -> bool:
    """A stored result stands for a new run if it passed and its inputs are the same."""
    return (
        bool(previous) and previous.get("success") is True and previous.get("inputs_sha256") == key
    )
