#!/usr/bin/env python
"""Time the portrayal model (tone towards a mention, int8 ONNX on one thread): targets per second, batched and
one call at a time, on the NewsMTSC dev targets (read by path from ../shared/bench, never copied) or, when that
folder is absent, on every (sentence, capitalised word) pair of the bundled corpus's first articles.

    .venv/bin/python benchmarks/portrayal_speed.py               # target: >= 300 targets/s batched
    .venv/bin/python benchmarks/portrayal_speed.py --repeat 3    # best of 3 runs (the machine is shared)

Also prints CPU time per target (all threads), which is what a busy shared machine cannot distort.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.sentiment import model as pm  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench" / "newsmtsc"  # as lib.paths.BENCH


def items(bench: Path) -> tuple[list[tuple[str, int, int]], str]:
    """(text, start, end) targets and where they came from."""
    if bench.is_dir():
        out = []
        for split in ("rw-dev", "mt-dev"):
            for line in (bench / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    out += [(row["sentence_normalized"], t["from"], t["to"]) for t in row["targets"]]
        return out, "NewsMTSC rw-dev + mt-dev"
    from lib.paths import CORPUS

    out = []
    for file in sorted(CORPUS.glob("*.txt"))[:20]:
        for sent in re.split(r"(?<=[.!?])\s+", file.read_text(encoding="utf-8")):
            out += [(sent, m.start(), m.end()) for m in re.finditer(r"\b[A-Z][a-z]{2,}\b", sent)][:3]
    return out, "bundled corpus, first 20 articles"


def timed(fn, *args) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for one call."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn(*args)
    return time.perf_counter() - t0, time.process_time() - c0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=1, help="runs; the best is reported")
    ap.add_argument("--single", type=int, default=300, help="targets for the one-call-at-a-time timing")
    ap.add_argument("--bench", type=Path, default=BENCH, help="folder holding NewsMTSC's rw-dev.jsonl, mt-dev.jsonl")
    args = ap.parse_args()
    data, source = items(args.bench)
    pm.target_polarities(data[:8])  # load the model outside the timing
    batched, cpu = min(timed(pm.target_polarities, data) for _ in range(args.repeat))
    few = data[:args.single]
    single, _ = min(timed(lambda: [pm.target_polarities([i]) for i in few]) for _ in range(args.repeat))
    print(f"portrayal model: {len(data)} targets ({source}), batched {len(data) / batched:.0f} targets/s "
          f"({1000 * cpu / len(data):.1f} ms CPU per target); one call per target {len(few) / single:.0f} targets/s "
          f"(1 thread, int8 ONNX; load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
