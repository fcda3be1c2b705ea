"""Validate every dataset: ``python -m validation [--data-dir DIR] [--results-dir DIR]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from validation.codebook import BIBLIOGRAPHY, DATA_DIR
from validation.run import RESULTS_DIR, summary, validate_all, write_results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m validation", description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--bibliography", type=Path, default=BIBLIOGRAPHY)
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    args = parser.parse_args(argv)

    reports = validate_all(args.data_dir, args.bibliography)
    write_results(reports, args.results_dir)
    print(summary(reports))
    ok = bool(reports) and all(r.success for r in reports)
    if not ok:
        print(
            "validation failed: fix the rows above (README.md, 'Adding or changing data')",
            file=sys.stderr,
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
