#!/usr/bin/env python3
"""CPU milliseconds per article of every annotation stage, in one process (issue 12's per-stage budget).

Loads a corpus with ``lib.corpus.load_corpus`` (timed as ``load``), then runs each stage of
``lib.stages`` on the whole corpus as one chunk, in the order ``run_chunk`` runs them, ``--repeat`` times, and
prints the smallest CPU time (``time.process_time``) of each stage per article: on a shared machine the
minimum is the figure least disturbed by other jobs. ``--tree`` runs the code of another checkout (e.g. an
older commit unpacked with ``git archive``) so that before and after are measured by the same script:

    .venv/bin/python benchmarks/stage_cpu.py --corpus /tmp/scale/bench/synthetic_2000.jsonl
    git archive 0cf4a51 | tar -x -C /tmp/before
    .venv/bin/python benchmarks/stage_cpu.py --corpus /tmp/scale/bench/synthetic_2000.jsonl --tree /tmp/before
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(corpus: str, repeat: int) -> dict[str, float]:
    """Smallest CPU seconds per article of ``load`` and of every chunk stage, over ``repeat`` runs."""
    from lib import paths
    from lib.corpus import load_corpus
    from lib.stages import CHUNK_STAGES, ChunkTask, _compute

    best: dict[str, float] = {}
    for _ in range(repeat):
        start = time.process_time()
        raw = load_corpus(corpus)
        best["load"] = min(best.get("load", float("inf")), time.process_time() - start)
        task = ChunkTask(0, CHUNK_STAGES, {}, actors=str(paths.ACTORS), topics=str(paths.TOPICS_GENERAL))
        frames = {"raw": raw}
        for stage in CHUNK_STAGES:
            if stage in frames:
                continue  # audit comes with articles
            start = time.process_time()
            frames.update(_compute(stage, frames, task))
            best[stage] = min(best.get(stage, float("inf")), time.process_time() - start)
    return {stage: seconds / len(raw) * 1e3 for stage, seconds in best.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, help="corpus to annotate (read by path)")
    parser.add_argument("--tree", default=str(ROOT), help="checkout whose lib/ to measure (default: this one)")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the smallest time of each stage is kept")
    parser.add_argument("--json", help="append the figures to this JSON-lines file")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(args.tree).resolve()))
    os.chdir(args.tree)
    ms = measure(args.corpus, args.repeat)
    load = os.getloadavg()
    print(f"{args.tree}: CPU ms per article (best of {args.repeat}; load average {load[0]:.1f})")
    for stage, value in ms.items():
        print(f"  {stage:<13} {value:6.3f}")
    print(f"  {'total':<13} {sum(ms.values()):6.3f}")
    if args.json:
        with open(args.json, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"tree": args.tree, "corpus": args.corpus, "load": load[0], "ms": ms}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
