#!/usr/bin/env python3
"""Scale benchmark: synthetic corpora of 10k, 30k and 100k articles through every annotation stage.

    .venv/bin/python benchmarks/scale.py --sizes 10000 30000 --workers 2
    .venv/bin/python benchmarks/scale.py --sizes 100000 --source PATH/TO/allsides_2016_2020/articles.jsonl

Corpora are built by ``benchmarks/synthetic.py`` from the development corpus (read by path; ~600 words per
article, 90 % of sentences perturbed by one word) into ``--workdir`` and kept there for the next run. Each size
runs on a cold cache: ``annotate()`` checksums the corpus bytes and streams it into the ``raw`` stage (one
Parquet part per chunk, never held whole), then builds load-and-clean, sentences,
mentions, quotes, sentence tone and topics in chunks on ``--workers`` processes; shared passages then run on
the whole corpus. Printed: the share of distinct sentences (repeated sentences are scored once and would
flatter the figures), wall time per step, CPU seconds per stage (summed over the worker processes), articles
per second, and the peak memory of the whole process tree (proportional set size, sampled every 0.5 s with psutil).
``--skip-reuse`` stops after annotation; ``--keep-cache`` reuses the cache of an earlier run (to time shared
passages alone on a corpus annotated before).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import SOURCE, write_corpus  # noqa: E402

STAGES = ("articles", "audit", "sentences", "mentions", "quotes", "tones", "topic_hits")


class PeakMemory:
    """Peak resident memory of this process and all its children, sampled in a thread."""

    def __init__(self, every: float = 0.5) -> None:
        import psutil

        self.process, self.every, self.peak, self._stop = psutil.Process(), every, 0, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for p in [self.process, *self.process.children(recursive=True)]:
                try:  # PSS: pages shared with forked workers are counted once, not once per process
                    total += p.memory_full_info().pss
                except Exception:  # a child that just ended
                    pass
            self.peak = max(self.peak, total)
            time.sleep(self.every)

    def __enter__(self) -> PeakMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self.thread.join()


def run_size(corpus: Path, n: int, *, workers: int, cache_dir: Path, reuse: bool = True, cold: bool = True) -> dict:
    """Annotate one corpus (on a cold cache unless ``cold`` is False); return the measurements."""
    from lib import paths
    from lib.pipeline import annotate

    if cold:
        shutil.rmtree(cache_dir, ignore_errors=True)
    out: dict = {"articles": n, "workers": workers}
    with PeakMemory() as annotation_memory:
        start = time.perf_counter()
        data = annotate(corpus, paths.ACTORS, paths.TOPICS, cache_dir=cache_dir, workers=workers, progress=True)
        out["load_s"] = time.perf_counter() - start
        out["raw_s"] = data.load_seconds  # reading the corpus into the raw stage (load_s adds the checksum)
        data.build(STAGES)
        out["annotate_s"] = time.perf_counter() - start
    out["stage_cpu_s"] = {k: round(v, 1) for k, v in data.timings.items()}
    out["annotate_peak_gb"] = annotation_memory.peak / 1e9
    out["articles_per_s"] = n / out["annotate_s"]
    if not reuse:
        return out
    with PeakMemory() as reuse_memory:
        start = time.perf_counter()
        shared = data.shared_passages()
        out["shared_passages_s"] = time.perf_counter() - start
    out["shared_passages_peak_gb"] = reuse_memory.peak / 1e9
    out["shared_pairs"] = len(shared)
    sentences = data.sentences
    out["sentences"] = len(sentences)
    out["distinct_sentence_share"] = sentences["text"].nunique() / max(1, len(sentences))
    out["total_s"] = out["annotate_s"] + out["shared_passages_s"]
    out["peak_gb"] = max(out["annotate_peak_gb"], out["shared_passages_peak_gb"])
    return out


def report(m: dict) -> str:
    if "shared_pairs" not in m:
        return (f"{m['articles']:>7,} articles: checksum + raw stage {m['load_s']:.1f} s; "
                f"annotation {m['annotate_s']:.1f} s "
                f"({m['articles_per_s']:.0f} articles/s, peak {m['annotate_peak_gb']:.2f} GB); "
                f"CPU s per stage: {m['stage_cpu_s']}")
    stages = ", ".join(f"{k} {v:.0f}" for k, v in m["stage_cpu_s"].items() if k != "audit")
    share = m["distinct_sentence_share"]
    return (f"{m['articles']:>7,} articles, {m['sentences']:,} sentences ({share:.1%} distinct)\n"
            f"  checksum + raw stage {m['load_s']:7.1f} s  (raw stage {m.get('raw_s', 0):.1f} s)\n"
            f"  annotation stages    {m['annotate_s']:7.1f} s wall  ({m['articles_per_s']:.0f} articles/s, "
            f"{m['workers']} workers, peak {m['annotate_peak_gb']:.2f} GB)\n"
            f"    CPU s per stage: {stages}\n"
            f"  shared passages      {m['shared_passages_s']:7.1f} s wall  "
            f"(peak {m['shared_passages_peak_gb']:.2f} GB, "
            f"{m['shared_pairs']} pairs)\n"
            f"  total                {m['total_s']:7.1f} s, peak {m['peak_gb']:.2f} GB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--source", type=Path, default=SOURCE, help="JSONL corpus to build from (read by path)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/media-scale-bench"), help="corpora and caches")
    ap.add_argument("--skip-reuse", action="store_true", help="stop after the annotation stages")
    ap.add_argument("--keep-cache", action="store_true", help="start from the cache of an earlier run")
    ap.add_argument("--json", type=Path, help="append the measurements to this JSON-lines file")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        corpus = write_corpus(args.workdir / f"synthetic_{n}.jsonl", n, source=args.source)
        measured = run_size(corpus, n, workers=args.workers, cache_dir=args.workdir / f"cache_{n}",
                            reuse=not args.skip_reuse, cold=not args.keep_cache)
        print(report(measured), flush=True)
        if args.json:
            with args.json.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(measured) + "\n")


if __name__ == "__main__":
    main()
