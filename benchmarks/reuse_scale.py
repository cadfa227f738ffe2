#!/usr/bin/env python3
"""Shared passages alone on a large corpus: time and peak memory of the stage, read from its Parquet parts.

    .venv/bin/python benchmarks/reuse_scale.py --cache /tmp/media-scale-bench/cache_100000
    .venv/bin/python benchmarks/reuse_scale.py --corpus /tmp/media-scale-bench/synthetic_100000.jsonl \\
        --cache /tmp/media-scale-bench/cache_100000          # builds the sentences stage first if missing

The process reads nothing but the sentences stage (the ``sentences-<key>/part-*.parquet`` files of the cache
folder; ``benchmarks/scale.py`` writes them, or ``--corpus`` builds them here first, not timed), then runs
:func:`lib.reuse.similar_sentences_from_parts` (``--frame``: reads the whole stage into one pandas frame and
runs :func:`lib.reuse.similar_sentences` on it, as a notebook does). Printed: sentences, wall and CPU time of
the step (reading included; CPU summed over its threads), the peak memory of this process (proportional set
size, sampled every 0.2 s in a thread, as in ``benchmarks/scale.py``) and the load average at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from scale import PeakMemory  # noqa: E402


def sentence_parts(cache: Path) -> list[Path]:
    """The parts of the newest complete sentences stage in ``cache``."""
    folders = sorted((f for f in cache.glob("sentences-*") if (f / "_SUCCESS").is_file()),
                     key=lambda f: (f / "_SUCCESS").stat().st_mtime)
    if not folders:
        raise SystemExit(f"no complete sentences stage in {cache}; pass --corpus to build one")
    parts = json.loads((folders[-1] / "_SUCCESS").read_text())["parts"]
    return [folders[-1] / f"part-{i:05d}.parquet" for i in range(parts)]


def build_sentences(corpus: Path, cache: Path, *, workers: int) -> None:
    from lib.pipeline import annotate

    annotate(corpus, cache_dir=cache, workers=workers, progress=True).build(["sentences"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, required=True, help="cache folder holding a sentences stage")
    ap.add_argument("--corpus", type=Path, help="build the sentences stage from this corpus first (not timed)")
    ap.add_argument("--workers", type=int, default=2, help="processes for --corpus")
    ap.add_argument("--frame", action="store_true", help="read the stage as one pandas frame first")
    ap.add_argument("--threshold", type=float, default=0.25)
    ap.add_argument("--top", type=int, default=50)
    args = ap.parse_args()
    if args.corpus:
        build_sentences(args.corpus, args.cache, workers=args.workers)
    files = sentence_parts(args.cache)
    import pandas as pd
    import pyarrow.parquet as pq

    import lib.reuse

    with PeakMemory(every=0.2) as memory:
        start, cpu = time.perf_counter(), time.process_time()
        if args.frame:  # also runs on the code before similar_sentences_from_parts existed
            frame = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
            found = lib.reuse.similar_sentences(frame, threshold=args.threshold, top=args.top)
            del frame
        else:
            found = lib.reuse.similar_sentences_from_parts(files, threshold=args.threshold, top=args.top)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    rows = sum(pq.read_metadata(f).num_rows for f in files)
    print(f"{rows:,} sentences in {len(files)} parts ({'one frame' if args.frame else 'from the parts'}): "
          f"{seconds:.1f} s wall, {cpu:.1f} s CPU (all threads), peak {memory.peak / 1e9:.2f} GB, "
          f"{len(found)} pairs, lowest similarity "
          f"{found['similarity'].min() if len(found) else float('nan'):.3f}; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
