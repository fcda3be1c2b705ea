"""Which datasets a change can affect (the changed ones and every dataset that reads
them), and the other way round, which datasets one dataset's validation reads.

A dataset reads another when the other's name appears in its codebook (a column's
`references`, its `evidence_datasets`), its suite (validation/suites/<name>.py) or its
CSV (evidence ids such as "mongolia_events:..."). Followed to a fixed point, so a
chain of readers is covered. Deliberately generous: a mention too many costs a few
seconds of validation, a reader missed would let a broken reference through.
"""

from __future__ import annotations

from pathlib import Path

SUITES = Path(__file__).resolve().parent / "suites"


def _texts(data_dir: Path, name: str) -> str:
    parts = [data_dir / f"{name}.yml", data_dir / f"{name}.csv", SUITES / f"{name}.py"]
    # Undecodable bytes are replaced: a file that is not UTF-8 is validation's to report.
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in parts if p.exists())


def _all_texts(data_dir: Path) -> dict[str, str]:
    names = {p.stem for p in data_dir.glob("*.yml")} | {p.stem for p in data_dir.glob("*.csv")}
    return {name: _texts(data_dir, name) for name in names}


def reads(data_dir: Path, texts: dict[str, str] | None = None) -> dict[str, set[str]]:
    """For each dataset, the datasets its validation may read, itself included."""
    texts = _all_texts(data_dir) if texts is None else texts
    found = {name: {name} for name in texts}
    for read in found.values():
        while True:
            more = {n for n in texts if n not in read and any(n in texts[r] for r in read)}
            if not more:
                break
            read |= more
    return found


def affected(data_dir: Path, changed: set[str]) -> set[str]:
    """The changed datasets and every dataset whose validation reads one of them: one
    whose reads (above) mention a changed dataset, removed ones included."""
    texts = _all_texts(data_dir)
    return set(changed) | {
        name
        for name, read in reads(data_dir, texts).items()
        if any(c in texts[r] for r in read for c in changed)
    }
