"""Rules specific to data/mongolia_phases.csv: periods coded by spiral-model phase.

Every boundary is an event in mongolia_events, and the period's date must fall on
that event's date; periods follow one another without overlap; every event cited
as evidence exists.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from validation import dates
from validation.codebook import Codebook, load_codebook, read_raw
from validation.rules import View, at_least, given_together, holds

EVENTS = "mongolia_events"
SIDES = ("start", "end")


def _event_periods(book: Codebook) -> pd.DataFrame:
    """Each event's date as the span it covers: a day, a month or a year."""
    events = read_raw(load_codebook(book.path.parent / f"{EVENTS}.yml")).set_index("event_id")
    return pd.DataFrame(
        {"first": dates.first_day(events["date"]), "last": dates.last_day(events["date"])}
    )


def derive(typed: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    out = typed.copy()
    periods = _event_periods(book)
    for side in SIDES:
        ids, date = out[f"{side}_event_id"], f"{side}_date"
        first = ids.map(periods["first"])
        last = ids.map(periods["last"])
        inside = (out[date] >= first) & (out[date] <= last)
        # Missing end (open period) is checked elsewhere; here only given pairs count.
        out[f"{side}_on_event_date"] = inside.where(ids.notna() & out[date].notna(), True)
    out["end_given_with_event"] = given_together(out, ["end_date", "end_event_id"])
    return out


def expectations(book: Codebook) -> list:
    return [
        holds(
            "start_on_event_date",
            "A period starts on the date of the event that marks its start.",
        ),
        holds(
            "end_on_event_date",
            "A period ends on the date of the event that marks its end.",
        ),
        holds(
            "end_given_with_event",
            "An end date comes with the event that marks it, and vice versa.",
        ),
        at_least(
            "end_date",
            "start_date",
            "A period ends on or after its start.",
        ),
    ]


def views(typed: pd.DataFrame, book: Codebook) -> list:
    ordered = typed.sort_values("start_date").reset_index()
    chain = pd.DataFrame(
        {
            "phase_id": ordered["phase_id"],
            "start_date": ordered["start_date"],
            "previous_end": ordered["end_date"].shift(1),
            "is_open": ordered["end_date"].isna(),
            "is_last": ordered.index == len(ordered) - 1,
        }
    )
    chain_rules = [
        at_least(
            "start_date",
            "previous_end",
            "Periods do not overlap: each starts on or after the previous one ends.",
        ),
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A="is_open",
            column_B="is_last",
            notes="Only the latest period may still be open (no end date).",
        ),
    ]
    lines = {i: int(row) + 2 for i, row in enumerate(ordered["index"])}

    def chain_label(row: int) -> str:
        return f"phase_id={chain.at[row, 'phase_id']} (CSV line {lines[row]})"

    cited = typed.assign(event_id=typed["evidence_event_ids"].str.split(";")).explode("event_id")
    cited = cited[["phase_id", "event_id"]].reset_index()
    known = sorted(_event_periods(book).index)
    evidence_rules = [
        gxe.ExpectColumnValuesToBeInSet(
            column="event_id",
            value_set=known,
            notes=f"Every event cited as evidence exists in {EVENTS}.csv.",
        )
    ]

    def evidence_label(row: int) -> str:
        return f"phase_id={cited.at[row, 'phase_id']} (CSV line {int(cited.at[row, 'index']) + 2})"

    return [
        View("periods in date order", chain, chain_rules, chain_label),
        View("evidence events", cited, evidence_rules, evidence_label),
    ]
