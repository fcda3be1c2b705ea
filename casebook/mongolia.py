"""Mongolia's case shaped for chapters: dated events, spiral-model phases, treaty actions."""

from __future__ import annotations

import pandas as pd

from casebook import bibliography, datasets

EVENT_TYPES = {
    "political": "Political",
    "legal": "Legal",
    "treaty": "Treaty",
    "international": "International",
}
PHASES = {
    "repression": "1 Repression",
    "denial": "2 Denial",
    "tactical_concessions": "3 Tactical concessions",
    "prescriptive_status": "4 Prescriptive status",
    "rule_consistent_behaviour": "5 Rule-consistent behaviour",
}
DATE_FORMAT = {"day": "%-d %B %Y", "month": "%B %Y", "year": "%Y"}


def events() -> pd.DataFrame:
    return datasets.load("mongolia_events")


def phases() -> pd.DataFrame:
    return datasets.load("mongolia_phases")


def foreign_policy_concepts() -> pd.DataFrame:
    return datasets.load("mongolia_fpc")


def treaty_actions() -> pd.DataFrame:
    return datasets.load("treaty_actions")


def event_points(events: pd.DataFrame) -> pd.DataFrame:
    """One point per event, placed at the start of its date's period.

    The `when` label carries the date's precision, so an event known only to the
    year is never shown as if it had a day.
    """
    when = pd.to_datetime(events["date"], format="mixed")
    return pd.DataFrame(
        {
            "event_id": events["event_id"],
            "date": when,
            "when": [
                d.strftime(DATE_FORMAT[p])
                for d, p in zip(when, events["date_precision"], strict=True)
            ],
            "type": events["event_type"].map(EVENT_TYPES),
            "label": events["label"],
            "source": bibliography.cite_rows(events["source_key"], events["source_locator"]),
        }
    )


def phase_spans(phases: pd.DataFrame, until: pd.Timestamp) -> pd.DataFrame:
    """Phases as spans; an open phase (no end yet) runs to `until`."""
    end = phases["end_date"].fillna(until)
    return pd.DataFrame(
        {
            "phase": phases["phase"].map(PHASES),
            "start": phases["start_date"],
            "end": end,
            "when": phases["start_date"].dt.strftime("%Y")
            + "–"
            + phases["end_date"].dt.strftime("%Y").fillna("today"),
            "basis": phases["basis"],
        }
    )


STATE_NAMES = {"MNG": "Mongolia", "PRK": "DPRK"}
ACTION_GROUPS = {
    "signature": "Signature",
    "ratification": "Ratification or accession",
    "accession": "Ratification or accession",
}


def treaty_names() -> dict[str, str]:
    """Treaty code to full name, in the order the chart and table show them (codebook)."""
    return datasets.codebook("treaty_actions").extra["treaties"]


def treaty_points(actions: pd.DataFrame) -> pd.DataFrame:
    """Treaty actions for the chart, treaties in the codebook's order, named in full."""
    names = treaty_names()
    order = {code: i for i, code in enumerate(names)}
    out = pd.DataFrame(
        {
            "state": actions["state_code"].map(STATE_NAMES),
            "treaty": actions["treaty_code"],
            "treaty_name": actions["treaty_code"].map(names),
            "action": actions["action"].map(ACTION_GROUPS),
            "action_label": actions["action"].str.capitalize(),
            "date": actions["action_date"],
            "when": actions["action_date"].dt.strftime("%-d %B %Y"),
            "source": bibliography.cite_rows(actions["source_key"], actions["source_locator"]),
            "order": actions["treaty_code"].map(order),
        }
    )
    return out.sort_values(["order", "state", "date"]).reset_index(drop=True)


def treaty_status(actions: pd.DataFrame) -> pd.DataFrame:
    """One row per treaty: when each state became party (ratification or accession), if found."""
    names = treaty_names()
    joined = actions[actions["action"].isin(["ratification", "accession"])]
    table = pd.DataFrame({"treaty_code": list(names), "treaty": list(names.values())})
    for code, label in STATE_NAMES.items():
        rows = joined[joined["state_code"] == code].set_index("treaty_code")
        dates = rows["action_date"].dt.strftime("%Y-%m-%d") + " (" + rows["action"] + ")"
        table[label] = table["treaty_code"].map(dates)
    return table


REFERENCE_LABELS = {
    "human_rights": "Human rights",
    "citizens_rights": "Citizens' rights abroad",
    "none": "No explicit reference",
    "pillar_absent": "No such pillar",
}


def concept_rows(concepts: pd.DataFrame) -> pd.DataFrame:
    """The Foreign Policy Concept table with reader-facing labels, pillar by pillar."""
    out = concepts.sort_values(["pillar_number", "concept_year"]).copy()
    out["reference_label"] = out["reference"].map(REFERENCE_LABELS)
    return out
