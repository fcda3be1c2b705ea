"""Rules specific to data/upr_dprk_as_reviewer.csv: the DPRK's recommendations to others."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd


def derive(typed: pd.DataFrame, book) -> pd.DataFrame:
    out = typed.copy()
    prefix = "S" + out["session"].astype(int).map("{:02d}".format) + "-" + out["state_code"] + "-"
    out["id_matches_session_and_state"] = [
        rid.startswith(p) for rid, p in zip(out["recommendation_id"], prefix, strict=True)
    ]
    # The site's code for a State and UPR Info's name for it go together, both ways, and
    # a State sits in one group.
    out["names_per_code"] = out.groupby("state_code")["state_under_review"].transform("nunique")
    out["codes_per_name"] = out.groupby("state_under_review")["state_code"].transform("nunique")
    out["groups_per_state"] = out.groupby("state_code")["upr_info_group"].transform("nunique")
    out["empty_issue_tags"] = [
        sum(not tag.strip() for tag in issues.split(",")) for issues in out["uprinfo_issues"]
    ]
    return out


def expectations(book) -> list:
    return [
        gxe.ExpectColumnValuesToBeInSet(
            column="id_matches_session_and_state",
            value_set=[True],
            notes="Each identifier starts with its row's session and State code.",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="names_per_code",
            value_set=[1],
            notes="Each State code stands for one name of UPR Info's.",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="codes_per_name",
            value_set=[1],
            notes="Each of UPR Info's names is coded as one State.",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="groups_per_state",
            value_set=[1],
            notes="Each State is in one regional group.",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="empty_issue_tags",
            value_set=[0],
            notes="Every issue tag has a name: no empty tag between commas.",
        ),
        gxe.ExpectColumnValuesToBeUnique(
            column="source_locator",
            notes="Each row of the exports is read once.",
        ),
    ]
