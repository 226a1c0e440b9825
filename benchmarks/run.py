"""Benchmarks of the generated clients against plain httpx + pydantic; see benchmarks/README.md.

    python benchmarks/run.py            # print the table; exit 0
    python benchmarks/run.py --check    # exit 1 when a figure misses its target

Every comparison is interleaved (subject, baseline, subject, baseline, ...) and reported as
medians, because the machine it runs on may be shared and noisy.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import bench_calls
import bench_construction
import bench_corpus
import bench_first_call
import bench_imports
import bench_regenerate
import bench_tasks
import httpx
import pydantic
from bench_common import SPECS, Section, format_table, use_generated_packages
from corpus_tables import CorpusReport, targets

PARTS = ("imports", "first_call", "calls", "construction", "regenerate", "tasks", "corpus")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--only", choices=PARTS, action="append", help="run only these parts")
    parser.add_argument("--import-runs", type=int, default=17, help="fresh interpreters per item")
    parser.add_argument(
        "--first-call-runs", type=int, default=11, help="first call: interleaved rounds"
    )
    parser.add_argument(
        "--first-call-spec",
        type=Path,
        default=bench_first_call.OPENAI,
        help="first call: the document to generate (default tests/corpus/openai.yaml)",
    )
    parser.add_argument(
        "--first-call-package",
        type=Path,
        help="first call: a folder holding openai_client (or its openai/), generated earlier",
    )
    parser.add_argument("--call-samples", type=int, default=11, help="samples per side and call")
    parser.add_argument("--calls", type=int, default=1000, help="calls per sample")
    parser.add_argument("--construct-samples", type=int, default=9, help="samples per side")
    parser.add_argument("--constructs", type=int, default=5, help="constructions per sample")
    parser.add_argument("--provider", default="evolink", help="provider for construction")
    parser.add_argument("--regenerate-samples", type=int, default=5, help="samples per side")
    parser.add_argument("--tasks", type=int, default=1000, help="tasks awaited concurrently")
    parser.add_argument("--corpus-rounds", type=int, default=3, help="runs per tool and document")
    parser.add_argument(
        "--corpus-quick", action="store_true", help="corpus: 1 round, and no openai.yaml"
    )
    return parser.parse_args(argv)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    parts = args.only or list(PARTS)
    use_generated_packages()
    started = time.perf_counter()
    sections: list[Section] = []
    if "imports" in parts:
        _progress(f"import time: {args.import_runs} runs per item ...")
        sections.append(bench_imports.run(args.import_runs))
    if "calls" in parts:
        _progress(f"per-call overhead: {args.call_samples} samples of {args.calls} calls ...")
        sections.append(bench_calls.run(args.call_samples, args.calls))
    if "construction" in parts:
        _progress(f"construction: {args.construct_samples} samples of {args.constructs} ...")
        sections.append(
            bench_construction.run(args.provider, args.construct_samples, args.constructs)
        )
    if "regenerate" in parts:
        _progress(f"no-op check vs regeneration: {args.regenerate_samples} samples ...")
        sections.append(bench_regenerate.run(args.regenerate_samples))
    first_call = None
    corpus_targets: list[tuple[str, bool]] = []
    if "first_call" in parts:
        _progress(f"first call of the OpenAI-size package: {args.first_call_runs} rounds ...")
        first_call = bench_first_call.run(
            args.first_call_runs, args.first_call_spec, args.first_call_package
        )
    tasks = None
    if "tasks" in parts:
        _progress(f"tasks: {args.tasks} created and awaited at once against the mock ...")
        tasks = bench_tasks.run_tasks(args.tasks)
    corpus: list[CorpusReport] = []
    if "corpus" in parts:
        rounds = 1 if args.corpus_quick else args.corpus_rounds
        documents = bench_corpus.corpus_documents(
            bench_corpus.find_corpus(), None, args.corpus_quick
        )
        _progress(f"corpus: gatewaygen and openapi-python-client on {len(documents)} documents ...")
        corpus.append(bench_corpus.report(documents, rounds))
        # Issue 14's first target: the gateway specs, cost only (their packages' mypy --strict
        # is proven by the test suite).
        specs = bench_corpus.corpus_documents(SPECS, None, quick=False)
        _progress(f"corpus: the same on the {len(specs)} gateway specs (no mypy) ...")
        corpus.append(bench_corpus.report(specs, rounds, mypy=False))
        judged = {"openai.yaml"} | {path.name for path in specs}
        corpus_targets = [v for measured in corpus for v in targets(measured.results, judged)]
    print(
        f"gatewaygen benchmarks: Python {platform.python_version()}, httpx {httpx.__version__}, "
        f"pydantic {pydantic.VERSION}, {os.cpu_count()} CPU(s); medians of interleaved samples, "
        "ratio = median / baseline median"
    )
    print(format_table(sections))
    rows = [row for section in sections for row in section.rows if row.passed is not None]
    failed = [row.name for row in rows if not row.passed]
    met = len(rows) - len(failed)
    if first_call is not None:
        print()
        print("\n".join(first_call.lines()))
        met += first_call.passed
        failed += [] if first_call.passed else ["first call of the OpenAI-size package"]
    if tasks is not None:
        print()
        print("\n".join(tasks.lines()))
        met += tasks.passed
        failed += [] if tasks.passed else ["concurrent tasks: not all finished exactly once"]
    for measured in corpus:
        print()
        print(measured.text)
    met += sum(met_it for _, met_it in corpus_targets)
    failed += [verdict for verdict, met_it in corpus_targets if not met_it]
    print()
    print(
        f"targets: {met} of {met + len(failed)} met"
        + (f"; missed: {'; '.join(failed)}" if failed else "")
        + f" ({time.perf_counter() - started:.0f} s)"
    )
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
