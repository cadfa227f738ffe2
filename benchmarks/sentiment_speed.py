#!/usr/bin/env python
"""Time sentence tone on a corpus of 40,000+ sentences: plain NLTK VADER, one sentence at a time, against
``lib.sentiment.score_texts`` with plain VADER (``vader=analyzer()``: same rules and lexicon, plain ``re``,
duplicates scored once, a process pool), and check that both give identical ``compound, pos, neu, neg`` for
every sentence. (The default analyzer of ``score_texts`` is the news-aware one, whose scores differ by design.)

The sentences are built at run time, never stored: the bundled corpus's sentences, NewsMTSC sentences read by
path from ../shared/bench when that folder exists, and splices of two random sentences (first half of one,
second half of another) until ``--n`` is reached, plus edge cases (no letters, one very long sentence).

    .venv/bin/python benchmarks/sentiment_speed.py                # 40,000 sentences, 2 workers
    .venv/bin/python benchmarks/sentiment_speed.py --n 100000 --workers 1
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EDGE_CASES = ["", "   ", "—", "123 456 789", "!!! ???", ":-) ;-)", "“”", "a", "NOT GOOD AT ALL!!!"]


def base_sentences() -> list[str]:
    """Sentences of the bundled corpus, plus NewsMTSC sentences when ../shared/bench is present (read only)."""
    from lib import paths
    from lib.clean import clean_articles
    from lib.corpus import load_corpus
    from lib.text import sentence_table

    articles, _ = clean_articles(load_corpus(paths.CORPUS))
    out = sentence_table(articles)["text"].tolist()
    for name in ("train", "rw-dev", "mt-dev"):
        file = paths.BENCH / "newsmtsc" / f"{name}.jsonl"
        if file.is_file():
            out += [json.loads(line)["sentence_normalized"] for line in file.open(encoding="utf-8") if line.strip()]
    return list(dict.fromkeys(out))


def build_corpus(n: int, *, seed: int = 0, long_words: int = 50_000) -> list[str]:
    """``n`` sentences: base sentences, then splices of two random ones, then edge cases and one long text."""
    rng = random.Random(seed)
    base = base_sentences()
    words = [s.split() for s in base]
    out = list(base)
    while len(out) < n - len(EDGE_CASES) - 1:
        a, b = rng.choice(words), rng.choice(words)
        out.append(" ".join(a[: max(1, len(a) // 2)] + b[len(b) // 2:]))
    long_text = " ".join(rng.choice(rng.choice(words)) for _ in range(long_words))
    return out[: n - len(EDGE_CASES) - 1] + EDGE_CASES + [long_text]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=40_000, help="number of sentences (default 40000)")
    ap.add_argument("--workers", type=int, default=2, help="processes for the fast path (default 2)")
    ap.add_argument("--seed", type=int, default=0, help="seed for the spliced sentences (default 0)")
    args = ap.parse_args(argv)
    if args.n < 100:
        ap.error("--n must be at least 100")

    from lib.sentiment import analyzer, prepare, score_texts

    texts = build_corpus(args.n, seed=args.seed)
    print(f"corpus: {len(texts):,} sentences, {len(set(texts)):,} distinct, "
          f"longest {max(map(len, texts)):,} characters")
    vader = analyzer()  # load outside the timings

    t0 = time.perf_counter()
    reference = []
    for text in texts:
        s = vader.polarity_scores(prepare(text))
        reference.append((s["compound"], s["pos"], s["neu"], s["neg"]))
    t_ref = time.perf_counter() - t0

    t0 = time.perf_counter()
    fast = score_texts(texts, workers=args.workers, vader=vader)  # the plain path: must equal NLTK exactly
    t_fast = time.perf_counter() - t0

    got = list(fast[["compound", "pos", "neu", "neg"]].itertuples(index=False, name=None))
    differ = sum(1 for r, g in zip(reference, got) if r != g)
    print(f"plain NLTK, one at a time: {t_ref:6.2f} s  {len(texts) / t_ref:9,.0f} sentences/s")
    print(f"score_texts, {args.workers} worker(s):  {t_fast:6.2f} s  {len(texts) / t_fast:9,.0f} sentences/s"
          f"  ({t_ref / t_fast:.1f}x)")
    print(f"identical: {differ == 0} ({differ} of {len(texts):,} differ)")
    assert differ == 0, "fast path differs from plain NLTK VADER"
    return 0


if __name__ == "__main__":
    sys.exit(main())
