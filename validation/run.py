"""Run every dataset's suite with Great Expectations and report what failed.

``python -m validation`` validates data/, prints a summary, writes one result file
per dataset to build/validation/ and exits non-zero on any failure. Chapters load
only data whose bytes match a passing result file (see casebook.datasets).
"""

from __future__ import annotations

import importlib
import json
import os
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from validation import cache
from validation.codebook import (
    BIBLIOGRAPHY,
    DATA_DIR,
    PROJECT_DIR,
    RESULTS_DIR,
    Codebook,
    bibliography_kinds,
    codebooks,
    read_raw,
    read_result,
    sha256,
    source_kinds,
    to_typed,
)
from validation.files import write_if_changed

if TYPE_CHECKING:
    from validation.rules import View

# GX otherwise phones home for usage statistics: this site builds with no network.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

MAX_ROWS_SHOWN = 10


@dataclass
class Check:
    """One expectation's outcome, in terms a reviewer can act on."""

    stage: str  # "raw" (CSV as written), "typed", or the name of a derived view
    rule: str
    column: str | None
    arguments: dict
    notes: str
    success: bool
    observed: object = None
    element_count: int | None = None  # rows the rule looked at
    unexpected_count: int | None = None  # rows that broke it
    rows: list[int] = field(default_factory=list)  # 0-based rows of the checked frame
    labels: list[str] = field(default_factory=list)  # those rows named for a reader
    values: list = field(default_factory=list)
    error: str | None = None


@dataclass
class DatasetReport:
    name: str
    csv: str
    csv_sha256: str
    codebook_sha256: str
    checks: list[Check]
    problems: list[str] = field(default_factory=list)  # failures outside GX (unreadable files)
    inputs_sha256: str = ""  # validation.cache's key: what the checks read
    reused: bool = False  # taken from the last run, whose inputs were the same (not stored)

    @property
    def success(self) -> bool:
        return not self.problems and all(c.success for c in self.checks)

    @classmethod
    def from_record(cls, record: dict) -> DatasetReport:
        """A stored result (write_results) as a report again."""
        fields = {k: v for k, v in record.items() if k in cls.__dataclass_fields__}
        fields["checks"] = [Check(**c) for c in record["checks"]]
        return cls(**fields, reused=True)


def validate_all(
    data_dir: Path = DATA_DIR,
    bibliography: Path = BIBLIOGRAPHY,
    only: set[str] | None = None,
    reuse: Path | None = None,
) -> list[DatasetReport]:
    """Validate every dataset in `data_dir`, or only those named in `only` (a file
    without a codebook is always reported). With `reuse` (a results folder), a dataset
    whose passing result there has the same inputs (validation.cache) is not run again."""
    keys = cache.input_keys(data_dir, bibliography)
    kinds = bibliography_kinds(bibliography)
    bib_keys = set(kinds)
    allowed = set(source_kinds())
    classified = {k for k, kind in kinds.items() if kind in allowed}
    gx_run = None  # Great Expectations is loaded only if something is to be checked

    reports = [
        _orphan_csv_report(p)
        for p in sorted(data_dir.glob("*.csv"))
        if not p.with_suffix(".yml").exists()
    ]
    for book in codebooks(data_dir):
        if only is not None and book.name not in only:
            continue
        previous = read_result(book.name, reuse) if reuse else None
        if cache.reusable(previous, keys[book.name]):
            reports.append(DatasetReport.from_record(previous))
            continue
        gx_run = gx_run or _gx_run()
        report = _validate(book, *gx_run, bib_keys, classified)
        report.inputs_sha256 = keys[book.name]
        reports.append(report)
    return reports


def _gx_run():
    """A Great Expectations context with one pandas source, for one run."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context, context.data_sources.add_pandas("casebook")


def _validate(book: Codebook, context, source, bib_keys, classified) -> DatasetReport:
    import great_expectations as gx

    from validation import cross_dataset, rules
    from validation.rules import View

    csv = book.csv_path
    report = DatasetReport(
        name=book.name,
        csv=_display_path(csv),
        csv_sha256=sha256(csv) if csv.exists() else "",
        codebook_sha256=sha256(book.path),
        checks=[],
    )
    try:
        raw = read_raw(book)
    except Exception as exc:  # a CSV pandas cannot parse is itself a failure
        report.problems.append(f"{report.csv}: cannot be read as UTF-8 CSV ({exc})")
        return report

    def csv_row(i: int) -> str:
        key = ", ".join(f"{k}={raw.at[i, k]}" for k in book.primary_key if k in raw)
        return f"row {i + 1} (CSV line {i + 2}; {key})"

    typed = to_typed(book, raw)
    suite = _suite_module(book.name)
    if suite is not None and hasattr(suite, "derive"):
        typed = suite.derive(typed, book)

    stages = [
        View("raw", raw, rules.raw_expectations(book), csv_row),
        View(
            "typed",
            typed,
            rules.typed_expectations(book)
            + (suite.expectations(book) if suite is not None else [])
            + cross_dataset.expectations(book, bib_keys, classified),
            csv_row,
        ),
    ]
    if suite is not None and hasattr(suite, "views"):
        stages += suite.views(typed, book)

    for stage in stages:
        # Built whole and never saved to the context's store: adding expectations one by
        # one to a stored suite re-serialises the suite each time (a third of the run).
        gx_suite = gx.ExpectationSuite(
            name=f"{book.name}: {stage.name}", expectations=list(stage.expectations)
        )
        batch = (
            source.add_dataframe_asset(f"{book.name}: {stage.name}")
            .add_batch_definition_whole_dataframe("all")
            .get_batch(batch_parameters={"dataframe": stage.frame})
        )
        result = batch.validate(gx_suite, result_format="COMPLETE")
        report.checks.extend(_check(stage, r) for r in result.results)
    return report


def _check(stage: View, result) -> Check:
    config = result.expectation_config
    kwargs = {k: v for k, v in config.kwargs.items() if k != "batch_id"}
    column = kwargs.pop("column", None)
    if column is None and "column_A" in kwargs:
        column = f"{kwargs.pop('column_A')} vs {kwargs.pop('column_B')}"
    if column is None and config.type.startswith(("expect_compound", "expect_multicolumn")):
        column = ", ".join(kwargs.pop("column_list"))
    condition = kwargs.pop("row_condition", None)
    kwargs.pop("condition_parser", None)
    if isinstance(condition, dict):
        condition = condition.get("pass_through_filter") or str(condition)
    if condition:
        kwargs["where"] = condition
    info = result.result or {}
    error = None
    if result.exception_info and result.exception_info.get("raised_exception"):
        error = result.exception_info.get("exception_message")
    else:
        for value in (result.exception_info or {}).values():
            if isinstance(value, dict) and value.get("raised_exception"):
                error = value.get("exception_message")
    rows = [int(i) for i in info.get("unexpected_index_list") or []]
    return Check(
        stage=stage.name,
        rule=config.type,
        column=column,
        arguments=_jsonable(kwargs),
        notes=config.notes or "",
        # An expectation that raised proved nothing: count it as failed.
        success=bool(result.success) and error is None,
        observed=_jsonable(info.get("observed_value")),
        element_count=info.get("element_count"),
        unexpected_count=info.get("unexpected_count"),
        rows=rows,
        labels=[stage.label(i) for i in rows],
        values=_jsonable(info.get("unexpected_list") or []),
        error=error,
    )


def _suite_module(name: str):
    try:
        return importlib.import_module(f"validation.suites.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"validation.suites.{name}":
            raise
        return None


def _orphan_csv_report(csv: Path) -> DatasetReport:
    return DatasetReport(
        name=csv.stem,
        csv=_display_path(csv),
        csv_sha256=sha256(csv),
        codebook_sha256="",
        checks=[],
        problems=[f"{csv.name}: no codebook {csv.stem}.yml beside it"],
    )


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return str(path)


def _jsonable(value):
    return json.loads(json.dumps(value, default=str))


# ---------------------------------------------------------------- reporting


def describe_failure(report: DatasetReport, check: Check) -> list[str]:
    """Lines naming file, column, rows and rule for one failed check."""
    args = ", ".join(f"{k}={v!r}" for k, v in check.arguments.items() if k not in ("value_set",))
    if "value_set" in check.arguments:
        args = (
            args + ", " if args else ""
        ) + f"value_set=<{len(check.arguments['value_set'])} values>"
    if check.column and ", " in check.column:
        where = f"columns '{check.column}'"
    else:
        where = f"column '{check.column}'" if check.column else "table"
    view = "" if check.stage in ("raw", "typed") else f" [{check.stage}]"
    lines = [f"FAIL {report.csv}{view}: {where}: rule {check.rule}({args})"]
    if check.error:
        lines.append(f"     the rule could not be evaluated: {check.error}")
    # strict=False: a report must print even if GX returns uneven lists.
    for label, value in list(zip(check.labels, check.values, strict=False))[:MAX_ROWS_SHOWN]:
        lines.append(f"     {label}: value {value!r}")
    if len(check.rows) > MAX_ROWS_SHOWN:
        lines.append(f"     ... and {len(check.rows) - MAX_ROWS_SHOWN} more rows")
    if not check.rows and check.observed is not None:
        lines.append(f"     observed: {check.observed!r}")
    if check.notes:
        lines.append(f"     why: {check.notes}")
    return lines


def summary(reports: list[DatasetReport]) -> str:
    lines = []
    for report in reports:
        passed = sum(c.success for c in report.checks)
        status = "ok  " if report.success else "FAIL"
        reused = " (inputs unchanged: last run's result)" if report.reused else ""
        lines.append(
            f"{status} {report.csv}: {passed}/{len(report.checks)} expectations passed{reused}"
        )
        lines.extend(f"FAIL {p}" for p in report.problems)
        for check in report.checks:
            if not check.success:
                lines.extend(describe_failure(report, check))
    failed = sum(not r.success for r in reports)
    lines.append(
        f"{len(reports)} datasets validated, {failed} failed" if reports else "no datasets found"
    )
    return "\n".join(lines)


def write_results(reports: list[DatasetReport], out_dir: Path = RESULTS_DIR) -> None:
    """One JSON file per dataset; the loader trusts data only through these. A file is
    rewritten only if its content changes, and replaced whole, so a reader never finds it
    missing or half-written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names = {f"{report.name}.json" for report in reports}
    for stale in out_dir.glob("*.json"):
        if stale.name not in names:
            stale.unlink()
    for report in reports:
        record = asdict(report) | {
            "success": report.success,
            "great_expectations": metadata.version("great_expectations"),
        }
        del record["reused"]
        text = json.dumps(record, indent=2, sort_keys=True) + "\n"
        write_if_changed(out_dir / f"{report.name}.json", text)
