#!/usr/bin/env python3
"""Loading alone: time and peak memory of reading a corpus into the ``raw`` stage, streamed or whole.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/stream_load.py /tmp/scale/bench/synthetic_100000.jsonl
    PYTHONPATH=$PWD .venv/bin/python benchmarks/stream_load.py CORPUS --whole   # load_corpus + corpus_checksum

Streamed: ``lib.corpus.read_chunks`` writes one Parquet part per chunk of 500 articles (what
``lib.pipeline.annotate`` does before any stage runs), after the cheap checksum of the bytes. Whole: the loader
of before, ``load_corpus`` then ``corpus_checksum``, holding the corpus in memory. Peak memory is the
proportional set size of this process, sampled every 0.2 s (``benchmarks/scale.py``'s sampler).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale import PeakMemory  # noqa: E402


def streamed(corpus: Path, folder: Path, chunk_size: int) -> dict:
    from lib.cache import StageStore
    from lib.corpus import corpus_fingerprint, read_chunks

    start = time.perf_counter()
    checksum = corpus_fingerprint(corpus)
    checked = time.perf_counter() - start
    store = StageStore(folder, "raw", checksum[:16])
    with read_chunks(corpus, chunk_size=chunk_size, spool=folder) as chunks:
        parsed = time.perf_counter() - start
        for i, frame in enumerate(chunks):
            store.write_part(i, frame)
        store.finish(len(chunks))
    return {"articles": chunks.summary.articles, "checksum_s": checked, "read_s": parsed - checked,
            "write_s": time.perf_counter() - start - parsed}


def whole(corpus: Path) -> dict:
    from lib.corpus import corpus_checksum, load_corpus

    start = time.perf_counter()
    frame = load_corpus(corpus)
    corpus_checksum(frame)
    return {"articles": len(frame), "load_s": time.perf_counter() - start}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--whole", action="store_true", help="load_corpus + corpus_checksum instead")
    ap.add_argument("--chunk-size", type=int, default=500)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="stream-load-") as folder, PeakMemory(every=0.2) as memory:
        found = whole(args.corpus) if args.whole else streamed(args.corpus, Path(folder), args.chunk_size)
    seconds = ", ".join(f"{k} {v:.1f}" for k, v in found.items() if k.endswith("_s"))
    print(f"{'whole' if args.whole else 'streamed'}: {found['articles']:,} articles; {seconds}; "
          f"peak {memory.peak / 1e9:.2f} GB (PSS)")


if __name__ == "__main__":
    main()
