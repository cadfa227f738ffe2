"""Free-text concordance over an annotated corpus: an index of words to sentences, queries, KWIC lines.

A query is a word (``ceasefire``), a phrase (``security guarantees``), a wildcard (``negotiat*``) or an actor
(``@putin``). Words are matched case-insensitively as whole words. The index maps every lower-cased word to the
sentences that contain it, so a query looks up a few arrays instead of scanning all text; only the sentences
the index returns are searched for the exact positions.

>>> import pandas as pd
>>> s = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "start": [0, 13],
...                   "end": [12, 30], "text": ["Talks began.", "Negotiators met again."]})
>>> index = WordIndex.build(s)
>>> [len(index.sentences_for(q)) for q in ("talks", "negotiat*", "met again", "nothing")]
[1, 1, 1, 0]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.errors import InputError

__all__ = ["KWIC_COLUMNS", "WordIndex", "concordance", "query_pattern"]

KWIC_COLUMNS = ["doc_id", "sent_id", "start", "end", "left", "match", "right"]
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_QUERY_WORD = re.compile(r"^[^\W_]+(?:['’\-][^\W_]+)*\*?$")


def query_words(query: str) -> list[str]:
    """The lower-case words of a text query; a trailing ``*`` on a word is a wildcard.

    >>> query_words("Security  guarantees"), query_words("negotiat*")
    (['security', 'guarantees'], ['negotiat*'])
    """
    words = query.strip().lower().split()
    bad = [w for w in words if not _QUERY_WORD.match(w)]
    if not words or bad:
        raise InputError(f"Search for a word, a phrase, a wildcard such as negotiat* or an actor such as @id; "
                         f"got {query!r}.")
    return words


def query_pattern(query: str) -> re.Pattern:
    """A case-insensitive pattern for the query's exact places in a sentence.

    >>> query_pattern("negotiat*").findall("Negotiators negotiated.")
    ['Negotiators', 'negotiated']
    """
    parts = [re.escape(w[:-1]) + r"[^\W_]*" if w.endswith("*") else re.escape(w) for w in query_words(query)]
    return re.compile(r"(?<![^\W_])" + r"\s+".join(parts) + r"(?![^\W_])", re.IGNORECASE)


@dataclass(frozen=True)
class WordIndex:
    """Sentence rows for every word: ``vocabulary`` (sorted) and, for word ``i``, rows
    ``rows[offsets[i]:offsets[i + 1]]`` into ``sentences``."""

    sentences: pd.DataFrame
    vocabulary: tuple[str, ...]
    offsets: np.ndarray
    rows: np.ndarray

    @classmethod
    def build(cls, sentences: pd.DataFrame) -> WordIndex:
        """Index the ``text`` column of a sentences frame (row positions, so keep the frame as given)."""
        sentences = sentences.reset_index(drop=True)
        words, rows = [], []
        for row, text in enumerate(sentences["text"].tolist()):
            unique = set(_WORD.findall(text.lower()))
            words.extend(unique)
            rows.extend([row] * len(unique))
        codes, vocabulary = pd.factorize(pd.Series(words, dtype=object), sort=True)
        order = np.argsort(codes, kind="stable")
        offsets = np.searchsorted(codes[order], np.arange(len(vocabulary) + 1))
        return cls(sentences, tuple(vocabulary), offsets, np.asarray(rows, dtype=np.int64)[order])

    @classmethod
    def cached(cls, corpus) -> WordIndex:
        """:meth:`build` over an annotated corpus's sentences (:class:`lib.pipeline.Annotated`), cached as two
        stages keyed by the sentences and this code: the vocabulary with its offsets, and the sentence rows."""
        built: dict[str, WordIndex] = {}

        def index() -> WordIndex:
            if "index" not in built:
                built["index"] = cls.build(corpus.sentences)
            return built["index"]

        options = {"inputs": ("sentences",), "params": {}, "modules": ("lib.explore.concordance",)}
        words = corpus.derived("word_index_vocabulary", lambda: pd.DataFrame({
            "word": [*index().vocabulary, ""], "offset": index().offsets}), **options)  # offsets: one more
        rows = corpus.derived("word_index_rows", lambda: pd.DataFrame({"row": index().rows}), **options)
        return cls(corpus.sentences.reset_index(drop=True), tuple(words["word"].iloc[:-1].astype(str)),
                   words["offset"].to_numpy(dtype=np.int64), rows["row"].to_numpy(dtype=np.int64))

    def _rows_of(self, word: str) -> np.ndarray:
        if word.endswith("*"):
            lo = bisect_left(self.vocabulary, word[:-1])
            hi = bisect_left(self.vocabulary, word[:-1] + "\U0010ffff")
            return np.unique(self.rows[self.offsets[lo]:self.offsets[hi]])
        i = bisect_left(self.vocabulary, word)
        if i == len(self.vocabulary) or self.vocabulary[i] != word:
            return np.empty(0, dtype=np.int64)
        return self.rows[self.offsets[i]:self.offsets[i + 1]]

    def sentences_for(self, query: str) -> np.ndarray:
        """Sorted row positions of the sentences that contain every word of ``query`` (a superset of the
        sentences with the exact phrase; :func:`concordance` checks the order)."""
        found = None
        for word in query_words(query):
            rows = self._rows_of(word)
            found = rows if found is None else np.intersect1d(found, rows, assume_unique=True)
            if not len(found):
                break
        return np.sort(found)


def concordance(index: WordIndex, query: str, texts: dict, *, docs: set | None = None, width: int = 60,
                mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Keyword-in-context lines for ``query``: ``doc_id, sent_id, start, end, left, match, right``.

    ``texts`` maps doc_id to the cleaned article text (context may run past the sentence); ``docs`` keeps only
    those articles; ``@actor_id`` queries read ``mentions`` instead of the word index. Offsets are into the
    article; line breaks in the context show as " / ".
    """
    if width < 0:
        raise InputError(f"width must be 0 or more, got {width}.")
    if query.strip().startswith("@"):
        spans = _actor_spans(query.strip()[1:], mentions)
    else:
        spans = _text_spans(index, query)
    if docs is not None:
        spans = [s for s in spans if s[0] in docs]
    rows = []
    for doc_id, sent_id, a, b in spans:
        text = texts.get(doc_id, "")
        rows.append((doc_id, sent_id, a, b, text[max(0, a - width):a].replace("\n", " / "), text[a:b],
                     text[b:b + width].replace("\n", " / ")))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def _text_spans(index: WordIndex, query: str) -> list[tuple[object, int, int, int]]:
    pattern = query_pattern(query)
    part = index.sentences.iloc[index.sentences_for(query)]
    spans = []
    for doc_id, sent_id, offset, text in zip(part["doc_id"], part["sent_id"], part["start"], part["text"]):
        spans.extend((doc_id, int(sent_id), offset + m.start(), offset + m.end()) for m in pattern.finditer(text))
    return spans


def _actor_spans(actor_id: str, mentions: pd.DataFrame | None) -> list[tuple[object, int, int, int]]:
    if mentions is None:
        raise InputError("Actor queries (@id) need the actor mentions; this corpus was opened without actors.")
    own = mentions[mentions["actor_id"].eq(actor_id)]
    if own.empty and actor_id not in set(mentions["actor_id"]):
        raise InputError(f"No actor {actor_id!r} is mentioned in this corpus.")
    return list(zip(own["doc_id"], own["sent_id"].astype(int), own["start"].astype(int), own["end"].astype(int)))
