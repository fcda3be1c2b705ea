"""Rules specific to data/case_instruments.csv: the instruments at work, per case.

Like the phase coding, this table classifies rows of the case datasets and adds no
facts: each row cites one case-dataset row, and its date is written exactly as that
row records it, with that row's source.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from validation.codebook import Codebook
from validation.evidence import Evidence
from validation.rules import holds


def derive(typed: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    out = typed.copy()
    cited = Evidence(book.path.parent, book.extra["evidence_datasets"])
    out["evidence_resolves"] = out["evidence_id"].isin(cited.ids)
    out["date_as_in_evidence"] = [
        date in cited.dates(i) for date, i in zip(out["date"], out["evidence_id"], strict=True)
    ]
    out["source_as_in_evidence"] = [
        (key, locator) in cited.sources(i)
        for key, locator, i in zip(
            out["source_key"], out["source_locator"], out["evidence_id"], strict=True
        )
    ]
    return out


def expectations(book: Codebook) -> list:
    datasets = ", ".join(book.extra["evidence_datasets"])
    return [
        holds(
            "evidence_resolves",
            f"The evidence id names a row of a case dataset ({datasets}) as dataset:key, "
            "the key being the row's primary-key values joined by '/'.",
        ),
        holds(
            "date_as_in_evidence",
            "The date is written exactly as the cited row records it.",
        ),
        holds(
            "source_as_in_evidence",
            "The source key and locator are those the cited row gives for the fact.",
        ),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["case", "evidence_id"],
            notes="A row of a case dataset is classified once per case.",
        ),
    ]
