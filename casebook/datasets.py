"""Load validated datasets as typed pandas frames.

A chapter never reads data/ directly: ``load(name)`` returns the frame only if
``python -m validation`` passed on exactly these bytes, so what readers see is
what the validation checked.
"""

from __future__ import annotations

import pandas as pd

from validation.codebook import (
    DATA_DIR,
    RESULTS_DIR,
    Codebook,
    load_codebook,
    read_raw,
    read_result,
    sha256,
    to_typed,
)


class NotValidated(RuntimeError):
    """The dataset has no passing validation result for its current contents."""


def codebook(name: str) -> Codebook:
    return load_codebook(DATA_DIR / f"{name}.yml")


def load(name: str) -> pd.DataFrame:
    book = codebook(name)
    result = read_result(name, RESULTS_DIR)
    if result is None:
        raise NotValidated(f"{name}: no validation result; run `nox -s validate` first")
    if not result["success"]:
        raise NotValidated(f"{name}: validation failed; see `nox -s validate`")
    if result["csv_sha256"] != sha256(book.csv_path) or result["codebook_sha256"] != sha256(
        book.path
    ):
        raise NotValidated(f"{name}: data changed since it was validated; validate again")
    return to_typed(book, read_raw(book))
