#!/usr/bin/env python
"""Sentence tone against human labels of news sentences: NewsMTSC sentences with a single target, the sentence's
polarity taken as that target's (rw-dev: 299 sentences). Three-class macro-F1 of plain VADER (NLTK, compound
with the usual ±0.05 neutral band) against the library's news-aware sentence tone (``sentence_score``: VADER's
rules with ``news_lexicon.txt`` and ``news_tone.txt``, the latter partly fitted on train by
``benchmarks/fit_news_tone.py``). Any setting is chosen on train's single-target sentences only (here also an
alternative neutral band, for information), and dev only reports. Data read by path, never copied.

    .venv/bin/python benchmarks/sentence_tone.py
    .venv/bin/python benchmarks/sentence_tone.py --bench ../shared/bench/newsmtsc
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib import sentiment as S  # noqa: E402

POLARITY = {2.0: -1, 4.0: 0, 6.0: 1}
BANDS = [0.05 * k for k in range(1, 13)]


def single_target(path: Path) -> list[tuple[str, int]]:
    """(sentence, label) for each sentence with exactly one target."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if len(row["targets"]) == 1:
                out.append((row["sentence_normalized"], POLARITY[row["targets"][0]["polarity"]]))
    return out


def macro_f1(gold: list[int], pred: list[int]) -> float:
    scores = []
    for c in (-1, 0, 1):
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / 3


def classes(scores: list[float], band: float) -> list[int]:
    return [1 if s > band else (-1 if s < -band else 0) for s in scores]


def methods() -> dict[str, Callable[[str], float]]:
    """Plain VADER and every sentence scorer the library offers."""
    plain, news = S.analyzer(), S.news_analyzer()
    return {"plain VADER (NLTK)": lambda t: plain.polarity_scores(t)["compound"],
            "VADER + target tone's news lexicon only": lambda t: news.polarity_scores(S.prepare(t))["compound"],
            "lib.sentiment.sentence_score (news-aware)": S.sentence_score}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench" / "newsmtsc")
    args = ap.parse_args()
    train, dev = single_target(args.bench / "train.jsonl"), single_target(args.bench / "rw-dev.jsonl")
    gold_train, gold_dev = [g for _, g in train], [g for _, g in dev]
    print(f"single-target sentences: train {len(train)}, rw-dev {len(dev)}")
    dev_f1 = {}
    for name, score in methods().items():
        s_train, s_dev = [score(t) for t, _ in train], [score(t) for t, _ in dev]
        dev_f1[name] = macro_f1(gold_dev, classes(s_dev, 0.05))
        band = max(BANDS, key=lambda b: macro_f1(gold_train, classes(s_train, b)))
        print(f"{name}: rw-dev macro-F1 {macro_f1(gold_dev, classes(s_dev, 0.05)):.3f} (band ±0.05); "
              f"band ±{band:.2f} chosen on train (train {macro_f1(gold_train, classes(s_train, band)):.3f}) "
              f"-> rw-dev {macro_f1(gold_dev, classes(s_dev, band)):.3f}")
    first, last = list(dev_f1.values())[0], list(dev_f1.values())[-1]
    print(f"news-aware minus plain VADER on rw-dev (band ±0.05): {last - first:+.3f} (goal: +0.08)")


if __name__ == "__main__":
    main()
