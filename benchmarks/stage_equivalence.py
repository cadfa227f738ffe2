#!/usr/bin/env python3
"""Check that the chunk stages give exactly the frames they gave at an earlier commit (speed work, issue 12).

The library at ``--commit`` is exported from git into a temporary folder; both it and this tree compute
``sentences, mentions, quotes, topic_hits, raw_mentions`` (through ``lib.stages``, chunk by chunk of
``--chunk-size`` articles like the pipeline) from the SAME cleaned articles and raw text (cleaned once by this
tree, so work on cleaning elsewhere does not show up here), on the bundled corpus and, with ``--corpus``, on
the first ``--limit`` articles of another corpus (read by path):

    .venv/bin/python benchmarks/stage_equivalence.py --commit 0cf4a51
    .venv/bin/python benchmarks/stage_equivalence.py --commit 0cf4a51 \
        --corpus /tmp/scale/bench/synthetic_2000.jsonl --limit 2000

Each version runs in its own process, one after the other (tables compiled and NLTK imported before the
clock starts). Prints, per corpus and stage, whether the frames are equal (values, dtypes, row order) and the
CPU milliseconds per article each version took. Exit status 1 if any differs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("sentences", "mentions", "quotes", "topic_hits", "raw_mentions")


def dump(folder: Path, actors: str, topics: str, chunk_size: int) -> None:
    """Compute the stages from ``folder/raw.pkl`` and ``folder/articles.pkl`` with whatever ``lib`` is on the
    path, chunk by chunk as ``lib.stages.run_chunk`` does; write ``<stage>.pkl`` and ``timings.json`` (CPU
    seconds per stage) into the folder named by ``EQUIVALENCE_OUT``."""
    import pandas as pd

    from lib import stages
    from lib.text import check_resources

    check_resources()  # imports NLTK and builds the sentence splitter before the clock starts
    raw, articles = pd.read_pickle(folder / "raw.pkl"), pd.read_pickle(folder / "articles.pkl")
    task = stages.ChunkTask(index=0, todo=STAGES, stores={}, actors=actors, topics=topics)
    stages._table(task, "actors"), stages._table(task, "topics")  # compile the tables before timing
    stages._actor_table(actors, Path(actors).stat().st_mtime)
    timings, parts = dict.fromkeys(STAGES, 0.0), {stage: [] for stage in STAGES}
    for first in range(0, len(raw), chunk_size):
        frames = {"raw": raw.iloc[first:first + chunk_size], "articles": articles.iloc[first:first + chunk_size]}
        for stage in STAGES:
            start = time.process_time()
            frames.update(stages._compute(stage, frames, task))
            timings[stage] += time.process_time() - start
            parts[stage].append(frames[stage])
    out = Path(os.environ["EQUIVALENCE_OUT"])
    out.mkdir(parents=True, exist_ok=True)
    for stage in STAGES:
        pd.concat(parts[stage], ignore_index=True).to_pickle(out / f"{stage}.pkl")
    (out / "timings.json").write_text(json.dumps(timings))


def export(commit: str, folder: Path) -> Path:
    """``lib/`` (and ``data/``'s resources it reads) at ``commit``, unpacked under ``folder``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "lib"], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def run_version(lib_root: Path, work: Path, out: Path, actors: str, topics: str,
                chunk_size: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(lib_root), "EQUIVALENCE_OUT": str(out)}
    subprocess.run([sys.executable, __file__, "--dump", str(work), "--actors", actors, "--topics", topics,
                    "--chunk-size", str(chunk_size)], check=True, env=env, cwd=ROOT)
    return json.loads((out / "timings.json").read_text())


def compare(label: str, corpus: str, limit: int | None, old_root: Path, args) -> bool:
    sys.path.insert(0, str(ROOT))
    from lib.clean import clean_articles
    from lib.corpus import load_corpus

    raw = load_corpus(corpus)
    raw = raw.iloc[:limit] if limit else raw
    articles, _ = clean_articles(raw)
    import pandas as pd

    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        raw.to_pickle(work / "raw.pkl")
        articles.to_pickle(work / "articles.pkl")
        old_t = run_version(old_root, work, work / "old", args.actors, args.topics, args.chunk_size)
        new_t = run_version(ROOT, work, work / "new", args.actors, args.topics, args.chunk_size)
        for stage in STAGES:
            old, new = pd.read_pickle(work / "old" / f"{stage}.pkl"), pd.read_pickle(work / "new" / f"{stage}.pkl")
            same = old.equals(new) and old.dtypes.equals(new.dtypes) and list(old.columns) == list(new.columns)
            ok &= same
            print(f"{label}: {stage:13s} equal: {same!s:5s} rows {len(new):7d}; ms/article old "
                  f"{1000 * old_t[stage] / len(raw):6.2f}, new {1000 * new_t[stage] / len(raw):6.2f}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commit", default="main", help="the commit to compare with (default: main)")
    parser.add_argument("--corpus", help="another corpus (folder, CSV, JSONL) to compare on")
    parser.add_argument("--limit", type=int, default=2000, help="articles of --corpus to use (default 2000)")
    parser.add_argument("--actors", default=str(ROOT / "data" / "actors.csv"))
    parser.add_argument("--topics", default=str(ROOT / "data" / "topics_general.csv"))
    parser.add_argument("--chunk-size", type=int, default=500, help="articles per chunk, as lib.pipeline (500)")
    parser.add_argument("--dump", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump(Path(args.dump), args.actors, args.topics, args.chunk_size)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        old_root = export(args.commit, Path(tmp))
        ok = compare("bundled corpus", str(ROOT / "data" / "corpus"), None, old_root, args)
        if args.corpus:
            ok &= compare(Path(args.corpus).name, args.corpus, args.limit, old_root, args)
    print("all equal" if ok else "DIFFERENCES FOUND")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
