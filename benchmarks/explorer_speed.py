#!/usr/bin/env python3
"""How fast the explorer answers: a word, a phrase, a wildcard, an actor pick and a filter change.

    .venv/bin/python benchmarks/explorer_speed.py                       # the development corpus (7,711 articles)
    .venv/bin/python benchmarks/explorer_speed.py --corpus data/corpus  # any corpus

Each action is the explorer's own widget callback (the same code JupyterLab runs, output discarded), timed
five times once the annotations are cached; the median is printed. Target: under 0.5 s each. Building the word
index once per session is timed separately.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "corpora" / "allsides_2016_2020" / "articles.jsonl"


def timed(action, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEV))
    parser.add_argument("--actors", default="data/actors.csv")
    parser.add_argument("--topics", default="data/topics.csv")
    args = parser.parse_args()

    from lib.explore import ExplorerData
    from lib.explore.widgets import Explorer
    from lib.pipeline import annotate

    start = time.perf_counter()
    corpus = annotate(args.corpus, args.actors, args.topics, errors="skip")
    data = ExplorerData.from_annotated(corpus)
    print(f"{len(corpus.articles):,} articles, {len(corpus.sentences):,} sentences; annotations and evidence "
          f"ready in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    data = ExplorerData(data.articles, data.sentences, data.mentions, data.quotes, data.topic_hits, data.evidence,
                        data.names)
    print(f"word index ({len(data.index.vocabulary):,} words): {time.perf_counter() - start:.2f} s")
    with contextlib.redirect_stdout(io.StringIO()):
        explorer = Explorer(data, out_dir="/tmp/explorer_speed")
        explorer.show()
    actors = data.mentions["actor_id"].value_counts().index.tolist()
    column = next(iter(explorer.column.options[1:]), None)
    values = data.articles[column].astype(str).value_counts().index.tolist() if column else []

    def query(text):
        def run():
            explorer.query.value = ""
            explorer.query.value = text
        return run

    def pick(actor_a, actor_b):
        def run():
            explorer.actor.value = actor_b
            explorer.actor.value = actor_a
        return run

    def filter_change():
        if column:
            explorer.column.value = column
            explorer.values.value = tuple(values[:1])
            explorer.values.value = tuple(values[:2])
        else:
            explorer.date_from.value = "2000-01-01"
            explorer.date_from.value = ""

    with contextlib.redirect_stdout(io.StringIO()):
        explorer.query.value = "president"
    results = {
        "word query (president)": timed(query("president")),
        "phrase query (health care)": timed(query("health care")),
        "wildcard query (negotiat*)": timed(query("negotiat*")),
        f"actor pick ({actors[0]})": timed(pick(actors[0], actors[1])) / 2,
        f"filter change ({column or 'date'}, all views redrawn)": timed(filter_change) / 2,
    }
    for name, seconds in results.items():
        print(f"{name:45s} {seconds:6.3f} s  {'ok' if seconds < 0.5 else 'SLOW (target 0.5 s)'}")
    return 0 if all(s < 0.5 for s in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
