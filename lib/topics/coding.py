"""Coding sentences with a topic lexicon: one compiled pattern per table, hits with offsets, evidence sentences.

Topics are coded independently: adding a topic never changes the hits of another. Within one topic,
overlapping matches are resolved leftmost-longest, so "security guarantees" is one hit, not two.

>>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [12], "text": ["Truce talks."]})
>>> code_sentences(s, pd.DataFrame({"topic": ["peace"], "term": ["truce"]}))["term"].tolist()
['truce']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate

import numpy as np
import pandas as pd

from lib.errors import InputError, require_columns
from lib.topics.lexicon import TERM_SPLIT, term_pattern, topic_names, validate_topics
from lib.topics.scan import compile_scan, first_word_pattern, fold, literal_key, scan_source

__all__ = ["HIT_COLUMNS", "TopicMatcher", "code_sentences", "compile_topics", "known_topics", "topic_evidence"]

HIT_COLUMNS = ["doc_id", "sent_id", "topic", "term", "start", "end"]


@dataclass(frozen=True)
class TopicMatcher:
    """A compiled topic table: a scan for the word starts where some term matches, and one pattern per topic
    tried there.

    ``scan_source`` is the case-insensitive scan (compiled on first use: see :attr:`scan`); ``scan_lower``
    (None if the table has unusual letters) is the same scan for a text lower-cased by
    :func:`lib.topics.scan.fold`. ``patterns[i]`` holds topic ``i``'s terms, most specific first, each in a
    named group (``terms[i]`` maps the group name to the term); ``firsts[i]`` (compiled on first use) matches
    a run of word characters where a term of topic ``i`` could begin; ``keys`` maps the lower-case ASCII
    letters a first word must start with to the topics that have such a word (``always``: topics with a first
    word that does not start with ASCII letters or digits). The candidate topics of each run are remembered
    (``_topics_of``, per process).
    """

    scan_source: str
    scan_lower: re.Pattern[str] | None
    topics: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    terms: tuple[dict[str, str], ...]
    firsts: tuple[str, ...]
    keys: dict[str, frozenset[int]]
    always: frozenset[int]
    _topics_of: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def scan(self) -> re.Pattern[str]:
        """The case-insensitive scan, compiled on first use (most texts take ``scan_lower``)."""
        return _compiled(self.scan_source)

    def find(self, text: str) -> list[tuple[str, str, int, int]]:
        """Hits in ``text`` as ``(topic, term, start, end)``, sorted by start then topic order.

        >>> compile_topics(pd.DataFrame({"topic": ["t"], "term": ["talks"]})).find("Talks resume.")
        [('t', 'talks', 0, 5)]
        """
        return [(self.topics[i], term, start - 1, end - 1) for start, end, i, term in self.hits("\x00" + text)]

    def candidates(self, run: str) -> tuple[int, ...]:
        """The topics with a term whose first word matches at the start of ``run`` (a run of word characters).

        >>> compile_topics(pd.DataFrame({"topic": ["a", "b"], "term": ["peace talks", "talks"]})).candidates("talks")
        (1,)
        """
        found = self._topics_of.get(run)
        if found is None:
            if len(self._topics_of) > _REMEMBER:
                self._topics_of.clear()
            found = self._topics_of[run] = self._candidates(run)
        return found

    def _candidates(self, run: str) -> tuple[int, ...]:
        if not run.isascii():  # exact: case-insensitive matching has non-ASCII twists (long s, dotless i)
            return tuple(i for i, p in enumerate(self.firsts) if _compiled(p).match(run))
        low, found = run.lower(), set(self.always)  # ASCII: topics whose first-word beginning the run has
        for n in range(1, len(low) + 1):
            found.update(self.keys.get(low[:n], ()))
        return tuple(sorted(found))

    def hits(self, text: str, *, fast: bool = True) -> list[tuple[int, int, int, str]]:
        """``(start, end, topic number, term)`` in ``text``, a text or sentences joined by ``"\\x00"`` that
        starts with a non-word character. Within a topic, overlapping matches resolve leftmost-longest.
        ``fast=False`` always takes the case-insensitive scan (the same hits, slower)."""
        low = fold(text) if fast and self.scan_lower is not None else None
        scan, target = (self.scan, text) if low is None else (self.scan_lower, low)
        found: list[tuple[int, int, int, str]] = []
        last_end = [-1] * len(self.topics)
        for m in scan.finditer(target):
            start = m.end()
            for i in self.candidates(text[start:m.end(1)]):
                hit = self.patterns[i].match(text, start)
                if hit is None or start < last_end[i] or hit.end() == start:
                    continue
                last_end[i] = hit.end()
                found.append((start, hit.end(), i, self.terms[i][hit.lastgroup]))
        return found


_REMEMBER = 200_000  # runs whose candidate topics are remembered before the memory is cleared


@cache
def _compiled(source: str) -> re.Pattern[str]:
    """A case-insensitive pattern compiled once per process, when first needed."""
    return re.compile(source, re.IGNORECASE)


def _topic_alternatives(ti: int, terms: list[str]) -> tuple[str, dict[str, str]]:
    """Topic number ``ti``'s terms as one alternation, most specific first, and its group -> term names."""
    order = sorted(
        range(len(terms)),
        key=lambda j: (-len(TERM_SPLIT.split(terms[j].strip())), -len(terms[j].replace("*", "")), j),
    )
    alternatives = [(_first_key(terms[j]), f"(?P<t{ti}_{j}>{term_pattern(terms[j])})") for j in order]
    return _dispatch(alternatives), {f"t{ti}_{j}": terms[j] for j in order}


def compile_topics(topics: pd.DataFrame) -> TopicMatcher:
    """Compile a topic table: a candidate scan over the first words of all terms, and one pattern per topic.

    Within a topic, terms are tried most specific first (more words, then longer literal text), so the
    longest term wins; topics do not compete with each other.

    >>> compile_topics(pd.DataFrame({"topic": ["t"], "term": ["peace*"]})).topics
    ('t',)
    """
    table = validate_topics(topics)
    names = topic_names(table)
    patterns, terms, firsts, keys = [], [], [], {}
    for ti, name in enumerate(names):
        own = table.loc[table["topic"] == name, "term"].tolist()
        alternation, groups = _topic_alternatives(ti, own)
        patterns.append(re.compile(f"{alternation}(?!\\w)", re.IGNORECASE))
        terms.append(groups)
        first = "|".join(dict.fromkeys(first_word_pattern(t) for t in own))
        firsts.append(f"(?:{first})(?!\\w)")
        for term in own:
            keys.setdefault(literal_key(first_word_pattern(term)), set()).add(ti)
    return TopicMatcher(scan_source=scan_source(table["term"]), scan_lower=compile_scan(table["term"], lowered=True),
                        topics=tuple(names), patterns=tuple(patterns), terms=tuple(terms), firsts=tuple(firsts),
                        keys={k: frozenset(v) for k, v in keys.items() if k}, always=frozenset(keys.get("", ())))


def _first_key(term: str) -> str:
    first = term.strip()[0].lower()
    return "['’]" if first in "'’" else re.escape(first)


def _dispatch(alternatives: list[tuple[str, str]]) -> str:
    """Alternation bucketed by first character, ``(?:(?=a)(?:…|…)|(?=b)(?:…))``: at a word start only the
    bucket of its first letter is tried, not every term (order inside a bucket is kept)."""
    buckets: dict[str, list[str]] = {}
    for key, pattern in alternatives:
        buckets.setdefault(key, []).append(pattern)
    return "(?:" + "|".join(f"(?={key})(?:{'|'.join(parts)})" for key, parts in buckets.items()) + ")"


def code_sentences(sentences: pd.DataFrame, topics: pd.DataFrame | TopicMatcher) -> pd.DataFrame:
    """Find every topic term in every sentence: ``doc_id, sent_id, topic, term, start, end``.

    Offsets are into the article text (sentence ``start`` plus the offset inside the sentence).
    ``topic`` is categorical with every topic of the table, so topics without hits are not forgotten.

    >>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [10], "end": [32],
    ...                   "text": ["Sanctions were lifted."]})
    >>> hits = code_sentences(s, pd.DataFrame({"topic": ["econ"], "term": ["sanction*"]}))
    >>> hits[["term", "start", "end"]].values.tolist()
    [['sanction*', 10, 19]]
    """
    require_columns(sentences, ["doc_id", "sent_id", "start", "text"], "The sentences table")
    matcher = topics if isinstance(topics, TopicMatcher) else compile_topics(topics)
    texts = [str(text) for text in sentences["text"]]
    doc_ids, sent_ids, offsets = list(sentences["doc_id"]), list(sentences["sent_id"]), list(sentences["start"])
    rows = [(doc_ids[k], sent_ids[k], matcher.topics[i], term, int(offsets[k]) + start, int(offsets[k]) + end)
            for k, start, i, end, term in _sentence_hits(matcher, texts)]
    hits = pd.DataFrame(rows, columns=HIT_COLUMNS)
    hits["topic"] = pd.Categorical(hits["topic"], categories=list(matcher.topics))
    hits = hits.astype({"start": "int64", "end": "int64"})
    if not hits.empty:
        hits["sent_id"] = hits["sent_id"].astype(sentences["sent_id"].dtype)
    return hits.sort_values(["doc_id", "start", "topic"], kind="stable").reset_index(drop=True)


def _sentence_hits(matcher: TopicMatcher, texts: list[str]) -> list[tuple[int, int, int, int, str]]:
    """``(sentence number, start, topic number, end, term)`` for ``texts``, offsets inside each sentence, in
    the order of a sentence-by-sentence scan. The sentences are scanned as one text joined by ``"\\x00"``:
    a term never spans it, and to the patterns it is a non-word character like the end of a text."""
    joined = "\x00" + "\x00".join(texts)
    if matcher.scan_lower is None or fold(joined) is not None:
        return _located(matcher.hits(joined), texts, range(len(texts)))
    folds = [fold(text) is not None for text in texts]  # scan the sentences that fold apart from the others
    found = []
    for foldable in (True, False):
        numbers = [k for k, ok in enumerate(folds) if ok is foldable]
        part = [texts[k] for k in numbers]
        found += _located(matcher.hits("\x00" + "\x00".join(part), fast=foldable), part, numbers)
    return sorted(found, key=lambda hit: hit[:3])


def _located(hits: list[tuple[int, int, int, str]], texts: list[str], numbers) -> list[tuple]:
    """Hits in ``"\\x00" + "\\x00".join(texts)`` as ``(number of the sentence, start, topic, end, term)``."""
    bounds = list(accumulate((len(t) + 1 for t in texts), initial=1))  # where each sentence starts
    located = []
    for start, end, i, term in hits:
        k = bisect_right(bounds, start) - 1
        located.append((numbers[k], start - bounds[k], i, end - bounds[k], term))
    return located


def known_topics(topic_hits: pd.DataFrame, topics: pd.DataFrame | Sequence[str] | None) -> list[str]:
    """Topic names from ``topics`` (table or names) if given, else the categories (or values) of the hits.

    >>> known_topics(pd.DataFrame({"topic": ["b", "a", "b"]}), None)
    ['a', 'b']
    """
    if topics is not None:
        return topic_names(topics)
    column = topic_hits["topic"]
    if isinstance(column.dtype, pd.CategoricalDtype):
        return [str(c) for c in column.cat.categories]
    return sorted(str(t) for t in column.unique())


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each ``[start, end)`` span wrapped in ⟦ ⟧ (spans sorted, not overlapping)."""
    marked, cursor = [], 0
    for start, end in spans:
        marked += [text[cursor:start], "⟦", text[start:end], "⟧"]
        cursor = end
    marked.append(text[cursor:])
    return "".join(marked)


def topic_evidence(
    topic_hits: pd.DataFrame, sentences: pd.DataFrame, *, topic: str, limit: int | None = 10
) -> pd.DataFrame:
    """Sentences coded with ``topic``, matched terms marked with ⟦ ⟧: ``doc_id, sent_id, hits, terms, sentence``.

    Sentences with the most hits come first (ties: document order).

    >>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [12], "text": ["Truce talks."]})
    >>> h = code_sentences(s, pd.DataFrame({"topic": ["peace", "peace"], "term": ["truce", "talk"]}))
    >>> topic_evidence(h, s, topic="peace")["sentence"].tolist()
    ['⟦Truce⟧ ⟦talks⟧.']
    """
    require_columns(topic_hits, HIT_COLUMNS, "The topic hits table")
    require_columns(sentences, ["doc_id", "sent_id", "start", "text"], "The sentences table")
    known = known_topics(topic_hits, None)
    if topic not in known:
        raise InputError(f"Unknown topic {topic!r}; known topics are {', '.join(known)}.")
    own = topic_hits.loc[topic_hits["topic"].astype(str) == topic, ["doc_id", "sent_id", "term", "start", "end"]]
    own = own.sort_values(["doc_id", "sent_id"], kind="stable")  # by sentence, hits in their own order
    texts = own[["doc_id", "sent_id"]].merge(sentences[["doc_id", "sent_id", "start", "text"]],
                                            on=["doc_id", "sent_id"], how="left", validate="many_to_one")
    doc, sent = own["doc_id"].to_numpy(), own["sent_id"].to_numpy()
    new_sentence = np.ones(len(own), dtype=bool)
    new_sentence[1:] = (doc[1:] != doc[:-1]) | (sent[1:] != sent[:-1])
    bounds = np.r_[np.flatnonzero(new_sentence), len(own)]  # each sentence's hits: rows bounds[i] to bounds[i+1]
    starts = (own["start"].to_numpy() - texts["start"].to_numpy()).tolist()
    ends = (own["end"].to_numpy() - texts["start"].to_numpy()).tolist()
    terms, text = own["term"].tolist(), texts["text"].tolist()
    rows = [(doc[a], sent[a], b - a, ", ".join(dict.fromkeys(terms[a:b])),
             _marked(text[a], list(zip(starts[a:b], ends[a:b])))) for a, b in zip(bounds[:-1], bounds[1:])]
    out = pd.DataFrame(rows, columns=["doc_id", "sent_id", "hits", "terms", "sentence"])
    out = out.sort_values("hits", ascending=False, kind="stable").reset_index(drop=True)
    return out if limit is None else out.head(limit)
