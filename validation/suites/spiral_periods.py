"""Rules specific to data/spiral_periods.csv: the cross-case phase coding.

The coding holds no facts of its own. Every evidence id resolves to a row of a case
dataset; a period starts (and ends) on a date recorded in the row it cites for that
boundary; a unit's periods do not overlap; and Mongolia's periods repeat its own
chapter's coding (mongolia_phases) exactly.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from validation.codebook import Codebook, load_codebook, read_raw
from validation.evidence import Evidence, cited_ids, split
from validation.rules import View, at_least, given_together, holds
from validation.suites.vdem_democracy import units as vdem_units

SIDES = ("start", "end")
# Where each boundary's source is repeated: source_key for the start, end_source_key for the end.
SOURCE_PREFIX = {"start": "", "end": "end_"}
MIRRORED = "mongolia_phases"
VDEM = "vdem_democracy"


def vdem_pairing(data_dir) -> dict[str, str]:
    """The vdem_democracy codebook's pairing of V-Dem units with states (RUS -> SUN, ...)."""
    return vdem_units(load_codebook(data_dir / f"{VDEM}.yml"))["state_code"].to_dict()


def lanes(book: Codebook) -> pd.DataFrame:
    """The codebook's lanes (the state each lane of the timeline stands for), by code."""
    return pd.DataFrame(book.extra["lanes"]).set_index("code")


def evidence(book: Codebook) -> Evidence:
    return Evidence(book.path.parent, book.extra["evidence_datasets"])


def derive(typed: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    out = typed.copy()
    cited = evidence(book)
    for side in SIDES:
        date, ids = out[f"{side}_date"], out[f"{side}_evidence"]
        key, locator = (
            out[f"{SOURCE_PREFIX[side]}source_key"],
            out[f"{SOURCE_PREFIX[side]}source_locator"],
        )
        on_date = [cited.falls_on(d, i) for d, i in zip(date, ids, strict=True)]
        same_source = [
            (k, loc) in cited.sources(i) for k, loc, i in zip(key, locator, ids, strict=True)
        ]
        # An open end is checked by the given-together rules; here only given pairs count.
        given = date.notna() | ids.notna()
        out[f"{side}_on_evidence_date"] = pd.Series(on_date, index=out.index).where(given, True)
        out[f"{side}_source_as_in_evidence"] = pd.Series(same_source, index=out.index).where(
            given, True
        )
    out["end_given_with_evidence"] = given_together(out, ["end_date", "end_evidence"])
    out["end_source_given_with_end"] = given_together(
        out, ["end_date", "end_source_key", "end_source_locator"]
    )
    out["reading_given_with_locator"] = given_together(
        out, ["reading_source_key", "reading_source_locator"]
    )
    out["unit_in_case"] = out["unit"].map(lanes(book)["case"]).eq(out["case"])
    return out


def expectations(book: Codebook) -> list:
    return [
        holds(
            "unit_in_case",
            "Every unit is one the codebook lists under `lanes`, for the case given.",
        ),
        holds(
            "start_source_as_in_evidence",
            "The start date's source and locator are those the start evidence row gives.",
        ),
        holds(
            "end_source_as_in_evidence",
            "The end date's source and locator are those the end evidence row gives.",
        ),
        holds(
            "end_source_given_with_end",
            "An end date comes with its source and locator, and an open period has none.",
        ),
        holds(
            "reading_given_with_locator",
            "A published reading comes with the place in it the coding follows, and vice versa.",
        ),
        holds(
            "start_on_evidence_date",
            "A period starts on a date recorded in the row cited as its start evidence.",
        ),
        holds(
            "end_on_evidence_date",
            "A period ends on a date recorded in the row cited as its end evidence.",
        ),
        holds(
            "end_given_with_evidence",
            "An end date comes with the row that marks it, and vice versa.",
        ),
        at_least(
            "end_date",
            "start_date",
            "A period ends on or after its start.",
        ),
    ]


def views(typed: pd.DataFrame, book: Codebook) -> list:
    return [_chain_view(typed), _evidence_view(typed, book), _mirror_view(typed, book)]


def _line(typed: pd.DataFrame, index) -> str:
    return f"period_id={typed.at[index, 'period_id']} (CSV line {int(index) + 2})"


def _chain_view(typed: pd.DataFrame) -> View:
    """Per unit, in date order: each period starts after the previous ends."""
    ordered = typed.sort_values(["unit", "start_date"])
    previous_end = ordered.groupby("unit")["end_date"].shift(1)
    later = ordered.groupby("unit").cumcount(ascending=False) > 0
    chain = pd.DataFrame(
        {
            "source_row": ordered.index,
            "start_date": ordered["start_date"],
            "previous_end": previous_end,
            "open_only_if_last": ~(ordered["end_date"].isna() & later),
        }
    ).reset_index(drop=True)
    rules = [
        at_least(
            "start_date",
            "previous_end",
            "A unit's periods do not overlap: each starts on or after the previous ends.",
        ),
        holds("open_only_if_last", "Only a unit's latest period may be open (no end date)."),
    ]
    return View(
        "periods per unit in date order",
        chain,
        rules,
        lambda row: _line(typed, chain.at[row, "source_row"]),
    )


def _evidence_view(typed: pd.DataFrame, book: Codebook) -> View:
    """Every id cited, for start, end or as further evidence, one per row."""
    cited = typed.assign(evidence_id=cited_ids(typed)).explode("evidence_id")
    cited = cited[["unit", "evidence_id"]].reset_index(names="source_row")
    rows = evidence(book)
    units = vdem_pairing(book.path.parent)
    about = cited["evidence_id"].map(
        lambda i: rows.state(i, book.extra["single_state_datasets"], units)
    )
    cited["concerns_unit"] = about.isna() | about.eq(cited["unit"])
    datasets = ", ".join(book.extra["evidence_datasets"])
    rules = [
        gxe.ExpectColumnValuesToBeInSet(
            column="evidence_id",
            value_set=rows.ids,
            notes=f"Every evidence id names a row of a case dataset ({datasets}) as "
            "dataset:key, the key being the row's primary-key values joined by '/'.",
        ),
        holds(
            "concerns_unit",
            "A cited row about one state is about the period's own state (V-Dem units "
            "through the vdem_democracy codebook's pairing).",
        ),
    ]
    return View("evidence ids", cited, rules, lambda row: _line(typed, cited.at[row, "source_row"]))


def _mirror_view(typed: pd.DataFrame, book: Codebook) -> View:
    """A period citing a mongolia_phases row repeats that row's phase and dates."""
    phases = read_raw(load_codebook(book.path.parent / f"{MIRRORED}.yml")).set_index("phase_id")
    prefix = f"{MIRRORED}:"
    cites = split(typed["evidence_ids"]).map(
        lambda ids: next((i[len(prefix) :] for i in ids if i.startswith(prefix)), None)
    )
    mirrored = typed[cites.notna()]
    target = cites[cites.notna()]
    as_text = mirrored[["start_date", "end_date"]].apply(lambda c: c.dt.strftime("%Y-%m-%d"))
    mirror = pd.DataFrame(
        {
            "source_row": mirrored.index,
            "same_phase": mirrored["phase"].eq(target.map(phases["phase"])).to_numpy(),
            "same_start": as_text["start_date"].eq(target.map(phases["start_date"])).to_numpy(),
            "same_end": (
                as_text["end_date"].fillna("").eq(target.map(phases["end_date"]).fillna(""))
            ).to_numpy(),
        }
    ).reset_index(drop=True)
    note = f"A period that cites a {MIRRORED} row repeats its {{}}, so the two codings agree."
    rules = [
        holds("same_phase", note.format("phase")),
        holds("same_start", note.format("start date")),
        holds("same_end", note.format("end date")),
    ]
    return View(
        f"agreement with {MIRRORED}",
        mirror,
        rules,
        lambda row: _line(typed, mirror.at[row, "source_row"]),
    )
