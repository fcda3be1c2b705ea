"""Which datasets a change can affect: the changed ones and every dataset that reads them.

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
    return "\n".join(p.read_text(encoding="utf-8") for p in parts if p.exists())


def affected(data_dir: Path, changed: set[str]) -> set[str]:
    names = {p.stem for p in data_dir.glob("*.yml")} | {p.stem for p in data_dir.glob("*.csv")}
    texts = {name: _texts(data_dir, name) for name in names}
    found = set(changed)
    while True:
        readers = {n for n in names - found if any(c in texts[n] for c in found)}
        if not readers:
            return found
        found |= readers
