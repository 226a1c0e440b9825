"""The cost of one command, for the corpus comparison: wall time and peak memory, two ways.

    python benchmarks/corpus_measure.py '["<command>", ...]' CWD LOG   # prints one JSON line

Run as a fresh process per measured command (`measure` starts it), so that nothing measured
earlier counts. It reports:

- `largest`: the peak RSS of the largest single process of the command's tree, exact
  (`RUSAGE_CHILDREN`: every descendant that was waited for).
- `tree`: the peak of the summed RSS of the command and all its descendants, sampled every
  10 ms from /proc (Linux only; None elsewhere). gatewaygen proves its package in a second
  interpreter that runs *while* its main process builds, so the largest process alone
  understates what the run holds at once. The sum counts shared pages (the interpreter's own
  code, shared libraries) once per process, as every process pays for them in RSS. A sample
  can miss a peak shorter than the interval, so the figure never goes below `largest`: at the
  moment the largest process peaked, the tree held at least that much.

Only the standard library is imported here: the measuring parent should weigh nothing.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

INTERVAL = 0.01  # seconds between samples of the tree
PROC = Path("/proc")
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class Cost:
    """One measured command: its exit code, wall seconds and peak memory (MB, 10^6 bytes)."""

    code: int
    seconds: float
    largest_mb: float  # the largest single process, exact
    tree_mb: float | None  # the whole tree at once, sampled; None where /proc is missing


def tree_supported() -> bool:
    """Whether this system lets the tree be sampled (Linux, with /proc)."""
    return (PROC / str(os.getpid()) / "statm").is_file()


def descendants(pid: int) -> list[int]:
    """`pid` and every process under it, found through /proc/<pid>/task/*/children (each
    thread lists the children it started), or by scanning every process's parent where the
    kernel has no `children` files."""
    found = [pid]
    index = 0
    while index < len(found):
        found += [c for c in _children(found[index]) if c not in found]
        index += 1
    return found


def _children(pid: int) -> list[int]:
    tasks = PROC / str(pid) / "task"
    children: list[int] = []
    try:
        for task in tasks.iterdir():
            children += [int(c) for c in (task / "children").read_text().split()]
    except FileNotFoundError:
        return _children_by_parent(pid) if tasks.is_dir() else []
    except OSError:  # the process ended while it was read
        return []
    return children


def _children_by_parent(pid: int) -> list[int]:
    children = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (name) state ppid ...": the name may hold spaces and parentheses.
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            children.append(int(entry.name))
    return children


def tree_rss(pid: int) -> int:
    """The summed resident memory (bytes) of `pid` and its descendants, now."""
    total = 0
    for member in descendants(pid):
        try:
            resident = int((PROC / str(member) / "statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):  # ended between the walk and the read
            continue
        total += resident * _PAGE
    return total


class TreeSampler:
    """Samples `tree_rss(pid)` on a thread from `start` to `stop`; `peak` is the largest."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stop.wait(INTERVAL)


def _ru_maxrss_bytes() -> int:
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak if platform.system() == "Darwin" else peak * 1024  # bytes there, KiB here


def run_measured(command: list[str], cwd: Path, log: Path) -> Cost:
    """Run `command` in `cwd`, its output into `log`, and measure it. Call it once per
    process: `RUSAGE_CHILDREN` holds every child this process ever waited for."""
    sample = tree_supported()
    with open(log, "wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(process.pid)
        if sample:
            sampler.start()
        code = process.wait()
        seconds = time.perf_counter() - started
    largest = _ru_maxrss_bytes()
    tree = max(sampler.stop(), largest) / 1e6 if sample else None
    return Cost(code, seconds, largest / 1e6, tree)


def measure(command: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None) -> Cost:
    """`run_measured` in a fresh measuring process, so that no earlier child counts."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), json.dumps(command), str(cwd), str(log)],
        capture_output=True,
        text=True,
        env=env,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the measuring process failed: {done.stderr.strip()}")
    return Cost(**json.loads(done.stdout))


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: corpus_measure.py COMMAND_JSON CWD LOG", file=sys.stderr)
        return 2
    cost = run_measured(json.loads(argv[0]), Path(argv[1]), Path(argv[2]))
    print(json.dumps(cost.__dict__))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
