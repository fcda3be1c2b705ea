"""Rules specific to data/unga_voting_agreement.csv: General Assembly voting agreement
between the DPRK and each State it reviewed. That every State it reviewed has a row is
checked from upr_dprk_as_reviewer.state_code (its `references`)."""

from __future__ import annotations

import great_expectations.expectations as gxe

from validation.codebook import Codebook
from validation.rules import at_least


def expectations(book: Codebook) -> list:
    return [
        at_least(
            "roll_calls",
            "identical_votes",
            "A State cannot have voted as the DPRK did on more roll calls than both voted on.",
        ),
        gxe.ExpectColumnValuesToBeUnique(
            column="unvotes_code",
            notes="Each of the package's country codes is matched to one State.",
        ),
        gxe.ExpectColumnValuesToBeUnique(
            column="state_name",
            notes="Each of the package's country names is read once.",
        ),
    ]
