"""The DPRK's UPR figures shaped for chapters: per-cycle preferred values and response shares."""

from __future__ import annotations

import pandas as pd

from casebook import datasets
from validation.suites.upr_cycles import FINAL_RESPONSES, WG_RESPONSES, preferred_by_cycle

DATASET = "upr_cycles"

# Reader-facing names of the response categories, in stacking order: the same terms
# as casebook.theme.RESPONSE_COLOURS, used by every figure, table and the explorer.
RESPONSE_LABELS = {
    "wg_supported": "Supported",
    "wg_pending": "Kept for examination",
    "wg_noted": "Rejected (noted)",
    "final_supported": "Supported",
    "final_partially_supported": "Partially supported",
    "final_noted": "Rejected (noted)",
}
STAGE_LABELS = {"wg": "At the Working Group", "final": "Final response"}
MEASURE_LABELS = {
    "review_date": "Review date",
    "wg_session": "Working Group session",
    "wg_report_symbol": "Working Group report",
    "delegations_speaking": "Delegations speaking",
    "recommending_states": "States recommending",
    "recommendations_received": "Recommendations received",
    "wg_supported": "Working Group: supported",
    "wg_noted": "Working Group: rejected (noted)",
    "wg_pending": "Working Group: kept for examination",
    "final_supported": "Final: supported",
    "final_partially_supported": "Final: partially supported",
    "final_noted": "Final: rejected (noted)",
    "hrc_adoption_date": "Adopted by the Council",
}


def figures() -> pd.DataFrame:
    """Every reported figure with its source (validated long table)."""
    return datasets.load(DATASET)


def figures_for_reading(facts: pd.DataFrame) -> pd.DataFrame:
    """The long table with reader-facing measure names and a tick for preferred values."""
    return facts.assign(
        measure=facts["measure"].map(MEASURE_LABELS),
        preferred=facts["is_preferred"].map({True: "✓", False: ""}),
    )


def by_cycle(facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per cycle with the preferred value of each measure."""
    wide = preferred_by_cycle(figures() if facts is None else facts)
    wide["cycle"] = [
        f"Cycle {c} ({d.year})"
        for c, d in zip(wide["cycle_number"], wide["review_date"], strict=True)
    ]
    return wide


def responses(wide: pd.DataFrame) -> pd.DataFrame:
    """Long frame for charts: cycle, stage, response, count; missing counts are left out."""
    records = []
    for row in wide.itertuples():
        for stage, measures in (("wg", WG_RESPONSES), ("final", FINAL_RESPONSES)):
            known = [m for m in measures if pd.notna(getattr(row, m))]
            for order, measure in enumerate(measures):
                if measure not in known:
                    continue
                count = int(getattr(row, measure))
                records.append(
                    {
                        "cycle": row.cycle,
                        "stage": STAGE_LABELS[stage],
                        "response": RESPONSE_LABELS[measure],
                        "order": order,
                        "count": count,
                        "share": count / row.recommendations_received,
                        "received": int(row.recommendations_received),
                    }
                )
            if not known:
                records.append(
                    {
                        "cycle": row.cycle,
                        "stage": STAGE_LABELS[stage],
                        "response": "Not established",
                        "order": 99,
                        "count": None,
                        "share": None,
                        "received": int(row.recommendations_received),
                    }
                )
    return pd.DataFrame.from_records(records)
