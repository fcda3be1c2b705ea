"""Rules specific to data/upr_recommendations.csv: one row per UPR recommendation.

Per row: the locator names the recommendation's own paragraph and item; a final
response comes with its source; the stored coding equals what the documented
scheme gives. Across rows: a paragraph of the report holds one Working Group
position; and for each cycle the codebook declares complete, the number of rows
and their split by position equal the cycle's preferred totals in upr_cycles.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from validation import upr_coding
from validation.codebook import Codebook, load_codebook, read_raw, to_typed
from validation.rules import View, given_together, holds
from validation.suites.upr_cycles import FINAL_RESPONSES, preferred_by_cycle

CYCLES = "upr_cycles"
# upr_recommendations.wg_position / .response -> the upr_cycles measure that counts it
WG_MEASURES = {"examine": "wg_pending", "noted": "wg_noted"}
# ... and each final response by the measure of the same name (final_supported, ...).
FINAL_MEASURES = {m.removeprefix("final_"): m for m in FINAL_RESPONSES}


def derive(typed: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    out = typed.copy()
    paragraph = out["recommendation_id"].str.split(".").str[0]
    item = out["recommendation_id"].str.split(".").str[1]
    out["locator_names_id"] = out["source_locator"] == "para. " + paragraph + ", item " + item
    out["response_sourced"] = given_together(
        out, ["response", "response_source_key", "response_locator"]
    )
    out["positions_in_paragraph"] = out.groupby([out["cycle_number"], paragraph])[
        "wg_position"
    ].transform("nunique")
    scheme = upr_coding.coded(out.fillna({"text": ""}), book)
    out["themes_as_scheme"] = out["themes"] == scheme["themes"]
    out["issue_tags_known"] = out["uprinfo_issues"].map(
        lambda issues: not upr_coding.unknown_tags(issues, book)
    )
    themes = set(book.extra["themes"]) | {"unmapped"}
    out["issue_map_names_themes"] = set(book.extra["uprinfo_issue_themes"]) <= themes
    return out


def expectations(book: Codebook) -> list:
    return [
        holds(
            "locator_names_id",
            "The locator names the recommendation's own paragraph and item.",
        ),
        holds(
            "response_sourced",
            "A final response comes with its source and locator; no source without one.",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="positions_in_paragraph",
            value_set=[1],
            notes="The report lists recommendations by position: one paragraph, one position.",
        ),
        holds(
            "issue_tags_known",
            "Every UPR Info issue tag is read as a theme or listed as unmapped "
            "(uprinfo_issue_themes).",
        ),
        holds(
            "issue_map_names_themes",
            "uprinfo_issue_themes maps tags only to themes of the scheme.",
        ),
        holds(
            "themes_as_scheme",
            "Stored themes equal the codebook's keyword scheme applied to the text "
            "(python -m validation.upr_coding --write).",
        ),
    ]


def _cycle_totals(book: Codebook) -> pd.DataFrame:
    cycles_book = load_codebook(book.path.parent / f"{CYCLES}.yml")
    wide = preferred_by_cycle(to_typed(cycles_book, read_raw(cycles_book)))
    return wide.set_index("cycle_number")


def views(typed: pd.DataFrame, book: Codebook) -> list:
    complete = set(book.extra["complete_cycles"])
    totals = _cycle_totals(book)
    counts = typed.groupby(["cycle_number", "wg_position"]).size().unstack(fill_value=0)
    per_cycle = pd.DataFrame({"cycle_number": sorted(totals.index)})
    per_cycle["complete"] = per_cycle["cycle_number"].isin(complete)
    per_cycle["rows"] = per_cycle["cycle_number"].map(counts.sum(axis=1)).fillna(0).astype(int)

    def expected(measure: str) -> pd.Series:
        # A complete cycle must match the cycle's total; any other cycle must have no rows.
        total = per_cycle["cycle_number"].map(totals[measure]).astype("Int64")
        return total.where(per_cycle["complete"], 0)

    per_cycle["expected_rows"] = expected("recommendations_received")
    states = typed.groupby("cycle_number")["state_code"].nunique()
    per_cycle["states"] = per_cycle["cycle_number"].map(states).fillna(0).astype(int)
    per_cycle["expected_states"] = expected("recommending_states")
    for position, measure in WG_MEASURES.items():
        have = counts[position] if position in counts else pd.Series(dtype=int)
        per_cycle[f"rows_{position}"] = per_cycle["cycle_number"].map(have).fillna(0).astype(int)
        per_cycle[f"expected_{position}"] = expected(measure)
    rules = [
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A="rows",
            column_B="expected_rows",
            notes=f"A complete cycle has as many rows as {CYCLES} says it received; "
            "a cycle not declared complete has none.",
        ),
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A="states",
            column_B="expected_states",
            notes=f"A complete cycle names as many recommending States as {CYCLES} counts.",
        ),
    ] + [
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A=f"rows_{position}",
            column_B=f"expected_{position}",
            notes=f"Rows with Working Group position '{position}' equal {CYCLES}' {measure}.",
        )
        for position, measure in WG_MEASURES.items()
    ]

    # Final responses: where every row of a complete cycle has one, their counts
    # equal the cycle's preferred final figures.
    finals = typed.groupby(["cycle_number", "response"]).size().unstack(fill_value=0)
    answered = typed.groupby("cycle_number")["response"].apply(lambda r: r.notna().all())
    per_cycle["all_answered"] = per_cycle["cycle_number"].map(answered).fillna(False)
    for response, measure in FINAL_MEASURES.items():
        have = finals[response] if response in finals else pd.Series(dtype=int)
        count = per_cycle["cycle_number"].map(have).fillna(0).astype(int)
        total = per_cycle["cycle_number"].map(totals[measure]).astype("Int64").fillna(0)
        per_cycle[f"final_{response}"] = count.where(per_cycle["all_answered"], 0)
        per_cycle[f"expected_final_{response}"] = total.where(per_cycle["all_answered"], 0)
        rules.append(
            gxe.ExpectColumnPairValuesToBeEqual(
                column_A=f"final_{response}",
                column_B=f"expected_final_{response}",
                notes=f"In a cycle where every row has a final response, rows answered "
                f"'{response}' equal {CYCLES}' preferred {measure}.",
            )
        )

    def label(row: int) -> str:
        return f"cycle_number={per_cycle.at[row, 'cycle_number']} (all rows of the cycle)"

    return [View("rows per cycle", per_cycle, rules, label)]
