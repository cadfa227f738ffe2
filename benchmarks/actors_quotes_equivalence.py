#!/usr/bin/env python3
"""Check that lib.actors and lib.quotes give exactly the frames of their flat predecessors (before issue 8).

The old ``lib/actors.py`` and ``lib/quotes.py`` are read from git at ``--commit`` (the last commit before the
split) into a temporary folder and imported beside the new packages; both run on the bundled corpus and, with
``--corpus``, on the first ``--limit`` articles of another corpus (read by path, never copied):

    .venv/bin/python benchmarks/actors_quotes_equivalence.py
    .venv/bin/python benchmarks/actors_quotes_equivalence.py \
        --corpus ../shared/corpora/allsides_2016_2020/articles.jsonl --limit 1500

Prints, per corpus, whether the mentions and quotes frames are equal and how long each version took.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib import actors, paths  # noqa: E402
from lib.clean import clean_articles  # noqa: E402
from lib.corpus import load_corpus  # noqa: E402
from lib.quotes import find_quotes  # noqa: E402
from lib.text import sentence_table  # noqa: E402

BEFORE_SPLIT = "6dde234"  # main just before lib/actors.py and lib/quotes.py became packages


def old_module(name: str, commit: str, folder: Path):
    """Import ``lib/<name>.py`` as it was at ``commit`` under the name ``old_<name>``."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:lib/{name}.py"], check=True,
                            capture_output=True, text=True).stdout
    file = folder / f"old_{name}.py"
    file.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"old_{name}", file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def timed(function, *args):
    start = time.perf_counter()
    return function(*args), time.perf_counter() - start


def compare(label: str, articles, old_actors, old_quotes) -> bool:
    table = actors.load_actors(paths.ACTORS)
    old_table = table.frame.drop(columns=["side_words"])  # the old modules knew the side words by heart
    sentences = sentence_table(articles)
    old_m, t_old = timed(old_actors.find_mentions, sentences, old_table)
    new_m, t_new = timed(actors.find_mentions, sentences, table)
    print(f"{label}: {len(articles)} articles; mentions equal: {old_m.equals(new_m)} ({len(new_m)}; "
          f"old {t_old:.2f} s, new {t_new:.2f} s)")
    old_q, t_old = timed(old_quotes.find_quotes, articles, sentences, new_m, old_table)
    new_q, t_new = timed(find_quotes, articles, sentences, new_m, table)
    same = old_q.fillna("<none>").equals(new_q.fillna("<none>"))  # old code could give NaN for None
    print(f"{label}: quotes equal: {same} ({len(new_q)}; old {t_old:.2f} s, new {t_new:.2f} s)")
    return old_m.equals(new_m) and same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commit", default=BEFORE_SPLIT, help="commit holding the flat modules")
    parser.add_argument("--corpus", help="another corpus (folder, CSV, JSONL) to compare on")
    parser.add_argument("--limit", type=int, default=1500, help="articles of --corpus to use (default 1500)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        old_actors = old_module("actors", args.commit, Path(folder))
        old_quotes = old_module("quotes", args.commit, Path(folder))
        ok = compare("bundled corpus", clean_articles(load_corpus(paths.CORPUS))[0], old_actors, old_quotes)
        if args.corpus:
            raw = load_corpus(args.corpus).head(args.limit)
            ok &= compare(f"{args.corpus} (first {args.limit})", clean_articles(raw)[0], old_actors, old_quotes)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
