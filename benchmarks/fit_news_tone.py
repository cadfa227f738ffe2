#!/usr/bin/env python
"""Fit the learned part of sentence tone's news lexicon (``lib/resources/news_tone.txt``) on NewsMTSC train.

Sentences with one target (label = that target's polarity) from the train split only, read by path. A VADER
word (after the hand-written news adjustments; hand-written rows are never changed) is set to 0.0 when it
occurs in at least ``min_count`` train sentences and their mean label, minus the overall mean, does not lean
its way by ``margin``; then every positive valence is multiplied by ``positive_scale`` (in news, praise words
are a weaker signal than blame words). No word is ever added: words VADER lacks stay toneless (adding them
picks up the training period's names and topics). ``min_count``, ``margin`` and ``positive_scale`` are chosen
by 5-fold cross-validation on train (macro-F1, VADER's ±0.05 band); dev is never read here. Rewrites the
learned section of the resource file.

    .venv/bin/python benchmarks/fit_news_tone.py
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from sentence_tone import classes, macro_f1, single_target  # noqa: E402

from lib import sentiment as S  # noqa: E402
from lib.resources import RESOURCES  # noqa: E402
from lib.sentiment.vader import SCALE  # noqa: E402

GRID = [(n, m, a) for n in (5, 10) for m in (0.1, 0.2) for a in (1.0, 0.8, 0.6, 0.4, 0.3, 0.2)]
MARK = "# learned on NewsMTSC train"
PATH = RESOURCES / "news_tone.txt"


def _words(text: str) -> set[str]:
    return {w.strip(string.punctuation).lower() for w in text.split()}


def learn(data: list[tuple[str, int]], lexicon: dict, *, min_count: int, margin: float) -> dict[str, float]:
    """Learned valences from ``data`` (see the module docstring)."""
    seen: dict[str, list[int]] = {}
    for text, gold in data:
        for w in _words(text):
            seen.setdefault(w, []).append(gold)
    mu = statistics.mean(g for _, g in data)
    out = {}
    for w, golds in sorted(seen.items()):
        lean = statistics.mean(golds) - mu
        v = lexicon.get(w)
        if w not in HAND and len(golds) >= min_count and v and (lean < margin if v > 0 else lean > -margin):
            out[w] = 0.0
    return out


def hand_written(head: str) -> dict[str, float]:
    """The hand-written rows of the resource file (those above the learned section)."""
    rows = [line.split("\t") for line in head.splitlines() if "\t" in line and not line.startswith("#")]
    return {w: float(v) for w, v in rows if w != "word"}


HAND: dict[str, float] = {}


def f1_with(adj: dict[str, float], data: list[tuple[str, int]], scale: float = 1.0) -> float:
    vader = S.load_analyzer(adjustments={**S.NEWS_LEXICON, **HAND, **adj}, positive_scale=scale)
    scores = S.score_texts([t for t, _ in data], vader=vader)["compound"].tolist()
    return macro_f1([g for _, g in data], classes(scores, 0.05))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench" / "newsmtsc")
    train = single_target(ap.parse_args().bench / "train.jsonl")
    HAND.update(hand_written(PATH.read_text(encoding="utf-8").split(MARK)[0]))
    lexicon = S.load_analyzer(adjustments={**S.NEWS_LEXICON, **HAND}).lexicon
    order = list(range(len(train)))
    random.Random(0).shuffle(order)
    folds = [set(order[k::5]) for k in range(5)]
    cv, learned_in = {}, {}
    for n, m, a in GRID:
        if (n, m) not in learned_in:
            learned_in[n, m] = [learn([train[i] for i in order if i not in te], lexicon, min_count=n, margin=m)
                                for te in folds]
        f = [f1_with(adj, [train[i] for i in sorted(te)], a) for adj, te in zip(learned_in[n, m], folds)]
        cv[(n, m, a)] = statistics.mean(f)
        print(f"min_count {n}, margin {m}, positive_scale {a}: cv macro-F1 {cv[(n, m, a)]:.4f}", flush=True)
    n, m, a = max(GRID, key=lambda k: cv[k])
    learned = {SCALE: a, **learn(train, lexicon, min_count=n, margin=m)}
    path, head = PATH, PATH.read_text(encoding="utf-8").split(MARK)[0]
    rows = "".join(f"{w}\t{v}\n" for w, v in learned.items())
    path.write_text(f"{head}{MARK} (min_count {n}, margin {m}, positive_scale {a}; 5-fold cv macro-F1 "
                    f"{cv[(n, m, a)]:.4f}); regenerate with benchmarks/fit_news_tone.py\n{rows}", encoding="utf-8")
    print(f"chosen: min_count {n}, margin {m}, positive_scale {a}; {len(learned)} words -> {path}")


if __name__ == "__main__":
    main()
