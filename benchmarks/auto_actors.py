#!/usr/bin/env python
"""The automatic actor table of a corpus: its most mentioned actors with type, mention count and aliases, for a
person to check by eye (is each one typed right, is any person split in two?).

The table is built the way every report builds it with ``-p actors auto`` (``lib.pipeline.annotate``: the
sentences, then ``lib.actors.auto_actor_table``, cached), and mentions are counted with the table as the
reports count them (``find_mentions``). The development corpus (AllSides 2016-2020, US politics, 7,711
articles) is read by path and never copied; its cache goes to a temporary folder unless ``--cache`` is given.

    nice .venv/bin/python benchmarks/auto_actors.py                 # the development corpus, top 30
    .venv/bin/python benchmarks/auto_actors.py --corpus data/corpus --top 15
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RELATIVE = Path("shared") / "corpora" / "allsides_2016_2020" / "articles.jsonl"
# ../shared beside the project (a git worktree one level deeper finds it one folder further up)
CORPUS = next((p / RELATIVE for p in (ROOT.parent, ROOT.parent.parent) if (p / RELATIVE).is_file()),
              ROOT.parent / RELATIVE)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(CORPUS), help="corpus path (default: the development corpus)")
    ap.add_argument("--top", type=int, default=30, help="how many actors to print (most mentioned first)")
    ap.add_argument("--cache", default="", help="annotation cache folder (default: a temporary one)")
    ap.add_argument("--workers", type=int, default=1, help="processes for the annotation")
    args = ap.parse_args(argv)

    import pandas as pd

    from lib.actors import load_actors, mention_counts
    from lib.pipeline import annotate

    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="auto-actors-") as tmp:
        cache = args.cache or tmp
        path = annotate(args.corpus, cache_dir=cache, workers=args.workers).auto_actors_file()
        data = annotate(args.corpus, path, cache_dir=cache, workers=args.workers)  # the bundled corpus too
        built = time.perf_counter() - start
        table = load_actors(path)
        counts = mention_counts(data.mentions, table).sort_values("mentions", ascending=False, kind="stable")
        n_articles = len(data.articles)
        seconds = time.perf_counter() - start
    frame = table.frame.set_index("actor_id")
    top = counts[["actor_id", "name", "type", "mentions"]].head(args.top).copy()
    top["aliases"] = top["actor_id"].map(frame["aliases"])
    top.index = range(1, len(top) + 1)
    with pd.option_context("display.width", 200, "display.max_colwidth", 70):
        print(top.to_string())
    print(f"\n{n_articles} articles; automatic table: {len(table)} actors "
          f"({', '.join(f'{t} {n}' for t, n in frame['type'].value_counts().items())}); "
          f"table built in {built:.0f} s, with mentions {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
