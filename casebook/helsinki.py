"""The Helsinki process shaped for chapters: one timeline of meetings and monitoring groups."""

from __future__ import annotations

import pandas as pd

from casebook import bibliography, datasets

MEETING_LANES = {
    "conference": "Conference and summit",
    "summit": "Conference and summit",
    "follow_up": "Follow-up meetings",
    "human_dimension": "Human Dimension meetings",
}
GROUP_LANE = "Monitoring groups founded"
TRANSITION_LANE = "End of one-party rule"
TRANSITION_LABELS = {
    "first_free_election": "first free election",
    "first_partly_free_election": "first partly free election",
    "state_dissolved": "state dissolved",
}
PRECISION_NOTE = {"day": "", "month": " (month known, not day)", "year": " (year known only)"}


def participants() -> pd.DataFrame:
    return datasets.load("csce_participants")


def meetings() -> pd.DataFrame:
    return datasets.load("csce_meetings")


def groups() -> pd.DataFrame:
    return datasets.load("helsinki_groups")


def transitions() -> pd.DataFrame:
    return datasets.load("eastern_bloc_transitions")


def first_elections(transitions: pd.DataFrame) -> pd.DataFrame:
    """The first free (in Poland, partly free) elections, in date order: every end of
    one-party rule but the Soviet Union's, which ended in its dissolution."""
    elections = transitions[transitions["event_type"] != "state_dissolved"]
    return elections.sort_values("event_date")


def timeline(
    participants: pd.DataFrame,
    meetings: pd.DataFrame,
    groups: pd.DataFrame,
    transitions: pd.DataFrame,
) -> pd.DataFrame:
    """Meetings as spans; group foundings and Warsaw Pact transitions as points.

    A founding known only to the month or year is placed at the start of that
    period; its label says so, so the chart never implies a precision it lacks.
    """
    spans = pd.DataFrame(
        {
            "lane": meetings["meeting_type"].map(MEETING_LANES),
            "label": meetings["place"] + " " + meetings["start_date"].dt.year.astype(str),
            "start": meetings["start_date"],
            "end": meetings["end_date"],
            "when": meetings["start_date"].dt.strftime("%-d %b %Y")
            + " to "
            + meetings["end_date"].dt.strftime("%-d %b %Y"),
            "detail": meetings["concluding_document"].fillna(
                "concluding document: title not recorded here"
            ),
            "kind": "Meeting",
        }
    )
    founded = pd.to_datetime(groups["founded"], format="mixed")
    points = pd.DataFrame(
        {
            "lane": GROUP_LANE,
            "label": groups["group_name"],
            "start": founded,
            "end": founded,
            "when": groups["founded"] + groups["founded_precision"].map(PRECISION_NOTE),
            "detail": groups["fate"]
            .map({"activity_ended": "activity ended", "merged": "merged"})
            .fillna("fate not recorded here")
            + groups["fate_date"].map(lambda d: f" ({d})", na_action="ignore").fillna(""),
            "kind": "Monitoring group",
        }
    )
    names = participants.set_index("state_code")["state_name"]
    ends = pd.DataFrame(
        {
            "lane": TRANSITION_LANE,
            "label": transitions["state_code"].map(names),
            "start": transitions["event_date"],
            "end": transitions["event_date"],
            "when": transitions["event_date"].dt.strftime("%-d %b %Y"),
            "detail": transitions["event_type"].map(TRANSITION_LABELS),
            "kind": "Warsaw Pact transition",
        }
    )
    return pd.concat([spans, points, ends], ignore_index=True)


def index_paths(
    index: pd.DataFrame, transitions: pd.DataFrame, signed: pd.Timestamp
) -> pd.DataFrame:
    """Each Warsaw Pact state's index series with two dated markers to read it against.

    `index` is casebook.democracy.series() for the bloc units. The markers are the
    Final Act's signature (`signed`) and the state's own transition from
    eastern_bloc_transitions; both carry the unit's label so a chart can facet on it.
    """
    labels = index.drop_duplicates("state_code").set_index("state_code")["unit"]
    ends = transitions[transitions["state_code"].isin(labels.index)]
    markers = pd.concat(
        [
            pd.DataFrame(
                {
                    "unit": labels.values,
                    "date": signed,
                    "marker": "Final Act signed",
                    "when": signed.strftime("%-d %b %Y"),
                    "detail": "Helsinki Final Act",
                }
            ),
            pd.DataFrame(
                {
                    "unit": ends["state_code"].map(labels).values,
                    "date": ends["event_date"].values,
                    "marker": "End of one-party rule",
                    "when": ends["event_date"].dt.strftime("%-d %b %Y").values,
                    "detail": ends["event_type"].map(TRANSITION_LABELS).values,
                }
            ),
        ],
        ignore_index=True,
    )
    return pd.concat([index.assign(kind="index"), markers.assign(kind="marker")], ignore_index=True)


ALIGNMENTS = {
    "nato": "NATO",
    "warsaw_pact": "Warsaw Pact",
    "neutral_nonaligned": "Neutral and non-aligned",
    "none": "None of these",
}
NOT_ESTABLISHED = "Not established"


def alignment_grid(participants: pd.DataFrame) -> pd.DataFrame:
    """The signatories as tiles: one column per alignment, states in name order.

    A state no source places is shown in its own column, never guessed into one.
    """
    grid = participants.assign(
        source_key=participants["alignment_source_key"],
        alignment=participants["alignment_1975"].map(ALIGNMENTS).fillna(NOT_ESTABLISHED),
        source=bibliography.cite_rows(
            participants["alignment_source_key"], participants["alignment_source_locator"]
        ).fillna("None of the sources we consulted gives it"),
    ).sort_values("state_name")
    grid["row"] = grid.groupby("alignment").cumcount()
    return grid[["state_code", "state_name", "alignment", "row", "source", "source_key"]]
