#!/usr/bin/env python
"""How often the general topic lexicon's dominant topic per article agrees with a corpus's own topic tags.

Each article's dominant topic is the lexicon topic with the most term hits in its text (ties: no single
topic, counted as a miss). The corpus's tags are mapped to lexicon topics by ``topic_agreement_map.csv``
beside this script, written from the tag names before any score was computed; tags mapped to nothing are
left out. The development corpus (AllSides 2016-2020, US politics) is read by path and never copied. The
lexicon was written from general knowledge and not tuned on it.

Printed: agreement (accuracy) with a 95 % bootstrap interval, the share of articles with no topic hit, a
majority-class baseline (always the most frequent mapped topic), and per-topic precision/recall.

    .venv/bin/python benchmarks/topic_agreement.py
    .venv/bin/python benchmarks/topic_agreement.py --lexicon data/topics_general.csv --limit 2000
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RELATIVE = Path("shared") / "corpora" / "allsides_2016_2020" / "articles.jsonl"
# ../shared beside the project (a git worktree one level deeper finds it one folder further up)
CORPUS = next((p / RELATIVE for p in (ROOT.parent, ROOT.parent.parent) if (p / RELATIVE).is_file()),
              ROOT.parent / RELATIVE)
MAPPING = Path(__file__).resolve().parent / "topic_agreement_map.csv"


def read_mapping(path: Path) -> dict[str, str]:
    """AllSides tag -> lexicon topic ("" = left out of the score)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return {row["tag"].strip(): (row["topic"] or "").strip() for row in csv.DictReader(lines)}


def dominant_topics(articles, lexicon) -> dict[str, str]:
    """doc_id -> the topic with the most hits in the whole text ("" when none or a tie)."""
    import pandas as pd

    from lib.topics import code_sentences

    whole = pd.DataFrame({"doc_id": articles["doc_id"], "sent_id": 0, "start": 0, "text": articles["text"]})
    hits = code_sentences(whole, lexicon)
    counts = hits.groupby(["doc_id", "topic"], observed=True).size().rename("n").reset_index()
    best = {}
    for doc_id, group in counts.groupby("doc_id"):
        top = group["n"].max()
        winners = group.loc[group["n"] == top, "topic"].tolist()
        best[doc_id] = str(winners[0]) if len(winners) == 1 else ""
    return {doc_id: best.get(doc_id, "") for doc_id in articles["doc_id"]}


def bootstrap(correct: list[bool], *, n: int = 1000, seed: int = 0) -> tuple[float, float]:
    import numpy as np

    rng = np.random.default_rng(seed)
    values = np.array(correct, dtype=float)
    means = values[rng.integers(0, len(values), size=(n, len(values)))].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(CORPUS), help="JSONL with text and topic (default: AllSides)")
    ap.add_argument("--lexicon", default=str(ROOT / "data" / "topics_general.csv"))
    ap.add_argument("--mapping", default=str(MAPPING))
    ap.add_argument("--limit", type=int, default=0, help="score only the first N articles (0: all)")
    args = ap.parse_args()

    from lib.corpus import load_corpus
    from lib.topics import load_topics

    start = time.perf_counter()
    articles = load_corpus(args.corpus)
    if args.limit:
        articles = articles.head(args.limit)
    mapping = read_mapping(Path(args.mapping))
    unknown = sorted(set(articles["topic"]) - set(mapping))
    if unknown:
        sys.exit(f"tags missing from {args.mapping}: {', '.join(unknown)}")
    gold = {d: mapping[t] for d, t in zip(articles["doc_id"], articles["topic"]) if mapping[t]}
    predicted = dominant_topics(articles[articles["doc_id"].isin(gold)], load_topics(args.lexicon))
    pairs = [(gold[d], predicted[d]) for d in gold]
    correct = [g == p for g, p in pairs]
    low, high = bootstrap(correct)
    labels = [g for g, _ in pairs]
    majority = max(set(labels), key=labels.count)
    print(f"corpus: {args.corpus} ({len(articles)} articles; {len(pairs)} with a mapped tag)")
    print(f"lexicon: {args.lexicon}")
    print(f"agreement (dominant topic = mapped tag): {sum(correct) / len(pairs):.3f} (95% CI {low:.3f}-{high:.3f})")
    print(f"no single dominant topic (no hit or a tie): {sum(1 for _, p in pairs if not p) / len(pairs):.3f}")
    print(f"majority baseline (always {majority}): {labels.count(majority) / len(labels):.3f}")
    print(f"{'topic':24} {'gold':>6} {'pred':>6} {'prec':>6} {'recall':>6}")
    for topic in sorted(set(labels) | {p for _, p in pairs if p}):
        tp = sum(1 for g, p in pairs if g == p == topic)
        n_gold, n_pred = labels.count(topic), sum(1 for _, p in pairs if p == topic)
        prec = f"{tp / n_pred:.2f}" if n_pred else "-"
        rec = f"{tp / n_gold:.2f}" if n_gold else "-"
        print(f"{topic:24} {n_gold:6d} {n_pred:6d} {prec:>6} {rec:>6}")
    print(f"({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
