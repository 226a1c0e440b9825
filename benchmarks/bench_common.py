"""What every benchmark shares: paths, interleaved sampling, medians and the result table."""

from __future__ import annotations

import gc
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"
SPECS = ROOT / "specs"

T = TypeVar("T")


def providers() -> list[str]:
    """The generated providers: every generated/<p>/<p>_client, sorted."""
    return sorted(p.parent.name for p in GENERATED.glob("*/*_client") if p.is_dir())


def package_dirs() -> list[str]:
    """The folders that put every generated package on the import path."""
    return [str(GENERATED / name) for name in providers()]


def use_generated_packages() -> None:
    """Make `import <p>_client` work in this process, without writing into generated/."""
    sys.dont_write_bytecode = True  # the packages are imported from the source tree
    for folder in package_dirs():
        if folder not in sys.path:
            sys.path.insert(0, folder)


def interleave(measures: Sequence[Callable[[], T]], rounds: int) -> list[list[T]]:
    """Run every measure once per round (A, B, A, B, ...), rotating who goes first.

    On a shared, noisy machine a slow spell then hits every measure alike instead of one of
    them; the rotation keeps "always runs right after X" from favouring anyone.
    """
    samples: list[list[T]] = [[] for _ in measures]
    count = len(measures)
    for round_ in range(rounds):
        for step in range(count):
            index = (round_ + step) % count
            samples[index].append(measures[index]())
    return samples


def timed_loop(call: Callable[[], object], repeat: int) -> float:
    """Seconds per call of `call`, over `repeat` calls in a row."""
    gc.collect()  # start every sample with the same (empty) garbage
    started = time.perf_counter()
    for _ in range(repeat):
        call()
    return (time.perf_counter() - started) / repeat


@dataclass
class Row:
    """One figure of the table: the subject's and the baseline's samples, in seconds."""

    name: str
    subject: list[float]
    baseline: list[float]
    target: float | None = None  # the largest acceptable ratio, or None for "report only"

    @property
    def subject_median(self) -> float:
        return statistics.median(self.subject)

    @property
    def baseline_median(self) -> float:
        return statistics.median(self.baseline)

    @property
    def ratio(self) -> float:
        return self.subject_median / self.baseline_median

    @property
    def passed(self) -> bool | None:
        return None if self.target is None else self.ratio <= self.target


@dataclass
class Section:
    """A group of rows measured in the same unit against the same kind of baseline."""

    title: str
    baseline: str
    unit: str  # "ms" or "us"
    rows: list[Row]


_SCALE = {"ms": 1e3, "us": 1e6}


def _spread(values: Sequence[float], scale: float) -> str:
    """The samples' range, to show how noisy a median was."""
    return f"{min(values) * scale:.1f}-{max(values) * scale:.1f}"


def format_table(sections: Sequence[Section]) -> str:
    """The compact, printable table of every section."""
    name_width = max([len(row.name) for s in sections for row in s.rows] + [len("figure")])
    header = (
        f"  {'figure':<{name_width}}  {'median':>9}  {'baseline':>9}  {'ratio':>6}  "
        f"{'target':>7}  {'result':<6}  range (subject | baseline)"
    )
    lines: list[str] = []
    for section in sections:
        scale = _SCALE[section.unit]
        lines.append("")
        lines.append(f"{section.title}  [baseline: {section.baseline}; unit: {section.unit}]")
        lines.append(header)
        for row in section.rows:
            target = "-" if row.target is None else f"<={row.target:.2f}x"
            result = {None: "report", True: "PASS", False: "FAIL"}[row.passed]
            lines.append(
                f"  {row.name:<{name_width}}  {row.subject_median * scale:>9.1f}  "
                f"{row.baseline_median * scale:>9.1f}  {row.ratio:>5.2f}x  {target:>7}  "
                f"{result:<6}  {_spread(row.subject, scale)} | {_spread(row.baseline, scale)}"
            )
    return "\n".join(lines)
