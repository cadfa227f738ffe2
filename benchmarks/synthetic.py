"""Synthetic news corpora of any size built from a real one, perturbed so that most sentences are distinct.

    .venv/bin/python benchmarks/synthetic.py --articles 10000 --out /tmp/synth10k.jsonl

Each synthetic article takes the title, date and outlet of a random source article and about ``--words`` words of
its paragraphs (continuing with another article when it is short). Every sentence is perturbed with probability
``--perturb``: one word of four letters or more is replaced by a random word of the corpus vocabulary, so that
repeated source sentences do not collapse into one (repeated sentences are scored once and would flatter every
speed figure). The share of distinct sentences is measured by :func:`distinct_share` and printed.
The source corpus is read by path and never copied into the project.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

# ../shared beside the project (a worktree elsewhere passes --source)
SOURCE = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "allsides_2016_2020" / "articles.jsonl"
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
_LONG_WORD = re.compile(r"\b[A-Za-z]{4,}\b")


def read_source(path: Path = SOURCE) -> list[dict]:
    """The source articles (dicts with doc_id, title, date, outlet, text)."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _perturb(sentence: str, rng: random.Random, vocabulary: list[str]) -> str:
    words = list(_LONG_WORD.finditer(sentence))
    if not words:
        return sentence
    hit = rng.choice(words)
    return sentence[:hit.start()] + rng.choice(vocabulary) + sentence[hit.end():]


def synthetic_articles(source: list[dict], n: int, *, words: int = 600, perturb: float = 0.9, seed: int = 0):
    """Yield ``n`` article dicts of about ``words`` words each (see the module docstring)."""
    rng = random.Random(seed)
    vocabulary = sorted({w for a in source[:500] for w in _LONG_WORD.findall(a["text"])})
    for i in range(n):
        meta = rng.choice(source)
        paragraphs, count, article = [], 0, meta
        while count < words:
            for paragraph in article["text"].split("\n"):
                if not paragraph.strip() or count >= words:
                    continue
                sentences = [_perturb(s, rng, vocabulary) if rng.random() < perturb else s
                             for s in _SENTENCE_END.split(paragraph.strip())]
                paragraphs.append(" ".join(sentences))
                count += len(paragraph.split())
            article = rng.choice(source)
        yield {"doc_id": f"s{i:06d}", "title": meta["title"], "date": meta["date"], "outlet": meta["outlet"],
               "author": meta.get("author", ""), "text": "\n\n".join(paragraphs)}


def write_corpus(out: Path, n: int, *, words: int = 600, perturb: float = 0.9, seed: int = 0,
                 source: Path = SOURCE) -> Path:
    """Write a JSONL corpus of ``n`` synthetic articles to ``out`` (once: an existing file is reused)."""
    if out.is_file():
        return out
    tmp = out.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        for article in synthetic_articles(read_source(source), n, words=words, perturb=perturb, seed=seed):
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    tmp.replace(out)
    return out


def distinct_share(sentence_texts) -> float:
    """Distinct sentence texts / all sentences."""
    texts = list(sentence_texts)
    return len(set(texts)) / max(1, len(texts))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--perturb", type=float, default=0.9)
    ap.add_argument("--source", type=Path, default=SOURCE, help="source JSONL (default ../shared/corpora/allsides…)")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    write_corpus(args.out, args.articles, words=args.words, perturb=args.perturb, source=args.source)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
