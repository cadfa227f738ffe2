#!/usr/bin/env python3
"""Time every annotation stage on a large synthetic corpus: does the pipeline scale to thousands of articles?

    .venv/bin/python benchmarks/corpus_scale.py                    # 2,000 articles built from the bundled corpus
    .venv/bin/python benchmarks/corpus_scale.py --articles 5000 --source ../shared/bench/newsmtsc/train.jsonl

Articles are written to a temporary folder as .txt files and read back through lib.pipeline.annotate (no cache),
so loading, cleaning, sentences, actor mentions, quotes, sentence tone, topic coding and shared-passage
detection are all timed as a user would run them. By default each article is 30 lines drawn from the bundled
articles (heavily repeated text: the worst case for reuse detection); --source takes sentences from a JSONL
file with a `sentence_normalized` field instead (read by path, never copied into the project).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def source_lines(source: Path | None) -> list[str]:
    if source is None:
        return [line for p in sorted((ROOT / "data" / "corpus").glob("*.txt"))
                for line in p.read_text(encoding="utf-8").splitlines() if len(line.split()) > 6]
    return sorted({json.loads(line)["sentence_normalized"] for line in source.read_text(encoding="utf-8").splitlines()
                   if line.strip()})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000, help="number of articles (default 2000)")
    ap.add_argument("--lines", type=int, default=30, help="lines per article (default 30)")
    ap.add_argument("--source", type=Path, help="JSONL with sentence_normalized (default: the bundled corpus)")
    args = ap.parse_args()
    from lib import paths
    from lib.pipeline import annotate
    from lib.reuse import similar_sentences

    lines = source_lines(args.source)
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for i in range(args.articles):
            (folder / f"a{i:05d}.txt").write_text("\n".join(rng.choices(lines, k=args.lines)), encoding="utf-8")
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        print(f"{args.articles} articles, {size:.1f} MB, {len(lines)} distinct source lines")
        total = time.perf_counter()
        start = time.perf_counter()
        data = annotate(folder, actors=paths.ACTORS, topics=paths.TOPICS, cache=False)
        print(f"  load + clean      {time.perf_counter() - start:6.1f} s")
        for stage in ("sentences", "mentions", "quotes", "tones", "topic_hits"):
            start = time.perf_counter()
            frame = getattr(data, stage)
            print(f"  {stage:<17} {time.perf_counter() - start:6.1f} s  ({len(frame):,} rows)")
        start = time.perf_counter()
        shared = similar_sentences(data.sentences, top=50)
        print(f"  shared passages   {time.perf_counter() - start:6.1f} s  ({len(shared)} pairs shown)")
        print(f"total {time.perf_counter() - total:.1f} s")


if __name__ == "__main__":
    main()
