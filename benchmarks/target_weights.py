#!/usr/bin/env python
"""Re-fit the target-tone weights on the NewsMTSC training split and print their cross-validated macro-F1.

Reads ``../shared/bench/newsmtsc/train.jsonl`` by path (never copied), computes the cues of every target once,
fits ``lib.sentiment.fit_target_weights``'s model (``c=0.3``), says whether the result equals the shipped
``lib/resources/target_weights.txt``, and prints 5-fold stratified cross-validated macro-F1 on the training
split (without and with balanced class weights). The dev splits are never used here. About a minute on 2 cores.

    .venv/bin/python benchmarks/target_weights.py
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LABELS = {2.0: -1, 4.0: 0, 6.0: 1}


def load_items(path: Path) -> list[tuple[str, int, int, int]]:
    """``(text, start, end, label)`` for every target of a NewsMTSC JSONL file."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [(r["sentence_normalized"], t["from"], t["to"], LABELS[t["polarity"]]) for r in rows for t in r["targets"]]


def main(argv: list[str] | None = None) -> int:
    from lib import paths

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=Path, default=paths.BENCH / "newsmtsc" / "train.jsonl")
    ap.add_argument("--c", type=float, default=0.3, help="inverse regularisation (default 0.3, as shipped)")
    args = ap.parse_args(argv)
    if not args.train.is_file():
        ap.error(f"{args.train} not found (the NewsMTSC training split from ../shared/bench)")

    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score

    from lib.sentiment import TARGET_FEATURES, TARGET_WEIGHTS, target_features
    from lib.sentiment.target import fit_weights_from_features

    items = load_items(args.train)
    x = np.array([[target_features(t, a, b)[k] for k in TARGET_FEATURES] for t, a, b, _ in items])
    y = np.array([label for *_, label in items])
    weights = fit_weights_from_features(x, y, c=args.c)
    print(f"train: {len(items):,} targets; fitted weights identical to the shipped ones: {weights == TARGET_WEIGHTS}")
    for balance in (None, "balanced"):
        model = LogisticRegression(C=args.c, max_iter=5000, class_weight=balance)
        scores = cross_val_score(model, x, y, cv=5, scoring="f1_macro")
        print(f"5-fold stratified CV macro-F1 (class_weight={balance}): {scores.mean():.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
