"""Validation rejects each kind of bad data with a message naming file, column, row and rule."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from validation.codebook import BIBLIOGRAPHY, DATA_DIR
from validation.dependencies import affected
from validation.run import summary, validate_all, write_results

PROJECT = Path(__file__).resolve().parent.parent
DATASET = "upr_cycles"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may corrupt."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def read(data_dir: Path, dataset: str = DATASET) -> list[dict]:
    with (data_dir / f"{dataset}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def edit(data_dir: Path, where: dict, column: str, value: str, dataset: str = DATASET) -> int:
    """Set one cell in the row matching `where`; returns its CSV line number."""
    rows = read(data_dir, dataset)
    matches = [i for i, r in enumerate(rows) if all(r[k] == v for k, v in where.items())]
    assert len(matches) == 1, f"{where} matches {len(matches)} rows"
    rows[matches[0]][column] = value
    path = data_dir / f"{dataset}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return matches[0] + 2


def preferred(cycle: int, measure: str) -> dict:
    return {"cycle_number": str(cycle), "measure": measure, "is_preferred": "true"}


def changed(data_dir: Path) -> set[str]:
    """Datasets whose CSV or codebook differs from the committed ones (or is new or gone)."""
    names = {p.name for p in data_dir.iterdir()} | {p.name for p in DATA_DIR.iterdir()}
    return {
        Path(name).stem
        for name in names
        if not (data_dir / name).exists()
        or not (DATA_DIR / name).exists()
        or (data_dir / name).read_bytes() != (DATA_DIR / name).read_bytes()
    }


def failures(data_dir: Path) -> str:
    """Validate what the corruption can affect: the changed datasets and their readers
    (validation.dependencies); the committed data are validated in full above."""
    reports = validate_all(data_dir, BIBLIOGRAPHY, only=affected(data_dir, changed(data_dir)))
    assert not all(r.success for r in reports), "corrupted data passed validation"
    return summary(reports)


def test_committed_data_passes(committed_reports):
    reports = committed_reports
    assert reports and all(r.success for r in reports), summary(reports)
    assert not any(r.reused for r in reports)


def test_a_kept_result_never_hides_a_change(data_dir, tmp_path):
    """The build keeps a passing result while its inputs are unchanged (validation.cache);
    any change to the CSV or to the bibliography its checks read runs them again."""
    results = tmp_path / "results"
    write_results(validate_all(data_dir, BIBLIOGRAPHY, only={DATASET}), results)
    [kept] = validate_all(data_dir, BIBLIOGRAPHY, only={DATASET}, reuse=results)
    assert kept.reused and kept.success and kept.checks

    bibliography = tmp_path / "references.bib"
    bibliography.write_text(BIBLIOGRAPHY.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    [rerun] = validate_all(data_dir, bibliography, only={DATASET}, reuse=results)
    assert not rerun.reused and rerun.success

    line = edit(data_dir, preferred(2, "wg_noted"), "value", "many")
    [changed] = validate_all(data_dir, BIBLIOGRAPHY, only={DATASET}, reuse=results)
    assert not changed.reused and not changed.success
    assert f"(CSV line {line}; cycle_number=2, measure=wg_noted," in summary([changed])


def test_wrong_type_is_rejected_on_its_row(data_dir):
    line = edit(data_dir, preferred(2, "wg_noted"), "value", "many")
    text = failures(data_dir)
    assert f"{DATASET}.csv: column 'value': rule expect_column_values_to_match_regex" in text
    assert f"(CSV line {line}; cycle_number=2, measure=wg_noted, source_key=" in text
    assert "value 'many'" in text


def test_wrong_type_in_a_typed_column_is_rejected(data_dir):
    line = edit(data_dir, preferred(3, "wg_noted"), "cycle_number", "three")
    text = failures(data_dir)
    assert f"{DATASET}.csv: column 'cycle_number': rule expect_column_values_to_match_regex" in text
    assert f"(CSV line {line}; cycle_number=three," in text


def test_duplicate_key_is_rejected(data_dir):
    rows = read(data_dir)
    duplicate = next(r for r in rows if r["cycle_number"] == "1" and r["measure"] == "wg_session")
    line = edit(data_dir, preferred(1, "review_date"), "measure", "wg_session")
    text = failures(data_dir)
    assert (
        f"{DATASET}.csv: columns 'cycle_number, measure, source_key': "
        "rule expect_compound_columns_to_be_unique" in text
    )
    assert (
        f"CSV line {line}; cycle_number=1, measure=wg_session, source_key={duplicate['source_key']}"
        in text
    )


def test_out_of_range_year_is_rejected(data_dir):
    line = edit(data_dir, preferred(1, "review_date"), "value", "2031-12-07")
    text = failures(data_dir)
    assert f"{DATASET}.csv: column 'value_as_date': rule expect_column_values_to_be_between" in text
    assert f"(CSV line {line}; cycle_number=1, measure=review_date," in text
    assert "2031-12-07" in text


def test_broken_arithmetic_is_rejected(data_dir):
    rows = read(data_dir)
    noted = next(r for r in rows if r["cycle_number"] == "2" and r["measure"] == "wg_noted")
    line = edit(data_dir, preferred(2, "wg_noted"), "value", str(int(noted["value"]) + 1))
    text = failures(data_dir)
    assert (
        f"{DATASET}.csv [preferred values by cycle]: column "
        "'recommendations_received vs wg_complete_total': "
        "rule expect_column_pair_values_to_be_equal" in text
    )
    assert "cycle_number=2 (preferred values on CSV lines" in text
    assert f" {line}," in text or f" {line})" in text
    assert "supported + noted + pending = received" in text


def test_unknown_source_key_is_rejected(data_dir):
    line = edit(data_dir, preferred(4, "review_date"), "source_key", "nosuchsource2099")
    text = failures(data_dir)
    assert f"{DATASET}.csv: column 'source_key': rule expect_column_values_to_be_in_set" in text
    assert (
        f"(CSV line {line}; cycle_number=4, measure=review_date, source_key=nosuchsource2099)"
        in text
    )


@pytest.mark.parametrize("kind", ["", "rumour"])
def test_source_without_an_allowed_kind_is_rejected(data_dir, tmp_path, kind):
    """A source whose `sourcekind` is missing or not in source_kinds.yml fails every row
    citing it, naming the row and the rule."""
    text = BIBLIOGRAPHY.read_text(encoding="utf-8")
    entry = "sourcekind  = {NGO publication},"
    start = text.index("@online{hrw2024dprkabuses,")
    at = text.index(entry, start)
    assert at < text.index("\n}", start)  # the field is the entry's own
    bibliography = tmp_path / "references.bib"
    replaced = f"sourcekind  = {{{kind}}}," if kind else ""
    bibliography.write_text(text[:at] + replaced + text[at + len(entry) :], encoding="utf-8")
    reports = validate_all(data_dir, bibliography, only={DATASET})
    message = summary(reports)
    assert f"{DATASET}.csv: column 'source_key': rule expect_column_values_to_be_in_set" in message
    assert "Every source cited is classed in references.bib" in message
    assert "cycle_number=4, measure=review_date, source_key=hrw2024dprkabuses" in message


def test_missing_required_value_is_rejected(data_dir):
    line = edit(data_dir, preferred(2, "review_date"), "source_locator", "")
    text = failures(data_dir)
    assert "column 'source_locator': rule expect_column_values_to_not_be_null" in text
    assert f"(CSV line {line}; cycle_number=2, measure=review_date," in text


def test_two_preferred_values_are_rejected(data_dir):
    line = edit(
        data_dir,
        {"cycle_number": "4", "measure": "recommendations_received", "is_preferred": "false"},
        "is_preferred",
        "true",
    )
    text = failures(data_dir)
    assert "rule expect_compound_columns_to_be_unique" in text
    assert f"CSV line {line}; cycle_number=4, measure=recommendations_received" in text


def test_lost_row_is_rejected(data_dir):
    path = data_dir / f"{DATASET}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")
    text = failures(data_dir)
    assert "table: rule expect_table_row_count_to_equal" in text


def test_csv_without_codebook_is_rejected(data_dir):
    shutil.copy(data_dir / f"{DATASET}.csv", data_dir / "stray.csv")
    assert "stray.csv: no codebook stray.yml beside it" in failures(data_dir)


def test_command_exits_non_zero_and_names_the_problem(data_dir, tmp_path, committed_reports):
    # Results of the committed data as a build leaves them: the command keeps those whose
    # inputs are unchanged and must still check the edited dataset again.
    write_results(committed_reports, tmp_path / "results")
    line = edit(data_dir, preferred(2, "wg_session"), "value", "-5")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "validation",
            "--data-dir",
            str(data_dir),
            "--results-dir",
            str(tmp_path / "results"),
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "column 'value_as_integer': rule expect_column_values_to_be_between" in run.stdout
    assert f"(CSV line {line}; cycle_number=2, measure=wg_session," in run.stdout
    assert (tmp_path / "results" / f"{DATASET}.json").exists()
    assert "inputs unchanged: last run's result" in run.stdout  # the others were kept


def test_group_in_a_state_that_did_not_sign_is_rejected(data_dir):
    line = edit(data_dir, {"group_id": "charter_77"}, "state_code", "ALB", "helsinki_groups")
    text = failures(data_dir)
    assert (
        "helsinki_groups.csv: column 'state_code': rule expect_column_values_to_be_in_set" in text
    )
    assert f"(CSV line {line}; group_id=charter_77): value 'ALB'" in text
    assert "Every value is a state_code in csce_participants.csv." in text


def test_meetings_out_of_order_are_rejected(data_dir):
    line = edit(
        data_dir, {"meeting_id": "madrid_1980"}, "start_date", "1976-01-01", "csce_meetings"
    )
    text = failures(data_dir)
    assert (
        "csce_meetings.csv: column 'start_date': rule expect_column_values_to_be_increasing" in text
    )
    assert f"(CSV line {line}; meeting_id=madrid_1980): value '1976-01-01" in text


def test_meeting_ending_before_it_opens_is_rejected(data_dir):
    line = edit(data_dir, {"meeting_id": "vienna_1986"}, "end_date", "1986-01-01", "csce_meetings")
    text = failures(data_dir)
    assert "column 'end_date vs start_date': rule expect_column_pair_values_a_to_be_greater" in text
    assert f"(CSV line {line}; meeting_id=vienna_1986)" in text


def test_date_precision_must_match_the_date(data_dir):
    line = edit(
        data_dir, {"group_id": "helsinki_watch"}, "founded_precision", "day", "helsinki_groups"
    )
    text = failures(data_dir)
    assert "column 'founded_precision vs precision_of_founded'" in text
    assert f"(CSV line {line}; group_id=helsinki_watch)" in text


def test_fate_without_its_source_is_rejected(data_dir):
    line = edit(data_dir, {"group_id": "helsinki_watch"}, "fate_source_key", "", "helsinki_groups")
    text = failures(data_dir)
    assert "column 'fate_fields_given': rule expect_column_values_to_be_in_set" in text
    assert f"(CSV line {line}; group_id=helsinki_watch)" in text


def test_transition_outside_1989_to_1991_is_rejected(data_dir):
    line = edit(
        data_dir, {"state_code": "POL"}, "event_date", "1975-06-04", "eastern_bloc_transitions"
    )
    text = failures(data_dir)
    assert (
        "eastern_bloc_transitions.csv: column 'event_date': rule expect_column_values_to_be_between"
        in text
    )
    assert f"(CSV line {line}; state_code=POL)" in text


def test_overlapping_phases_are_rejected(data_dir):
    # Repression now runs to 1974, past the start of denial in 1961.
    edit(data_dir, {"phase_id": "repression_1924"}, "end_date", "1974-11-18", "mongolia_phases")
    edit(
        data_dir,
        {"phase_id": "repression_1924"},
        "end_event_id",
        "iccpr_ratification",
        "mongolia_phases",
    )
    text = failures(data_dir)
    assert "Periods do not overlap" in text
    assert "phase_id=denial_1961 (CSV line 3)" in text


def test_phase_boundary_off_its_event_date_is_rejected(data_dir):
    line = edit(
        data_dir, {"phase_id": "concessions_1990"}, "start_date", "1990-03-10", "mongolia_phases"
    )
    text = failures(data_dir)
    assert "starts on the date of the event that marks its start" in text
    assert f"CSV line {line}" in text


def test_unknown_evidence_event_is_rejected(data_dir):
    line = edit(
        data_dir,
        {"phase_id": "prescriptive_1992"},
        "evidence_event_ids",
        "constitution_1992;no_such_event",
        "mongolia_phases",
    )
    text = failures(data_dir)
    assert "Every event cited as evidence exists" in text
    assert f"phase_id=prescriptive_1992 (CSV line {line})" in text
    assert "no_such_event" in text


def test_unknown_boundary_event_is_rejected(data_dir):
    edit(
        data_dir,
        {"phase_id": "concessions_1990"},
        "end_event_id",
        "constitution_1993",
        "mongolia_phases",
    )
    text = failures(data_dir)
    assert "mongolia_phases.csv: column 'end_event_id'" in text


def test_ratification_without_signature_is_rejected(data_dir):
    # The DPRK acceded to CEDAW; calling it a ratification needs a signature first.
    line = edit(
        data_dir,
        {"state_code": "PRK", "treaty_code": "CEDAW"},
        "action",
        "ratification",
        "treaty_actions",
    )
    text = failures(data_dir)
    assert "Ratification follows a signature" in text
    assert f"(CSV line {line}; state_code=PRK, treaty_code=CEDAW, action=ratification)" in text


def test_event_precision_must_match_its_date(data_dir):
    line = edit(data_dir, {"event_id": "fpc_2011"}, "date_precision", "day", "mongolia_events")
    text = failures(data_dir)
    assert f"(CSV line {line}; event_id=fpc_2011)" in text


RECS = "upr_recommendations"


def test_recommendation_lost_from_a_complete_cycle_is_rejected(data_dir):
    path = data_dir / f"{RECS}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("2,124.7,")))
    text = failures(data_dir)
    assert "A complete cycle has as many rows as upr_cycles says it received" in text
    assert "cycle_number=2 (all rows of the cycle)" in text


def test_recommendation_in_a_cycle_not_declared_complete_is_rejected(data_dir):
    edit(data_dir, {"cycle_number": "2", "recommendation_id": "124.1"}, "cycle_number", "3", RECS)
    text = failures(data_dir)
    assert "a cycle not declared complete has none" in text
    assert "cycle_number=3 (all rows of the cycle)" in text
    # ...and the cycle it left is one short.
    assert "cycle_number=2 (all rows of the cycle)" in text


def test_hand_edited_theme_coding_is_rejected(data_dir):
    line = edit(
        data_dir,
        {"cycle_number": "1", "recommendation_id": "91.14"},
        "themes",
        "social_rights",
        RECS,
    )
    text = failures(data_dir)
    assert "Stored themes equal the codebook's keyword scheme" in text
    assert f"(CSV line {line}; cycle_number=1, recommendation_id=91.14)" in text


def test_recommending_state_missing_from_reviewers_is_rejected(data_dir):
    line = edit(
        data_dir, {"cycle_number": "1", "recommendation_id": "90.1"}, "state_code", "XYZ", RECS
    )
    text = failures(data_dir)
    assert f"{RECS}.csv: column 'state_code'" in text
    assert "Every value is a state_code in upr_reviewers.csv" in text
    assert f"CSV line {line}" in text


def test_response_without_its_source_is_rejected(data_dir):
    line = edit(
        data_dir,
        {"cycle_number": "2", "recommendation_id": "125.1"},
        "response_source_key",
        "",
        RECS,
    )
    text = failures(data_dir)
    assert "A final response comes with its source and locator" in text
    assert f"(CSV line {line}; cycle_number=2, recommendation_id=125.1)" in text


def test_sanctions_date_without_source_is_rejected(data_dir):
    line = edit(data_dir, {"state_code": "JPN"}, "sanctions_source_key", "", "upr_reviewers")
    text = failures(data_dir)
    assert "A sanctions date comes with its source and locator" in text
    assert f"(CSV line {line}; state_code=JPN)" in text


VDEM = "vdem_democracy"


def test_index_outside_its_bounds_is_rejected(data_dir):
    line = edit(data_dir, {"country_code": "MNG", "year": "1990"}, "v2x_polyarchy", "0.9", VDEM)
    text = failures(data_dir)
    assert "The index lies between its lower and upper bound" in text
    assert f"(CSV line {line}; country_code=MNG, year=1990)" in text


def test_index_row_taken_from_elsewhere_in_the_source_is_rejected(data_dir):
    locator = "inst/ert.csv row numbered 4130"  # North Korea's 1990 row, not Mongolia's
    edit(data_dir, {"country_code": "MNG", "year": "1990"}, "source_locator", locator, VDEM)
    text = failures(data_dir)
    assert "A unit's rows are consecutive rows of the source file" in text
    assert "unit MNG (all its rows)" in text


def test_gap_in_an_index_series_is_rejected(data_dir):
    path = data_dir / f"{VDEM}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("POL,Poland,1981,")))
    text = failures(data_dir)
    assert "A unit has one row for every year from its first year to its last" in text
    assert "unit POL (all its rows)" in text


def test_warsaw_pact_state_without_an_index_series_is_rejected(data_dir):
    book = data_dir / f"{VDEM}.yml"
    book.write_text(book.read_text(encoding="utf-8").replace("state_code: SUN", "state_code: RUS"))
    text = failures(data_dir)
    assert "Every Warsaw Pact state in eastern_bloc_transitions has a unit" in text
    assert "state SUN of eastern_bloc_transitions.csv" in text


def test_alignment_without_its_source_is_rejected(data_dir):
    line = edit(data_dir, {"state_code": "IRL"}, "alignment_source_key", "", "csce_participants")
    text = failures(data_dir)
    assert "An alignment comes with its source and locator" in text
    assert f"(CSV line {line}; state_code=IRL)" in text


def test_pact_member_without_a_transition_is_rejected(data_dir):
    line = edit(
        data_dir, {"state_code": "AUT"}, "alignment_1975", "warsaw_pact", "csce_participants"
    )
    text = failures(data_dir)
    assert "The Warsaw Pact states here are exactly the states in eastern_bloc_transitions" in text
    assert f"(CSV line {line}; state_code=AUT)" in text


SPIRAL = "spiral_periods"
INSTRUMENTS = "case_instruments"


def test_evidence_id_that_resolves_nowhere_is_rejected(data_dir):
    rows = {r["period_id"]: r for r in read(data_dir, SPIRAL)}
    cited = rows["dprk_repression"]["evidence_ids"] + ";vdem_democracy:PRK/1947"
    line = edit(data_dir, {"period_id": "dprk_repression"}, "evidence_ids", cited, SPIRAL)
    text = failures(data_dir)
    assert f"{SPIRAL}.csv [evidence ids]: column 'evidence_id'" in text
    assert f"period_id=dprk_repression (CSV line {line}): value 'vdem_democracy:PRK/1947'" in text
    assert "Every evidence id names a row of a case dataset" in text


def test_period_off_its_evidence_date_is_rejected(data_dir):
    line = edit(data_dir, {"period_id": "dprk_denial"}, "start_date", "1981-09-15", SPIRAL)
    text = failures(data_dir)
    assert "column 'start_on_evidence_date'" in text
    assert f"(CSV line {line}; period_id=dprk_denial)" in text
    assert "starts on a date recorded in the row cited as its start evidence" in text


def test_overlapping_periods_of_one_unit_are_rejected(data_dir):
    # Ending Poland's denial a day late also moves it off its evidence; both are named.
    edit(data_dir, {"period_id": "pol_denial"}, "end_date", "1989-02-07", SPIRAL)
    text = failures(data_dir)
    assert f"{SPIRAL}.csv [periods per unit in date order]" in text
    assert "period_id=pol_concessions" in text


def test_mongolia_coding_that_drifts_from_its_chapter_is_rejected(data_dir):
    # The two codings must agree; a changed phase is caught even with dates intact.
    line = edit(data_dir, {"period_id": "mongolia_denial"}, "phase", "repression", SPIRAL)
    text = failures(data_dir)
    assert f"{SPIRAL}.csv [agreement with mongolia_phases]: column 'same_phase'" in text
    assert f"period_id=mongolia_denial (CSV line {line})" in text


def test_unit_outside_its_case_is_rejected(data_dir):
    line = edit(data_dir, {"period_id": "dprk_denial"}, "case", "mongolia", SPIRAL)
    text = failures(data_dir)
    assert "column 'unit_in_case'" in text
    assert f"(CSV line {line}; period_id=dprk_denial)" in text


def test_instrument_date_or_source_unlike_its_evidence_is_rejected(data_dir):
    date_line = edit(
        data_dir, {"instrument_id": "prk_summit_2000"}, "date", "2000-06-14", INSTRUMENTS
    )
    source_line = edit(
        data_dir, {"instrument_id": "prk_summit_2007"}, "source_key", "kbs_summit2018", INSTRUMENTS
    )
    text = failures(data_dir)
    assert "The date is written exactly as the cited row records it." in text
    assert f"(CSV line {date_line}; instrument_id=prk_summit_2000)" in text
    assert "The source key and locator are those the cited row gives" in text
    assert f"(CSV line {source_line}; instrument_id=prk_summit_2007)" in text


def test_concession_after_the_transition_is_rejected(data_dir):
    edit(data_dir, {"state_code": "ROU"}, "event_date", "1990-05-22", "eastern_bloc_openings")
    text = failures(data_dir)
    assert "eastern_bloc_openings.csv [states in eastern_bloc_transitions]" in text
    assert "state_code=ROU: value False" in text
    # The phase coding that cites the moved date now fails too.
    assert "period_id=rou_denial" in text


def test_evidence_about_another_state_is_rejected(data_dir):
    # A V-Dem row for Poland cited for Hungary resolves, but concerns the wrong state.
    rows = {r["period_id"]: r for r in read(data_dir, SPIRAL)}
    cited = rows["hun_denial"]["evidence_ids"].replace("HUN/1988", "POL/1988")
    line = edit(data_dir, {"period_id": "hun_denial"}, "evidence_ids", cited, SPIRAL)
    text = failures(data_dir)
    assert f"{SPIRAL}.csv [evidence ids]: column 'concerns_unit'" in text
    assert f"period_id=hun_denial (CSV line {line})" in text


def test_boundary_source_unlike_its_evidence_is_rejected(data_dir):
    line = edit(data_dir, {"period_id": "pol_denial"}, "end_source_key", "finalact1975", SPIRAL)
    text = failures(data_dir)
    assert "The end date's source and locator are those the end evidence row gives." in text
    assert f"(CSV line {line}; period_id=pol_denial)" in text


def test_reviewer_row_whose_identifier_names_another_state_is_rejected(data_dir):
    line = edit(
        data_dir, {"recommendation_id": "S04-CUB-1"}, "state_code", "CAN", "upr_dprk_as_reviewer"
    )
    text = failures(data_dir)
    assert "upr_dprk_as_reviewer.csv: column 'id_matches_session_and_state'" in text
    assert f"(CSV line {line}; recommendation_id=S04-CUB-1)" in text
    assert "Each identifier starts with its row's session and State code." in text
    # The same code now stands for two of UPR Info's names.
    assert "Each State code stands for one name of UPR Info's." in text


def test_reviewer_row_read_twice_is_rejected(data_dir):
    rows = read(data_dir, "upr_dprk_as_reviewer")
    locator = rows[0]["source_locator"]
    line = edit(
        data_dir,
        {"recommendation_id": rows[1]["recommendation_id"]},
        "source_locator",
        locator,
        "upr_dprk_as_reviewer",
    )
    text = failures(data_dir)
    assert "upr_dprk_as_reviewer.csv: column 'source_locator'" in text
    assert f"CSV line {line}" in text
    assert "Each row of the exports is read once." in text


def test_issue_tag_neither_mapped_nor_listed_is_rejected(data_dir):
    line = edit(
        data_dir,
        {"cycle_number": "2", "recommendation_id": "124.44"},
        "uprinfo_issues",
        "Justice, A tag nobody mapped",
        "upr_recommendations",
    )
    text = failures(data_dir)
    assert "upr_recommendations.csv: column 'issue_tags_known'" in text
    assert f"CSV line {line}" in text
    assert "Every UPR Info issue tag is read as a theme or listed as unmapped" in text


def test_more_votes_alike_than_votes_in_common_is_rejected(data_dir):
    line = edit(data_dir, {"state_code": "SYR"}, "identical_votes", "999", "unga_voting_agreement")
    text = failures(data_dir)
    assert "unga_voting_agreement.csv: column 'roll_calls vs identical_votes'" in text
    assert f"(CSV line {line}; state_code=SYR)" in text
    assert "cannot have voted as the DPRK did on more roll calls than both voted on" in text


def test_a_reviewed_state_without_voting_data_is_rejected(data_dir):
    # The agreement row for Cuba moves to a code the DPRK never reviewed: Cuba's rows in
    # upr_dprk_as_reviewer now point at nothing, and the moved row at no reviewed State.
    line = edit(data_dir, {"state_code": "CUB"}, "state_code", "FRA", "unga_voting_agreement")
    text = failures(data_dir)
    assert "upr_dprk_as_reviewer.csv: column 'state_code'" in text
    assert "recommendation_id=S04-CUB-1" in text
    assert "Every value is a state_code in unga_voting_agreement.csv." in text
    assert "unga_voting_agreement.csv: column 'state_code'" in text
    assert f"(CSV line {line}; state_code=FRA)" in text


def test_a_principle_numbered_unlike_its_identifier_is_rejected(data_dir):
    line = edit(data_dir, {"item_id": "principle_07"}, "numeral", "VI", "final_act_structure")
    text = failures(data_dir)
    assert "final_act_structure.csv: column 'principle_numbered'" in text
    assert f"(CSV line {line}; item_id=principle_07)" in text
    assert "the identifier its numeral gives" in text


def test_a_source_texts_words_without_their_paragraph_are_rejected(data_dir):
    line = edit(data_dir, {"item_id": "principle_02"}, "seed001_locator", "", "final_act_structure")
    text = failures(data_dir)
    assert "final_act_structure.csv: column 'seed001_sourced'" in text
    assert f"(CSV line {line}; item_id=principle_02)" in text
    assert "Park's words come with the source's key and paragraph" in text


def test_a_principle_outside_the_security_part_is_rejected(data_dir):
    line = edit(
        data_dir, {"item_id": "principle_05"}, "part_id", "part_economics", "final_act_structure"
    )
    text = failures(data_dir)
    assert "final_act_structure.csv: column 'principle_in_security_part'" in text
    assert f"(CSV line {line}; item_id=principle_05)" in text
