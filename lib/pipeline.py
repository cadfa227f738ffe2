"""One annotated corpus: every frame a notebook needs, built once and cached on disk.

>>> corpus = annotate("data/corpus", actors="data/actors.csv", topics="data/topics.csv")  # doctest: +SKIP
>>> corpus.mentions.head()                                                                 # doctest: +SKIP

Frames are computed on first use (a notebook about the corpus never pays for sentiment) and stored as
Parquet under ``.cache/<key>/``, where the key is a hash of the raw corpus, the actor and topic tables, and the
library's source code, so any change to one of them rebuilds what depends on it.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from lib import paths
from lib.corpus import corpus_checksum, load_corpus
from lib.errors import InputError

if TYPE_CHECKING:
    from lib.actors import ActorTable

__all__ = ["Annotated", "annotate"]


class Annotated:
    """The corpus and its annotations as tidy frames sharing ``doc_id`` and character offsets.

    ``articles`` (cleaned) and ``audit`` are built at once; ``sentences``, ``mentions``, ``quotes``, ``tones``
    and ``topic_hits`` when first read. ``actors`` is the ``ActorTable``, ``topics`` the validated lexicon
    (None when not given).
    """

    def __init__(self, corpus: str | Path, actors: str | Path | None = None, topics: str | Path | None = None,
                 *, cache: bool = True, errors: str = "raise", columns: str | dict | None = None) -> None:
        from lib.clean import clean_articles

        self.corpus_path = paths.resolve(corpus)
        self.actors_path = paths.resolve(actors) if actors else None
        self.topics_path = paths.resolve(topics) if topics else None
        raw = load_corpus(self.corpus_path, errors=errors, columns=columns)
        self.skipped: list[tuple[str, str]] = raw.attrs.get("skipped", [])
        self.load_notes: dict[str, list] = dict(raw.attrs)  # skipped, duplicates, outlets, unparsed_dates
        self.articles, self.audit = clean_articles(raw)
        self.checksum = corpus_checksum(raw)
        self.cache_dir = paths.CACHE / self._key() if cache else None

    def _key(self) -> str:
        digest = hashlib.sha256(self.checksum.encode())
        for table in (self.actors_path, self.topics_path):
            digest.update(table.read_bytes() if table and table.is_file() else b"-")
        lib_dir = Path(__file__).parent  # subpackages (lib/actors/...) and resource files count too
        for source in sorted(p for p in lib_dir.rglob("*") if p.suffix in {".py", ".txt"} and p.is_file()):
            digest.update(source.relative_to(lib_dir).as_posix().encode() + source.read_bytes())
        return digest.hexdigest()[:20]

    def _cached(self, name: str, build) -> pd.DataFrame:
        file = self.cache_dir / f"{name}.parquet" if self.cache_dir else None
        if file and file.is_file():
            return pd.read_parquet(file)
        frame = build()
        if file:
            file.parent.mkdir(parents=True, exist_ok=True)
            tmp = file.with_suffix(f".{id(frame)}.tmp")
            frame.to_parquet(tmp, index=False)
            tmp.replace(file)  # atomic: parallel notebooks never read half a file
        return frame

    # ------------------------------------------------------------ tables
    @cached_property
    def actors(self) -> ActorTable | None:
        from lib.actors import load_actors

        return load_actors(self.actors_path) if self.actors_path else None

    @cached_property
    def topics(self) -> pd.DataFrame | None:
        from lib.topics import load_topics

        return load_topics(self.topics_path) if self.topics_path else None

    # ------------------------------------------------------------ annotations
    @cached_property
    def sentences(self) -> pd.DataFrame:
        from lib.text import sentence_table

        return self._cached("sentences", lambda: sentence_table(self.articles))

    @cached_property
    def mentions(self) -> pd.DataFrame:
        from lib.actors import find_mentions

        actors = self._require("actors", self.actors)
        return self._cached("mentions", lambda: find_mentions(self.sentences, actors))

    @cached_property
    def quotes(self) -> pd.DataFrame:
        from lib.quotes import find_quotes

        actors = self._require("actors", self.actors)
        return self._cached("quotes", lambda: find_quotes(self.articles, self.sentences, self.mentions, actors))

    @cached_property
    def tones(self) -> pd.DataFrame:
        from lib.sentiment import score_sentences

        return self._cached("tones", lambda: score_sentences(self.sentences))

    @cached_property
    def topic_hits(self) -> pd.DataFrame:
        from lib.topics import code_sentences

        topics = self._require("topics", self.topics)
        return self._cached("topic_hits", lambda: code_sentences(self.sentences, topics))

    @staticmethod
    def _require(name: str, table):
        if table is None:
            raise InputError(f"This step needs the {name} table; pass {name}=... to annotate().")
        return table

    def __repr__(self) -> str:
        return f"Annotated({self.corpus_path}, {len(self.articles)} articles)"


def annotate(corpus: str | Path = paths.CORPUS, actors: str | Path | None = None, topics: str | Path | None = None,
             *, cache: bool = True, errors: str = "raise", columns: str | dict | None = None) -> Annotated:
    """Load, clean and (lazily) annotate a corpus (``columns``: see :func:`lib.corpus.parse_columns`)."""
    return Annotated(corpus, actors, topics, cache=cache, errors=errors, columns=columns)
