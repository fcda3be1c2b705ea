"""Rules specific to data/upr_cycles.csv: the DPRK's UPR figures, one row per figure and source.

The table is long (cycle, measure, value) so each figure carries its own source.
Rules here check each value against its measure's declared type and range, that
at most one value is preferred per cycle and measure, and, on the preferred
values pivoted to one row per cycle, that the response counts add up.
"""

from __future__ import annotations

import pandas as pd

from validation.codebook import TYPE_PATTERNS, Codebook

# Great Expectations is imported inside the functions that build rules: chapters
# import `preferred_by_cycle` from here and should not pay for loading GX.

WG_RESPONSES = ["wg_supported", "wg_noted", "wg_pending"]
FINAL_RESPONSES = ["final_supported", "final_partially_supported", "final_noted"]
REQUIRED_PER_CYCLE = ["review_date", "wg_session", "recommendations_received"]
DATES = ["review_date", "hrc_adoption_date"]


def measures(book: Codebook) -> dict[str, dict]:
    return book.extra["measures"]


def derive(typed: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    """Typed copies of `value`, one column per value type, for range checks."""
    out = typed.copy()
    kinds = out["measure"].map({m: spec["type"] for m, spec in measures(book).items()})
    out["value_as_integer"] = pd.to_numeric(
        out["value"].where(kinds == "integer"), errors="coerce"
    ).astype("Int64")
    out["value_as_date"] = pd.to_datetime(
        out["value"].where(kinds == "date"), format="%Y-%m-%d", errors="coerce"
    )
    return out


def expectations(book: Codebook) -> list:
    import great_expectations.expectations as gxe

    from validation.rules import bound

    rules = [
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["cycle_number", "measure"],
            row_condition="is_preferred == True",
            condition_parser="pandas",
            notes="At most one preferred value per cycle and measure.",
        )
    ]
    for name, spec in measures(book).items():
        where = {"row_condition": f'measure == "{name}"', "condition_parser": "pandas"}
        pattern = spec.get("pattern") or TYPE_PATTERNS.get(spec["type"])
        if pattern:
            rules.append(
                gxe.ExpectColumnValuesToMatchRegex(
                    column="value",
                    regex=pattern,
                    notes=(spec.get("why") if spec.get("pattern") else None)
                    or f"Values of {name} are of type {spec['type']}.",
                    **where,
                )
            )
        if "minimum" in spec or "maximum" in spec:
            column = "value_as_date" if spec["type"] == "date" else "value_as_integer"
            rules.append(
                gxe.ExpectColumnValuesToBeBetween(
                    column=column,
                    min_value=bound(spec["type"], spec.get("minimum")),
                    max_value=bound(spec["type"], spec.get("maximum")),
                    notes=spec.get("why") or f"Range declared for {name} in the codebook.",
                    **where,
                )
            )
    return rules


def preferred_by_cycle(typed: pd.DataFrame) -> pd.DataFrame:
    """Preferred values, one row per cycle, one column per measure (typed)."""
    preferred = typed[typed["is_preferred"].fillna(False)]
    wide = preferred.pivot_table(
        index="cycle_number", columns="measure", values="value", aggfunc="first"
    )
    wide = wide.reindex(
        columns=sorted(
            set(wide.columns) | set(WG_RESPONSES + FINAL_RESPONSES + REQUIRED_PER_CYCLE + DATES)
        )
    )
    for column in wide.columns:
        if column.endswith("_date"):
            wide[column] = pd.to_datetime(wide[column], format="%Y-%m-%d", errors="coerce")
        elif column != "wg_report_symbol":
            wide[column] = pd.to_numeric(wide[column], errors="coerce").astype("Int64")
    wide.columns.name = None
    return wide.reset_index()


def views(typed: pd.DataFrame, book: Codebook) -> list:
    import great_expectations.expectations as gxe

    from validation.rules import View, at_least

    wide = preferred_by_cycle(typed)
    for stage, parts in (("wg", WG_RESPONSES), ("final", FINAL_RESPONSES)):
        present = wide[parts]
        # Known parts never exceed the total; when every part is known they equal it.
        wide[f"{stage}_known_total"] = present.sum(axis=1, min_count=1)
        wide[f"{stage}_complete_total"] = present.sum(axis=1, min_count=len(parts))

    rules = [
        gxe.ExpectColumnValuesToNotBeNull(
            column=column,
            notes="Every cycle needs a preferred review date, session and total.",
        )
        for column in REQUIRED_PER_CYCLE
    ]
    rules.append(
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="hrc_adoption_date",
            column_B="review_date",
            ignore_row_if="either_value_is_missing",
            notes="The Council adopts an outcome after the Working Group review.",
        )
    )
    rules.append(
        gxe.ExpectColumnValuesToBeIncreasing(
            column="review_date",
            strictly=True,
            notes="Each cycle's review follows the previous one.",
        )
    )
    sums = {
        "wg": "supported + noted + pending = received",
        "final": "supported + partially supported + noted = received",
    }
    stage_names = {"wg": "Working Group", "final": "final"}
    for stage in ("wg", "final"):
        rules += [
            at_least(
                "recommendations_received",
                f"{stage}_known_total",
                f"The {stage_names[stage]} response counts that are known never exceed the "
                "recommendations received.",
            ),
            gxe.ExpectColumnPairValuesToBeEqual(
                column_A="recommendations_received",
                column_B=f"{stage}_complete_total",
                ignore_row_if="either_value_is_missing",
                notes=f"Where every {stage_names[stage]} response count is known: {sums[stage]}.",
            ),
        ]

    lines = _csv_lines_by_cycle(typed)

    def label(row: int) -> str:
        cycle = wide.at[row, "cycle_number"]
        return f"cycle_number={cycle} (preferred values on CSV lines {lines.get(cycle, '?')})"

    return [View("preferred values by cycle", wide, rules, label)]


def _csv_lines_by_cycle(typed: pd.DataFrame) -> dict:
    preferred = typed[typed["is_preferred"].fillna(False)]
    return {
        cycle: ", ".join(str(i + 2) for i in rows.index)
        for cycle, rows in preferred.groupby("cycle_number")
    }
