#!/usr/bin/env python3
"""Check that cleaning and sentence tone give exactly the frames of their slower predecessors (issue 12).

``lib/clean.py`` and ``lib/sentiment/batch.py`` are read from git at ``--commit`` (main before the speed-up)
into a temporary folder and imported beside the current modules; both versions clean the same raw articles
(``articles`` and ``audit`` must be equal) and score the same sentences (``tones``: equal ids, scores equal
within 1e-9). Runs on the bundled corpus and on every ``--corpus`` (read by path, never copied):

    .venv/bin/python benchmarks/clean_tone_equivalence.py \
        --corpus /tmp/scale/bench/synthetic_2000.jsonl ../shared/corpora/allsides_2016_2020/articles.jsonl

Prints, per corpus, whether each frame is equal and the CPU milliseconds per article of each version; with
``--nltk`` the tones are also compared with NLTK's ``polarity_scores``, one distinct sentence at a time.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib import paths  # noqa: E402
from lib.clean import clean_articles  # noqa: E402
from lib.corpus import load_corpus  # noqa: E402
from lib.sentiment import prepare, score_sentences, tone_analyzer  # noqa: E402
from lib.text import sentence_table  # noqa: E402

BEFORE = "0cf4a51"  # main before issue 12's cleaning and tone speed-up
TOLERANCE = 1e-9


def old_module(path: str, commit: str, folder: Path):
    """Import ``path`` (a file of this repository) as it was at ``commit``, as module ``old_<stem>``."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{path}"], check=True,
                            capture_output=True, text=True).stdout
    name = "old_" + Path(path).stem
    file = folder / f"{name}.py"
    file.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def timed(function, *args):
    """``function(*args)`` and the CPU seconds it took."""
    start = time.process_time()
    return function(*args), time.process_time() - start


def compare_clean(label: str, raw, old_clean) -> tuple[bool, object]:
    (old_a, old_audit), t_old = timed(old_clean.clean_articles, raw)
    (new_a, new_audit), t_new = timed(clean_articles, raw)
    same = old_a.equals(new_a) and old_audit.equals(new_audit)
    n = len(raw)
    print(f"{label}: {n} articles; articles and audit equal: {same} ({len(new_audit)} audit rows; "
          f"old {t_old / n * 1e3:.3f} ms/article, new {t_new / n * 1e3:.3f} ms/article)")
    return same, new_a


def compare_nltk(label: str, sentences, new) -> bool:
    """The new tones against NLTK's ``polarity_scores`` of the same analyzer, one distinct sentence at a time."""
    vader = tone_analyzer()
    scores = {}
    for text in dict.fromkeys(sentences["text"]):
        s = vader.polarity_scores(prepare(text))
        scores[text] = (s["compound"], s["pos"], s["neu"], s["neg"])
    ref = np.array([scores[t] for t in sentences["text"]]).reshape(-1, 4)
    diff = float(np.abs(ref - new[["compound", "pos", "neu", "neg"]].to_numpy()).max()) if len(new) else 0.0
    print(f"{label}: tones equal to NLTK's polarity_scores one sentence at a time: {diff <= TOLERANCE} "
          f"({len(scores)} distinct sentences; largest difference {diff:.1e})")
    return diff <= TOLERANCE


def compare_tones(label: str, articles, old_batch, *, nltk: bool = False) -> bool:
    sentences = sentence_table(articles)
    old, t_old = timed(old_batch.score_sentences, sentences)
    new, t_new = timed(score_sentences, sentences)
    ids = old[["doc_id", "sent_id"]].equals(new[["doc_id", "sent_id"]]) and list(old.columns) == list(new.columns)
    cols = ["compound", "pos", "neu", "neg"]
    diff = float(np.abs(old[cols].to_numpy() - new[cols].to_numpy()).max()) if len(new) else 0.0
    same = ids and diff <= TOLERANCE
    n = len(articles)
    print(f"{label}: {len(sentences)} sentences ({sentences['text'].nunique()} distinct); tones equal: {same} "
          f"(largest difference {diff:.1e}; old {t_old / n * 1e3:.3f} ms/article, new {t_new / n * 1e3:.3f})")
    return same and (compare_nltk(label, sentences, new) if nltk else True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commit", default=BEFORE, help="commit holding the slower modules")
    parser.add_argument("--corpus", nargs="*", default=[], help="more corpora (folder, CSV, JSONL) to compare on")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles of each --corpus")
    parser.add_argument("--nltk", action="store_true", help="also compare the tones with NLTK itself (slow)")
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        old_clean = old_module("lib/clean.py", args.commit, Path(folder))
        old_batch = old_module("lib/sentiment/batch.py", args.commit, Path(folder))
        for label in [str(paths.CORPUS), *args.corpus]:
            raw = load_corpus(label)
            raw = raw.head(args.limit) if args.limit and label in args.corpus else raw
            same, articles = compare_clean(label, raw, old_clean)
            ok &= same
            ok &= compare_tones(label, articles, old_batch, nltk=args.nltk)
    print("all equal" if ok else "DIFFERENCES FOUND")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
