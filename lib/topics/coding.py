"""Coding sentences with a topic lexicon: one compiled pattern per table, hits with offsets, evidence sentences.

Topics are coded independently: adding a topic never changes the hits of another. Within one topic,
overlapping matches are resolved leftmost-longest, so "security guarantees" is one hit, not two.

>>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [12], "text": ["Truce talks."]})
>>> code_sentences(s, pd.DataFrame({"topic": ["peace"], "term": ["truce"]}))["term"].tolist()
['truce']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from lib.errors import InputError, require_columns
from lib.topics.lexicon import TERM_SPLIT, term_pattern, topic_names, validate_topics

__all__ = ["HIT_COLUMNS", "TopicMatcher", "code_sentences", "compile_topics", "known_topics", "topic_evidence"]

HIT_COLUMNS = ["doc_id", "sent_id", "topic", "term", "start", "end"]


@dataclass(frozen=True)
class TopicMatcher:
    """One compiled pattern for a whole topic table, and the bookkeeping to name what matched."""

    pattern: re.Pattern[str]
    topics: tuple[str, ...]
    groups: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (topic group, ((term group, term), ...))

    def find(self, text: str) -> list[tuple[str, str, int, int]]:
        """Hits in ``text`` as ``(topic, term, start, end)``, sorted by start then topic order.

        >>> compile_topics(pd.DataFrame({"topic": ["t"], "term": ["talks"]})).find("Talks resume.")
        [('t', 'talks', 0, 5)]
        """
        found: list[tuple[int, int, str, int]] = []
        last_end = [-1] * len(self.topics)
        for m in self.pattern.finditer(text):
            for i, (topic_group, terms) in enumerate(self.groups):
                start, end = m.span(topic_group)
                if start < 0 or start < last_end[i] or end == start:
                    continue
                term = next(t for g, t in terms if m.start(g) >= 0)
                last_end[i] = end
                found.append((start, i, term, end))
        found.sort(key=lambda h: (h[0], h[1]))
        return [(self.topics[i], term, start, end) for start, i, term, end in found]


def _topic_alternatives(ti: int, terms: list[str], any_parts: dict[str, str]) -> tuple[str, tuple]:
    """The look-ahead of topic number ``ti`` and its (group, term) pairs; records each term's pattern."""
    order = sorted(
        range(len(terms)),
        key=lambda j: (-len(TERM_SPLIT.split(terms[j].strip())), -len(terms[j].replace("*", "")), j),
    )
    alternatives, term_groups = [], []
    for j in order:
        pattern = term_pattern(terms[j])
        alternatives.append((_first_key(terms[j]), f"(?P<t{ti}_{j}>{pattern})"))
        term_groups.append((f"t{ti}_{j}", terms[j]))
        any_parts.setdefault(pattern, _first_key(terms[j]))
    return f"(?:(?=(?P<t{ti}>{_dispatch(alternatives)})(?!\\w))|)", tuple(term_groups)


def compile_topics(topics: pd.DataFrame) -> TopicMatcher:
    """Compile a topic table into one pattern: one optional look-ahead per topic at every word start.

    Within a topic, terms are tried most specific first (more words, then longer literal text), so the
    longest term wins; topics do not compete with each other.

    >>> compile_topics(pd.DataFrame({"topic": ["t"], "term": ["peace*"]})).topics
    ('t',)
    """
    table = validate_topics(topics)
    names = topic_names(table)
    any_parts: dict[str, str] = {}
    topic_parts, groups = [], []
    for ti, name in enumerate(names):
        terms = table.loc[table["topic"] == name, "term"].tolist()
        part, term_groups = _topic_alternatives(ti, terms, any_parts)
        topic_parts.append(part)
        groups.append((f"t{ti}", term_groups))
    any_term = _dispatch([(key, f"(?:{p})") for p, key in any_parts.items()])
    pattern = re.compile(f"(?<!\\w)(?={any_term}(?!\\w))" + "".join(topic_parts), re.IGNORECASE)
    return TopicMatcher(pattern=pattern, topics=tuple(names), groups=tuple(groups))


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
    rows = []
    for doc_id, sent_id, offset, text in zip(
        sentences["doc_id"], sentences["sent_id"], sentences["start"], sentences["text"], strict=True
    ):
        for topic, term, start, end in matcher.find(str(text)):
            rows.append((doc_id, sent_id, topic, term, int(offset) + start, int(offset) + end))
    hits = pd.DataFrame(rows, columns=HIT_COLUMNS)
    hits["topic"] = pd.Categorical(hits["topic"], categories=list(matcher.topics))
    hits = hits.astype({"start": "int64", "end": "int64"})
    if not hits.empty:
        hits["sent_id"] = hits["sent_id"].astype(sentences["sent_id"].dtype)
    return hits.sort_values(["doc_id", "start", "topic"], kind="stable").reset_index(drop=True)


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
    own = topic_hits[topic_hits["topic"].astype(str) == topic]
    texts = sentences.set_index(["doc_id", "sent_id"])[["start", "text"]]
    rows = []
    for (doc_id, sent_id), part in own.groupby(["doc_id", "sent_id"], sort=True):
        offset, text = texts.loc[(doc_id, sent_id)]
        spans = list(zip(part["start"] - offset, part["end"] - offset, strict=True))
        rows.append({"doc_id": doc_id, "sent_id": sent_id, "hits": len(part),
                     "terms": ", ".join(dict.fromkeys(part["term"])), "sentence": _marked(text, spans)})
    out = pd.DataFrame(rows, columns=["doc_id", "sent_id", "hits", "terms", "sentence"])
    out = out.sort_values("hits", ascending=False, kind="stable").reset_index(drop=True)
    return out if limit is None else out.head(limit)
