"""Rules specific to data/csce_meetings.csv: the meetings of the Helsinki process."""

from __future__ import annotations

import great_expectations.expectations as gxe


def expectations(book) -> list:
    return [
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="end_date",
            column_B="start_date",
            or_equal=True,
            notes="A meeting ends on or after the day it opens.",
        ),
        gxe.ExpectColumnValuesToBeIncreasing(
            column="start_date",
            strictly=True,
            notes="Meetings are listed in the order they opened.",
        ),
    ]
