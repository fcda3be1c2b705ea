"""Validate every dataset: ``python -m validation [--data-dir DIR] [--results-dir DIR]``.

A dataset whose checks' inputs are unchanged since its last passing run keeps that
result (validation.cache); ``--fresh`` runs every check again.
"""

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
    parser.add_argument("--fresh", action="store_true", help="run every check again")
    args = parser.parse_args(argv)

    reuse = None if args.fresh else args.results_dir
    reports = validate_all(args.data_dir, args.bibliography, reuse=reuse)
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
