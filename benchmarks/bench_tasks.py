"""Many video tasks at once: `count` creates awaited concurrently with one evolink `AsyncClient`
against the mock gateway (`gatewaygen mock`, run as its own process so that its work does not
share this process's interpreter and memory).

    python benchmarks/bench_tasks.py                    # 1,000 tasks of 2 s, polls from 0.2 s
    python benchmarks/bench_tasks.py --count 200 --in-process

Reported: the wall time against the ideal (one task's duration), the polls per task (from the
mock's own count), the peak memory of this process, and whether every task finished, none lost
(each id the mock made came back to its caller) and none duplicated (each submission made one
task). The last is the pass/fail figure; the others are reported.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import json
import re
import resource
import select
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
from bench_common import ROOT, SPECS, use_generated_packages

API_KEY = "sk-bench"
PROVIDER = "evolink"
ARGUMENTS: dict[str, Any] = {
    "model": "kling-o3-image-to-video",
    "prompt": "The person in the image slowly turns their head and smiles",
    "image_start": "https://example.com/portrait.jpg",
    "duration": 5,
    "quality": "720p",
}


@dataclass
class TaskReport:
    """What `run_tasks` measured."""

    count: int
    task_seconds: float
    poll_interval: float
    mock: str  # where the mock ran: "process" or "thread"
    pool: str  # the client's connection pool: "sized" (one per task) or "default"
    wall: float  # seconds from the first create to the last task's end
    polls: list[int]  # per task, as the mock counted them
    requests: int  # API requests the mock answered
    rss_before: float  # MiB: this process's peak resident memory before the run
    rss_peak: float  # MiB: ... and after it
    finished: int  # tasks that ended (succeeded or failed)
    lost: int  # tasks the mock made whose id no caller got back
    duplicated: int  # tasks beyond one per submission, or ids returned twice
    errors: dict[str, int]  # exceptions the calls raised, by type

    @property
    def passed(self) -> bool:
        return self.finished == self.count and not self.lost and not self.duplicated

    def lines(self) -> list[str]:
        polls = self.polls or [0]
        return [
            f"Concurrent tasks: {self.count} evolink create_video_generation_and_wait on one "
            f"AsyncClient, tasks of {self.task_seconds:g} s, polls from {self.poll_interval:g} s "
            f"(mock gateway in a {self.mock}; {self.pool} connection pool)",
            f"  wall time           {self.wall:8.2f} s   (ideal {self.task_seconds:g} s: "
            f"{self.wall / self.task_seconds:.2f}x)",
            f"  polls per task      {statistics.median(polls):8.1f}     median; max {max(polls)}",
            f"  requests            {self.requests:8d}     "
            f"{self.requests / self.wall:,.0f} per second",
            f"  peak memory (RSS)   {self.rss_peak:8.1f} MiB "
            f"(before the run {self.rss_before:.1f})",
            f"  finished            {self.finished:8d} of {self.count}; lost {self.lost}, "
            f"duplicated {self.duplicated}" + (f"; errors {self.errors}" if self.errors else ""),
            f"  result              {'PASS' if self.passed else 'FAIL'}",
        ]


def _peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024  # bytes on macOS


@contextlib.contextmanager
def _mock_process(task_seconds: float) -> Iterator[str]:
    """`gatewaygen mock evolink` on a free port; yields its URL, stops it with Ctrl-C."""
    command = [
        *(sys.executable, "-m", "generator", "mock", PROVIDER, "--port", "0"),
        *("--task-seconds", str(task_seconds), "--specs-dir", str(SPECS)),
    ]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            ready, _, _ = select.select([process.stdout], [], [], 60)
            line = process.stdout.readline() if ready else ""
            match = re.search(r"(http://\S+)$", line.strip())
            if not match:
                raise RuntimeError(f"the mock gateway did not start: {line!r}")
            yield match.group(1)
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _mock_thread(task_seconds: float) -> contextlib.AbstractContextManager[str]:
    from generator.mock import running

    return running(PROVIDER, specs_dir=SPECS, task_seconds=task_seconds)


async def _submit_all(url: str, count: int, poll_interval: float, pool: str) -> list[Any]:
    client_class = importlib.import_module(f"{PROVIDER}_client").AsyncClient
    options: dict[str, Any] = {}
    if pool == "sized":
        # A connection for every task, for comparison. The client's own pool ("default") has
        # 100 connections, all kept alive, and holds further requests back itself, because
        # httpcore's pool does work per queued request on every request's start and end
        # (encode/httpx#3215): with 1,000 requests queued there, that costs more CPU than the
        # requests themselves.
        limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
        options["http_client"] = httpx.AsyncClient(limits=limits, timeout=60.0)
    async with client_class(api_key=API_KEY, base_url=url, **options) as client:
        calls = (
            client.create_video_generation_and_wait(**ARGUMENTS, poll_interval=poll_interval)
            for _ in range(count)
        )
        try:
            return list(await asyncio.gather(*calls, return_exceptions=True))
        finally:
            if "http_client" in options:
                await options["http_client"].aclose()


def run_tasks(
    count: int = 1000,
    *,
    task_seconds: float = 2.0,
    poll_interval: float = 0.2,
    in_process: bool = False,
    pool: str = "default",
) -> TaskReport:
    """Create `count` tasks at once and wait for all of them; see the module's docstring."""
    use_generated_packages()
    importlib.import_module(f"{PROVIDER}_client.models")  # not part of the timed run
    server = _mock_thread(task_seconds) if in_process else _mock_process(task_seconds)
    rss_before = _peak_rss_mib()
    with server as url:
        started = time.perf_counter()
        outcomes = asyncio.run(_submit_all(url, count, poll_interval, pool))
        wall = time.perf_counter() - started
        seen = httpx.get(f"{url}/_mock/stats", timeout=60).json()
    package = importlib.import_module(f"{PROVIDER}_client")
    returned: list[str] = []
    errors: dict[str, int] = {}
    for outcome in outcomes:
        if isinstance(outcome, package.TaskResult):
            returned.append(outcome.task_id)
        elif isinstance(outcome, package.TaskError):  # a failed task still names its id
            returned.append(outcome.task_id)
            errors[type(outcome).__name__] = errors.get(type(outcome).__name__, 0) + 1
        else:
            errors[type(outcome).__name__] = errors.get(type(outcome).__name__, 0) + 1
    tasks: dict[str, Any] = seen["tasks"]
    made = [create["task_id"] for create in seen["creates"]]
    return TaskReport(
        count=count,
        task_seconds=task_seconds,
        poll_interval=poll_interval,
        mock="thread" if in_process else "process",
        pool=pool,
        wall=wall,
        polls=[task["polls"] for task in tasks.values()],
        requests=int(seen["requests"]),
        rss_before=rss_before,
        rss_peak=_peak_rss_mib(),
        finished=sum(task["outcome"] != "pending" for task in tasks.values()),
        lost=len(set(made) - set(returned)),
        duplicated=max(len(made) - count, 0) + len(returned) - len(set(returned)),
        errors=errors,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=1000, help="tasks created at once")
    parser.add_argument("--task-seconds", type=float, default=2.0, help="each task's duration")
    parser.add_argument("--poll-interval", type=float, default=0.2, help="first poll pause")
    parser.add_argument(
        "--in-process", action="store_true", help="run the mock in a thread of this process"
    )
    parser.add_argument(
        "--pool",
        choices=("default", "sized"),
        default="default",
        help="default: the client's own pool (100 connections); sized: an httpx.AsyncClient "
        "with a connection per task, for comparison",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    report = run_tasks(
        args.count,
        task_seconds=args.task_seconds,
        poll_interval=args.poll_interval,
        in_process=args.in_process,
        pool=args.pool,
    )
    if args.json:
        print(json.dumps({**vars(report), "passed": report.passed}))
    else:
        print("\n".join(report.lines()))
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
