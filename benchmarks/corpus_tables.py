"""The corpus comparison's results and how they are shown: the table per document and side, the
ratios to the peer (openapi-python-client), one conclusion per document computed from them, the
reasons, and issue 14's targets for `run.py --check`."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus_counting import Tally

TOOLS = ("gatewaygen", "openapi-python-client")
FLOOR = "floor: dcg alone"
SILENT = "no warning names it"

#: Issue 14: cold generation at most half the peer's wall time, at most its peak memory.
TIME_TARGET = 0.5
MEMORY_TARGET = 1.0


@dataclass(frozen=True)
class Run:
    """One timed run of a side: its exit code and output, where it wrote, and its cost."""

    code: int
    output: str
    folder: Path
    seconds: float
    peak_mb: float  # the largest single process, exact
    tree_mb: float | None  # the whole tree at once, sampled; None where it cannot be (not Linux)


@dataclass
class Result:
    """One side on one document: the counts (from a tool's first run; None for the floor) and
    every run's cost."""

    document: str
    tool: str
    tally: Tally | None
    mypy: int | None  # None: no package to check
    seconds: list[float]
    peak_mb: list[float]
    tree_mb: list[float | None]
    floor_refusal: str | None = None  # why the floor has no figure for this document

    @classmethod
    def of(
        cls,
        document: str,
        tool: str,
        runs: Sequence[Run],
        *,
        tally: Tally | None = None,
        mypy: int | None = None,
        refusal: str | None = None,
    ) -> Result:
        seconds, peaks = [r.seconds for r in runs], [r.peak_mb for r in runs]
        return cls(document, tool, tally, mypy, seconds, peaks, [r.tree_mb for r in runs], refusal)

    @property
    def refusal(self) -> str | None:
        return self.tally.refusal if self.tally else self.floor_refusal

    @property
    def time(self) -> float:
        return statistics.median(self.seconds)

    @property
    def largest(self) -> float:
        return statistics.median(self.peak_mb)

    @property
    def tree(self) -> float | None:
        known = [t for t in self.tree_mb if t is not None]
        return statistics.median(known) if known and len(known) == len(self.tree_mb) else None

    @property
    def memory(self) -> float:
        """What the memory ratios compare: the whole tree, or the largest process without it."""
        tree = self.tree
        return self.largest if tree is None else tree


@dataclass(frozen=True)
class CorpusReport:
    text: str  # the tables, conclusions and reasons, as Markdown
    results: list[Result]


def _by_document(results: list[Result]) -> dict[str, dict[str, Result]]:
    by_document: dict[str, dict[str, Result]] = {}
    for r in results:
        by_document.setdefault(r.document, {})[r.tool] = r
    return by_document


def table(results: list[Result]) -> str:
    """The Markdown table: one row per document and side."""
    lines = [
        "| document | side | operations | methods | left out | of which silent | "
        "mypy --strict errors | time (s) | memory: largest process (MB) | "
        "memory: whole tree (MB) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        t = r.tally
        if t is None:  # the floor: no package of its own to count
            counts = "- | - | - | - | -"
        else:
            refused = ("refused", "-") if t.refusal else (str(len(t.left_out)), str(t.silent))
            errors = "-" if r.mypy is None else str(r.mypy)
            counts = f"{t.operations} | {t.methods} | {refused[0]} | {refused[1]} | {errors}"
        if t is None and (r.refusal or not r.seconds):  # the floor has no figure
            cost = "- | - | -"
        else:
            tree = "-" if r.tree is None else f"{r.tree:.0f}"
            cost = f"{r.time:.2f} | {r.largest:.0f} | {tree}"
        lines.append(f"| `{r.document}` | {r.tool} | {counts} | {cost} |")
    return "\n".join(lines)


def _comparable(pair: dict[str, Result]) -> tuple[Result, Result, Result | None] | None:
    """(ours, the peer's, the floor or None) where both tools made a package; else None."""
    ours, theirs = pair[TOOLS[0]], pair[TOOLS[1]]
    if ours.refusal or theirs.refusal:  # a refusal's cost compares nothing
        return None
    floor = pair.get(FLOOR)
    return ours, theirs, None if floor is None or floor.refusal else floor


def ratios(results: list[Result]) -> str:
    """Ours / the peer's, and the floor / the peer's, per document: time and memory."""
    lines = [
        "| document | methods (ours / peer) | time: ours / peer | time: dcg alone / peer "
        "| memory: ours / peer | memory: dcg alone / peer |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, pair in _by_document(results).items():
        ours, theirs = pair[TOOLS[0]], pair[TOOLS[1]]
        assert ours.tally is not None and theirs.tally is not None
        methods = f"{ours.tally.methods} / {theirs.tally.methods}"
        sides = _comparable(pair)
        if sides is None:
            lines.append(f"| `{name}` | {methods} | - | - | - | - |")
            continue
        ours, theirs, floor = sides
        floor_time = "-" if floor is None else f"{floor.time / theirs.time:.2f}x"
        floor_memory = "-" if floor is None else f"{floor.memory / theirs.memory:.2f}x"
        lines.append(
            f"| `{name}` | {methods} | {ours.time / theirs.time:.2f}x | {floor_time} "
            f"| {ours.memory / theirs.memory:.2f}x | {floor_memory} |"
        )
    return "\n".join(lines)


def _verdict(what: str, unit: str, ours: float, floor: float, peer: float, target: float) -> str:
    """One target's verdict, from the medians of ours, the floor and the peer (in `unit`)."""
    if ours <= target * peer:
        return f"{what}: met ({ours / peer:.2f}x <= {target:.1f}x)"
    if floor > target * peer:
        return (
            f"{what}: datamodel-code-generator alone takes {floor / peer:.2f}x the peer's whole "
            f"run: <= {target:.1f}x is out of reach while it writes the models"
        )
    # Within reach: what ours spends beyond the library, and what it may spend. For memory
    # (a peak, not a sum) it is how much more than the library's peak ours may hold.
    return (
        f"{what}: dcg alone takes {floor / peer:.2f}x the peer's run, so <= {target:.1f}x is "
        f"within reach if the rest of ours ({ours - floor:.1f} {unit} beyond dcg alone) falls "
        f"to {target * peer - floor:.1f} {unit}"
    )


def conclusions(results: list[Result]) -> str:
    """One line per document, computed from the medians: is each target met, reachable, or out
    of reach while datamodel-code-generator writes the models?"""
    lines = []
    for name, pair in _by_document(results).items():
        sides = _comparable(pair)
        if sides is None or sides[2] is None:
            missing = pair.get(FLOOR)
            why = missing.refusal if missing and missing.refusal else "a tool made no package"
            lines.append(f"- `{name}`: no conclusion ({why})")
            continue
        ours, theirs, floor = sides[0], sides[1], sides[2]
        time = _verdict("time", "s", ours.time, floor.time, theirs.time, TIME_TARGET)
        memory = _verdict("memory", "MB", ours.memory, floor.memory, theirs.memory, MEMORY_TARGET)
        lines.append(f"- `{name}`: {time}; {memory}")
    return "\n".join(lines)


def reasons(results: list[Result]) -> str:
    """What each tool left out and why, identical reasons counted together."""
    lines = []
    for r in results:
        if r.refusal:
            verb = "no figure" if r.tally is None else "refused"
            lines.append(f"- `{r.document}`, {r.tool}: {verb}: {r.refusal}")
            continue
        if r.tally is None:
            continue
        counted = Counter(why or SILENT for _, why in r.tally.left_out)
        for reason, count in counted.most_common():
            examples = [op.label for op, why in r.tally.left_out if (why or SILENT) == reason]
            named = ", ".join(examples[:3]) + (", ..." if len(examples) > 3 else "")
            lines.append(f"- `{r.document}`, {r.tool}: {count} left out ({named}): {reason}")
    return "\n".join(lines) or "- nothing left out"


def targets(results: list[Result], judged: Container[str]) -> list[tuple[str, bool]]:
    """Issue 14's targets on the `judged` documents: (what, met). Our refusal misses both; a
    document the peer refuses is not judged (there is nothing to compare with)."""
    verdicts = []
    for name, pair in _by_document(results).items():
        if name not in judged:
            continue
        ours, theirs = pair[TOOLS[0]], pair[TOOLS[1]]
        if theirs.refusal:
            continue
        time_met = not ours.refusal and ours.time <= TIME_TARGET * theirs.time
        memory_met = not ours.refusal and ours.memory <= MEMORY_TARGET * theirs.memory
        verdicts.append((f"corpus {name}: time <= {TIME_TARGET}x the peer's", time_met))
        verdicts.append((f"corpus {name}: memory <= {MEMORY_TARGET}x the peer's", memory_met))
    return verdicts
