"""Topics: code sentences with a topic lexicon, count topics, find distinctive terms, explore topic models.

The lexicon is an editable table (``data/topics.csv``, one row per term: ``topic, term, description``).
A term is one or more words separated by spaces or hyphens; ``*`` inside a word matches any further
letters (``sanction*`` matches sanction, sanctions, sanctioned). Words without ``*`` get light stemming:
plurals and the regular ``-s``/``-es``/``-ed``/``-ing`` forms count (``guarantee`` matches guarantees,
``territory`` matches territories); all-capital acronyms only take a plural ``s`` (``UAV`` matches UAVs).
Matching ignores case; a space or hyphen in a term matches a space, a hyphen or a dash in the text.

Topics are coded independently: adding a topic never changes the hits of another. Within one topic,
overlapping matches are resolved leftmost-longest, so "security guarantees" is one hit, not two.
The description of a topic is its first non-empty ``description`` cell.

Typical use::

    topics = load_topics("data/topics.csv")
    hits = code_sentences(sentences, topics)
    freq = topic_frequency(hits, sentences, topics=topics)
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from lib.errors import InputError, require_columns
from lib.text import import_nltk, word_count

TOPIC_COLUMNS = ["topic", "term", "description"]
HIT_COLUMNS = ["doc_id", "sent_id", "topic", "term", "start", "end"]
NORMALISATIONS = {"raw": "hits", "per_1000_words": "per_1000_words", "share_of_sentences": "share_of_sentences"}
KEYNESS_METHODS = ("log-likelihood", "tfidf")
TOPIC_MODELS = ("nmf", "lda")

_WORD_CHARS = re.compile(r"[^\W_]|['’.&]")
_SEPARATOR = r"(?:\s*[-‐‑–]\s*|\s+)"
_TERM_SPLIT = re.compile(r"\s*[-‐‑–]\s*|\s+")
_KEY_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
# Reporting words that every news article uses; they say how something was reported, not what about.
NEWS_STOPWORDS = frozenset(
    "said says say saying told tells according reported reports reporting stated added noted "
    "asked claimed mr ms mrs also just".split()
)


# --------------------------------------------------------------------------- the lexicon


def term_pattern(term: str) -> str:
    """Turn one lexicon term into a regular expression (without word boundaries).

    >>> bool(re.fullmatch(term_pattern("security guarantee"), "security guarantees", re.I))
    True
    >>> bool(re.fullmatch(term_pattern("sanction*"), "sanctioned", re.I))
    True
    """
    words = [w for w in _TERM_SPLIT.split(term.strip()) if w]
    if not words:
        raise InputError(f"term {term!r} is empty.")
    if words[0].startswith("*"):
        raise InputError(f"term {term!r} starts with '*'; a wildcard may only follow letters.")
    return _SEPARATOR.join(_word_pattern(word, term) for word in words)


def _word_pattern(word: str, term: str) -> str:
    literal = word.replace("*", "")
    if not literal or not all(_WORD_CHARS.fullmatch(ch) for ch in literal):
        raise InputError(
            f"term {term!r} has a word {word!r} that is not letters, digits, apostrophes or a trailing '*'."
        )
    if not any(ch.isalnum() for ch in literal):
        raise InputError(f"term {term!r} has a word {word!r} without any letter or digit.")
    if "*" in word:
        return r"\w*".join(_escape(part) for part in word.split("*"))
    return _escape(word) if _no_stemming(word) else _stem_pattern(word)


def _escape(text: str) -> str:
    return "".join("['’]" if ch in "'’" else re.escape(ch) for ch in text)


def _no_stemming(word: str) -> bool:
    return len(word) < 3 or not word.isalpha()


def _stem_pattern(word: str) -> str:
    """Light stemming: regular plural and verb endings; acronyms only take a plural ``s``."""
    lower = word.lower()
    if word.isupper():
        return _escape(word) + "s?"
    if lower.endswith("ee"):
        return _escape(word) + "(?:s|d|ing)?"
    if lower.endswith("e"):
        return _escape(word[:-1]) + "(?:e|es|ed|ing)"
    if lower.endswith("y") and lower[-2] not in "aeiou":
        return _escape(word[:-1]) + "(?:y|ies|ied|ying)"
    if lower.endswith("s"):
        return _escape(word) + "(?:es)?"
    return _escape(word) + "(?:s|es|ed|ing)?"


def _term_key(term: str) -> str:
    return " ".join(_TERM_SPLIT.split(term.strip().casefold()))


def load_topics(path: str | Path) -> pd.DataFrame:
    """Read and validate a topic table (``topic, term, description``; one row per term).

    Errors name the file and line: missing or empty file, bad header, empty topic or term,
    a term that cannot become a pattern, a repeated (topic, term) pair.

    >>> load_topics("data/topics.csv").columns.tolist()
    ['topic', 'term', 'description']
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"Topic table {path} does not exist.")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    rows_with_lines = [(i + 1, row) for i, row in enumerate(rows) if any(cell.strip() for cell in row)]
    if not rows_with_lines:
        raise InputError(f"Topic table {path} is empty; it needs the header 'topic,term,description'.")
    header_line, header = rows_with_lines[0]
    header = [h.strip().lower() for h in header]
    missing = [c for c in ("topic", "term") if c not in header]
    if missing or len(set(header)) != len(header):
        raise InputError(
            f"Topic table {path} line {header_line} has header {','.join(header)!r}; "
            "expected 'topic,term,description'."
        )
    records, lines = [], []
    for line, row in rows_with_lines[1:]:
        if len(row) > len(header):
            raise InputError(
                f"Topic table {path} line {line} has {len(row)} fields but the header has {len(header)}; "
                "quote terms or descriptions that contain commas."
            )
        cells = dict(zip(header, [c.strip() for c in row] + [""] * (len(header) - len(row)), strict=True))
        records.append({c: cells.get(c, "") for c in TOPIC_COLUMNS})
        lines.append(line)
    if not records:
        raise InputError(f"Topic table {path} has a header but no terms.")
    table = pd.DataFrame(records, columns=TOPIC_COLUMNS)
    _validate(table, where=[f"Topic table {path} line {line}" for line in lines])
    return table


def validate_topics(topics: pd.DataFrame) -> pd.DataFrame:
    """Check a topic frame built in code (same rules as ``load_topics``); return a clean copy.

    >>> validate_topics(pd.DataFrame({"topic": ["t"], "term": ["talks"]})).columns.tolist()
    ['topic', 'term', 'description']
    """
    if not isinstance(topics, pd.DataFrame) or not {"topic", "term"} <= set(topics.columns):
        raise InputError("The topic table must be a DataFrame with columns 'topic' and 'term'.")
    if topics.empty:
        raise InputError("The topic table has no terms.")
    table = pd.DataFrame({c: topics[c] if c in topics.columns else "" for c in TOPIC_COLUMNS})
    table = table.fillna("").astype(str).apply(lambda col: col.str.strip()).reset_index(drop=True)
    _validate(table, where=[f"Topic table row {i}" for i in range(len(table))])
    return table


def _validate(table: pd.DataFrame, *, where: list[str]) -> None:
    seen: dict[tuple[str, str], str] = {}
    for place, topic, term in zip(where, table["topic"], table["term"], strict=True):
        if not topic:
            raise InputError(f"{place}: the topic is empty.")
        if not term:
            raise InputError(f"{place}: the term for topic {topic!r} is empty.")
        try:
            re.compile(term_pattern(term))
        except (InputError, re.error) as exc:
            raise InputError(f"{place}: cannot use term {term!r} of topic {topic!r} as a pattern ({exc}).") from None
        key = (topic, _term_key(term))
        if key in seen:
            raise InputError(f"{place} repeats topic {topic!r}, term {term!r} (already at {seen[key]}).")
        seen[key] = place


def topic_names(topics: pd.DataFrame | Sequence[str]) -> list[str]:
    """Topic names in table order, each once.

    >>> topic_names(pd.DataFrame({"topic": ["b", "a", "b"], "term": ["x", "y", "z"]}))
    ['b', 'a']
    """
    values = topics["topic"] if isinstance(topics, pd.DataFrame) else list(topics)
    return list(dict.fromkeys(str(v) for v in values))


def topic_descriptions(topics: pd.DataFrame) -> pd.DataFrame:
    """One row per topic: ``topic, description, terms`` (description = first non-empty cell).

    >>> topic_descriptions(pd.DataFrame({"topic": ["t", "t"], "term": ["a", "b"], "description": ["About", ""]}))
      topic description  terms
    0     t       About      2
    """
    table = validate_topics(topics)
    rows = []
    for name in topic_names(table):
        part = table[table["topic"] == name]
        described = [d for d in part["description"] if d]
        rows.append({"topic": name, "description": described[0] if described else "", "terms": len(part)})
    return pd.DataFrame(rows, columns=["topic", "description", "terms"])


# --------------------------------------------------------------------------- coding sentences


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
        found: list[tuple[int, int, str, str]] = []
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
        order = sorted(
            range(len(terms)),
            key=lambda j: (-len(_TERM_SPLIT.split(terms[j].strip())), -len(terms[j].replace("*", "")), j),
        )
        alternatives, term_groups = [], []
        for j in order:
            pattern = term_pattern(terms[j])
            alternatives.append((_first_key(terms[j]), f"(?P<t{ti}_{j}>{pattern})"))
            term_groups.append((f"t{ti}_{j}", terms[j]))
            any_parts.setdefault(pattern, _first_key(terms[j]))
        topic_parts.append(f"(?:(?=(?P<t{ti}>{_dispatch(alternatives)})(?!\\w))|)")
        groups.append((f"t{ti}", tuple(term_groups)))
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
    known = _topic_list(topic_hits, None)
    if topic not in known:
        raise InputError(f"Unknown topic {topic!r}; known topics are {', '.join(known)}.")
    own = topic_hits[topic_hits["topic"].astype(str) == topic]
    texts = sentences.set_index(["doc_id", "sent_id"])[["start", "text"]]
    rows = []
    for (doc_id, sent_id), part in own.groupby(["doc_id", "sent_id"], sort=True):
        offset, text = texts.loc[(doc_id, sent_id)]
        marked, cursor = [], 0
        for start, end in zip(part["start"] - offset, part["end"] - offset, strict=True):
            marked += [text[cursor:start], "⟦", text[start:end], "⟧"]
            cursor = end
        marked.append(text[cursor:])
        terms = ", ".join(dict.fromkeys(part["term"]))
        rows.append({"doc_id": doc_id, "sent_id": sent_id, "hits": len(part), "terms": terms,
                     "sentence": "".join(marked)})
    out = pd.DataFrame(rows, columns=["doc_id", "sent_id", "hits", "terms", "sentence"])
    out = out.sort_values("hits", ascending=False, kind="stable").reset_index(drop=True)
    return out if limit is None else out.head(limit)


# --------------------------------------------------------------------------- counting


def _topic_list(topic_hits: pd.DataFrame, topics: pd.DataFrame | Sequence[str] | None) -> list[str]:
    if topics is not None:
        return topic_names(topics)
    column = topic_hits["topic"]
    if isinstance(column.dtype, pd.CategoricalDtype):
        return [str(c) for c in column.cat.categories]
    return sorted(str(t) for t in column.unique())


def count_words(text: str) -> int:
    """Number of word tokens in ``text`` (``lib.text.word_count``, the shared denominator for rates).

    >>> count_words("Talks resumed on Tuesday – in Riyadh.")
    6
    """
    return word_count(text)


def _group_keys(frame: pd.DataFrame, by: str | None) -> pd.Series:
    return frame[by] if by else pd.Series(["all"] * len(frame), index=frame.index)


def topic_frequency(
    topic_hits: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    by: str | None = "doc_id",
    topics: pd.DataFrame | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Topic frequency per group (``by`` column of ``sentences``) or overall (``by=None``).

    Columns: ``[by], topic, hits, sentences_with_topic, words, sentences, per_1000_words,
    share_of_sentences``. Every topic appears for every group, with zeros when nothing matched;
    ``topics`` (table or names) lists them, else the categories of ``topic_hits.topic``.

    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "start": [0, 9], "text": ["Truce now", "Sanctions"]})
    >>> t = pd.DataFrame({"topic": ["peace", "econ"], "term": ["truce", "sanction*"]})
    >>> topic_frequency(code_sentences(s, t), s, by=None)["share_of_sentences"].tolist()
    [0.5, 0.5]
    """
    require_columns(topic_hits, HIT_COLUMNS, "The topic hits table")
    require_columns(sentences, ["doc_id", "sent_id", "text"], "The sentences table")
    if by is not None and by not in sentences.columns:
        raise InputError(f"Cannot group by {by!r}: the sentences table has no such column.")
    names = _topic_list(topic_hits, topics)
    unknown = sorted(set(topic_hits["topic"].astype(str)) - set(names))
    if unknown:
        raise InputError(f"Topic hits contain topics not in the topic table: {', '.join(unknown)}.")
    sents = sentences[["doc_id", "sent_id", "text"] + ([by] if by and by not in ("doc_id", "sent_id") else [])]
    sents = sents.assign(_group=_group_keys(sents, by).to_numpy(), _words=[count_words(str(t)) for t in sents["text"]])
    base = sents.groupby("_group", sort=True).agg(words=("_words", "sum"), sentences=("sent_id", "size"))
    hits = topic_hits.assign(topic=topic_hits["topic"].astype(str))
    hits = hits.merge(sents[["doc_id", "sent_id", "_group"]], on=["doc_id", "sent_id"], how="inner")
    raw = hits.groupby(["_group", "topic"]).size()
    with_topic = hits.drop_duplicates(["doc_id", "sent_id", "topic"]).groupby(["_group", "topic"]).size()
    grid = pd.MultiIndex.from_product([base.index, names], names=["_group", "topic"])
    out = pd.DataFrame(index=grid).reset_index()
    out["hits"] = raw.reindex(grid, fill_value=0).to_numpy().astype("int64")
    out["sentences_with_topic"] = with_topic.reindex(grid, fill_value=0).to_numpy().astype("int64")
    out = out.merge(base, left_on="_group", right_index=True, how="left")
    out["per_1000_words"] = np.where(out["words"] > 0, 1000 * out["hits"] / out["words"].clip(lower=1), 0.0)
    out["share_of_sentences"] = np.where(
        out["sentences"] > 0, out["sentences_with_topic"] / out["sentences"].clip(lower=1), 0.0
    )
    out = out.rename(columns={"_group": by}) if by else out.drop(columns="_group")
    return out.reset_index(drop=True)


def frequency_column(normalisation: str) -> str:
    """The ``topic_frequency`` column for a normalisation name (``raw``, ``per_1000_words``, ``share_of_sentences``).

    >>> frequency_column("raw")
    'hits'
    """
    if normalisation not in NORMALISATIONS:
        raise InputError(f"normalisation must be one of {', '.join(NORMALISATIONS)}, not {normalisation!r}.")
    return NORMALISATIONS[normalisation]


def actor_topic(
    topic_hits: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    topics: pd.DataFrame | Sequence[str] | None = None,
) -> pd.DataFrame:
    """How often each topic occurs in the sentences that mention each actor.

    Columns: ``actor_id, topic, actor_sentences`` (sentences mentioning the actor), ``topic_sentences``
    (of those, how many carry the topic), ``share`` (their ratio) and ``hits`` (topic hits in them).
    Every actor × topic pair appears, with zeros when they never share a sentence.

    >>> h = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "topic": ["peace"], "term": ["truce"],
    ...                   "start": [0], "end": [5]})
    >>> m = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "actor_id": ["putin", "putin"]})
    >>> actor_topic(h, m)[["actor_id", "topic", "actor_sentences", "topic_sentences", "share"]].values.tolist()
    [['putin', 'peace', 2, 1, 0.5]]
    """
    require_columns(topic_hits, HIT_COLUMNS, "The topic hits table")
    require_columns(mentions, ["doc_id", "sent_id", "actor_id"], "The mentions table")
    names = _topic_list(topic_hits, topics)
    actor_sents = mentions[["doc_id", "sent_id", "actor_id"]].drop_duplicates()
    per_actor = actor_sents.groupby("actor_id", sort=True).size().rename("actor_sentences")
    hits = topic_hits[["doc_id", "sent_id", "topic"]].assign(topic=topic_hits["topic"].astype(str))
    joined = actor_sents.merge(hits, on=["doc_id", "sent_id"], how="inner")
    raw = joined.groupby(["actor_id", "topic"]).size()
    shared = joined.drop_duplicates().groupby(["actor_id", "topic"]).size()
    grid = pd.MultiIndex.from_product([per_actor.index, names], names=["actor_id", "topic"])
    out = pd.DataFrame(index=grid).reset_index()
    out["actor_sentences"] = per_actor.reindex(out["actor_id"]).to_numpy().astype("int64")
    out["topic_sentences"] = shared.reindex(grid, fill_value=0).to_numpy().astype("int64")
    out["share"] = out["topic_sentences"] / out["actor_sentences"].clip(lower=1)
    out["hits"] = raw.reindex(grid, fill_value=0).to_numpy().astype("int64")
    return out


# --------------------------------------------------------------------------- distinctive terms


@cache
def default_stopwords() -> frozenset[str]:
    """Offline English stop words (``lib.text.STOPWORDS``) plus news reporting words (``NEWS_STOPWORDS``).

    >>> {"the", "said"} <= default_stopwords()
    True
    """
    from lib.text import STOPWORDS

    return frozenset(w.lower() for w in STOPWORDS) | NEWS_STOPWORDS


def content_words(text: str, *, stopwords: frozenset[str] | None = None, min_length: int = 2) -> list[str]:
    """Lower-cased content words: letters (inner hyphens/apostrophes kept), possessive 's dropped, no stop words.

    >>> content_words("Russia’s envoy met the US-Russia working group.")
    ['russia', 'envoy', 'met', 'us-russia', 'working', 'group']
    """
    stop = default_stopwords() if stopwords is None else stopwords
    words = (_POSSESSIVE.sub("", w.lower()).replace("’", "'") for w in _KEY_TOKEN.findall(text))
    return [w for w in words if len(w) >= min_length and w not in stop]


def _check_top(top: int) -> None:
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise InputError(f"top must be a positive whole number, not {top!r}.")


def _grouped_words(sentences: pd.DataFrame, by: str, stopwords: frozenset[str] | None) -> dict[object, Counter]:
    require_columns(sentences, [by, "text"], "The sentences table")
    stop = default_stopwords() if stopwords is None else stopwords
    counts: dict[object, Counter] = {}
    for key, text in zip(sentences[by], sentences["text"], strict=True):
        counts.setdefault(key, Counter()).update(content_words(str(text), stopwords=stop))
    return dict(sorted(counts.items(), key=lambda kv: str(kv[0])))


def log_likelihood(a: float, b: float, c: float, d: float) -> float:
    """Dunning's log-likelihood G² for a word seen ``a`` times in ``c`` words and ``b`` times in ``d`` words.

    >>> round(log_likelihood(10, 10, 1000, 1000), 6)
    0.0
    """
    total = c + d
    e1, e2 = c * (a + b) / total, d * (a + b) / total
    g2 = (a * math.log(a / e1) if a > 0 else 0.0) + (b * math.log(b / e2) if b > 0 else 0.0)
    return 2.0 * g2


def distinctive_terms(
    sentences: pd.DataFrame,
    *,
    by: str = "doc_id",
    method: str = "log-likelihood",
    top: int = 15,
    min_count: int = 2,
    stopwords: frozenset[str] | None = None,
) -> pd.DataFrame:
    """Words over-represented in each group compared with all other groups (keyness).

    ``log-likelihood``: Dunning's G² of the group against the rest, only words used more often than
    expected; ``log_ratio`` is the effect size (log2 of the relative-frequency ratio, 0.5 added to counts).
    ``tfidf``: each group is one document; score is its tf-idf weight. Columns: ``[by], rank, term,
    count, count_rest, score, log_ratio``; ties are broken alphabetically, so runs are identical.

    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "text": ["Sanctions, sanctions.", "Oil.", "Oil and gas."]})
    >>> distinctive_terms(s, top=1)["term"].tolist()
    ['sanctions']
    """
    if method not in KEYNESS_METHODS:
        raise InputError(f"method must be one of {', '.join(KEYNESS_METHODS)}, not {method!r}.")
    _check_top(top)
    counts = _grouped_words(sentences, by, stopwords)
    if len(counts) < 2:
        raise InputError(
            f"Distinctive terms compare groups ({by!r}) with each other and need at least 2; found {len(counts)}."
        )
    total = Counter()
    for c in counts.values():
        total.update(c)
    n_total = sum(total.values())
    idf = {}
    if method == "tfidf":
        n_docs = len(counts)
        df = Counter(w for c in counts.values() for w in c)
        idf = {w: math.log((1 + n_docs) / (1 + k)) + 1.0 for w, k in df.items()}
    rows = []
    for key, group in counts.items():
        n_group = sum(group.values())
        n_rest = n_total - n_group
        norm = math.sqrt(sum((k * idf.get(w, 0.0)) ** 2 for w, k in group.items())) or 1.0
        scored = []
        for word, a in group.items():
            if a < min_count:
                continue
            b = total[word] - a
            ratio = math.log2(((a + 0.5) / (n_group + 0.5)) / ((b + 0.5) / (n_rest + 0.5))) if n_rest else 0.0
            if method == "log-likelihood":
                if n_rest == 0 or a / n_group <= b / n_rest:
                    continue
                score = log_likelihood(a, b, n_group, n_rest)
            else:
                score = a * idf[word] / norm
            scored.append((-round(score, 9), word, a, b, score, ratio))
        scored.sort()
        for rank, (_, word, a, b, score, ratio) in enumerate(scored[:top], start=1):
            rows.append({by: key, "rank": rank, "term": word, "count": a, "count_rest": b,
                         "score": round(score, 6), "log_ratio": round(ratio, 6)})
    return pd.DataFrame(rows, columns=[by, "rank", "term", "count", "count_rest", "score", "log_ratio"])


def collocations(
    sentences: pd.DataFrame,
    *,
    by: str | None = None,
    top: int = 15,
    min_count: int = 2,
    measure: str = "likelihood_ratio",
    stopwords: frozenset[str] | None = None,
) -> pd.DataFrame:
    """Word pairs that occur together more than chance, with NLTK's ``BigramCollocationFinder`` (offline).

    Pairs never cross a sentence; stop words are removed before pairing only at the edges (a pair
    with a stop word is dropped). ``measure`` is a ``BigramAssocMeasures`` name (``likelihood_ratio``,
    ``pmi``, ``raw_freq``...). Columns: ``[by], rank, bigram, count, score``.

    >>> s = pd.DataFrame({"doc_id": ["a"] * 2, "text": ["Security guarantees now.", "Security guarantees later."]})
    >>> collocations(s, top=1)["bigram"].tolist()
    ['security guarantees']
    """
    import_nltk()
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    _check_top(top)
    scorer = getattr(BigramAssocMeasures, measure, None)
    if measure.startswith("_") or not callable(scorer):
        raise InputError(f"measure {measure!r} is not an NLTK BigramAssocMeasures measure such as likelihood_ratio.")
    require_columns(sentences, ["text"] + ([by] if by else []), "The sentences table")
    stop = default_stopwords() if stopwords is None else stopwords
    keys = _group_keys(sentences, by)
    docs: dict[object, list[list[str]]] = {}
    for key, text in zip(keys, sentences["text"], strict=True):
        docs.setdefault(key, []).append(content_words(str(text), stopwords=frozenset()))
    rows = []
    for key in sorted(docs, key=str):
        finder = BigramCollocationFinder.from_documents(docs[key])
        finder.apply_freq_filter(min_count)
        finder.apply_word_filter(lambda w: w in stop)
        for rank, ((w1, w2), score) in enumerate(finder.score_ngrams(scorer)[:top], start=1):
            row = {"rank": rank, "bigram": f"{w1} {w2}", "count": finder.ngram_fd[(w1, w2)],
                   "score": round(float(score), 6)}
            rows.append({by: key, **row} if by else row)
    return pd.DataFrame(rows, columns=([by] if by else []) + ["rank", "bigram", "count", "score"])


# --------------------------------------------------------------------------- unsupervised topics (exploratory)


@dataclass(frozen=True)
class UnsupervisedTopics:
    """An exploratory topic model: top words per topic and topic weights per document."""

    words: pd.DataFrame  # topic, label, rank, word, weight
    doc_topics: pd.DataFrame  # doc_id, [sent_id], topic, label, weight (weights of a document sum to 1)
    method: str
    k: int
    documents: int
    vocabulary: int


def unsupervised_topics(
    documents: pd.DataFrame,
    *,
    k: int,
    seed: int = 0,
    method: str = "nmf",
    top: int = 10,
    min_df: int | float = 2,
    max_df: int | float = 0.95,
    max_features: int | None = 20_000,
    stopwords: frozenset[str] | None = None,
) -> UnsupervisedTopics:
    """EXPLORATORY: fit a topic model (scikit-learn NMF on tf-idf, or LDA on counts) to sentences or articles.

    Each row of ``documents`` (needs ``doc_id`` and ``text``; ``sent_id`` is kept if present) is one
    document. Same input and seed give identical output. Topics are numbered 1..k and labelled
    ``U1: word · word · word`` — they are word clusters a reader must interpret, not coded categories.
    Raises ``InputError`` when the corpus is too small for ``k``.

    >>> docs = pd.DataFrame({"doc_id": list("abcd"),
    ...                      "text": ["oil gas oil", "gas oil gas", "troops army", "army troops"]})
    >>> words = unsupervised_topics(docs, k=2, min_df=1).words
    >>> sorted(sorted(g["word"].head(2)) for _, g in words.groupby("topic"))
    [['army', 'troops'], ['gas', 'oil']]
    """
    from sklearn.decomposition import NMF, LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    if method not in TOPIC_MODELS:
        raise InputError(f"method must be one of {', '.join(TOPIC_MODELS)}, not {method!r}.")
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise InputError(f"k (the number of unsupervised topics) must be a positive whole number, not {k!r}.")
    _check_top(top)
    require_columns(documents, ["doc_id", "text"], "The documents table")
    n_docs = len(documents)
    if n_docs < 2 * k:
        raise InputError(
            f"{k} unsupervised topics need at least {2 * k} documents (sentences or articles); "
            f"this corpus has {n_docs}. Lower k or use sentences as documents."
        )
    stop = default_stopwords() if stopwords is None else stopwords
    vectorizer_class = TfidfVectorizer if method == "nmf" else CountVectorizer
    vectorizer = vectorizer_class(
        analyzer=lambda text: content_words(text, stopwords=stop, min_length=3),
        min_df=min_df, max_df=max_df, max_features=max_features, dtype=np.float64,
    )
    try:
        matrix = vectorizer.fit_transform([str(t) for t in documents["text"]])
    except ValueError as exc:
        raise InputError(f"No words are left for the topic model after min_df/max_df filtering ({exc}).") from None
    vocab = vectorizer.get_feature_names_out()
    if len(vocab) < 2 * k:
        raise InputError(
            f"{k} unsupervised topics need at least {2 * k} distinct words after filtering "
            f"(min_df={min_df}, max_df={max_df}); this corpus has {len(vocab)}. Lower k or min_df."
        )
    if method == "nmf":
        model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=1000)
    else:
        model = LatentDirichletAllocation(n_components=k, random_state=seed, learning_method="batch")
    weights = model.fit_transform(matrix)
    components = model.components_
    words_rows, labels = [], {}
    for t in range(k):
        order = sorted(range(len(vocab)), key=lambda j: (-round(float(components[t, j]), 9), vocab[j]))[:top]
        labels[t + 1] = f"U{t + 1}: " + " · ".join(vocab[j] for j in order[:3])
        for rank, j in enumerate(order, start=1):
            words_rows.append({"topic": t + 1, "label": labels[t + 1], "rank": rank, "word": str(vocab[j]),
                               "weight": round(float(components[t, j]), 6)})
    sums = weights.sum(axis=1, keepdims=True)
    shares = np.divide(weights, sums, out=np.zeros_like(weights), where=sums > 0)
    id_cols = [c for c in ("doc_id", "sent_id") if c in documents.columns]
    ids = documents[id_cols].reset_index(drop=True)
    doc_topics = ids.loc[ids.index.repeat(k)].reset_index(drop=True)
    doc_topics["topic"] = np.tile(np.arange(1, k + 1), n_docs)
    doc_topics["label"] = doc_topics["topic"].map(labels)
    doc_topics["weight"] = np.round(shares.reshape(-1), 6)
    words = pd.DataFrame(words_rows, columns=["topic", "label", "rank", "word", "weight"])
    return UnsupervisedTopics(words=words, doc_topics=doc_topics, method=method, k=k,
                              documents=n_docs, vocabulary=len(vocab))


def lexicon_vs_unsupervised(
    doc_topics: pd.DataFrame,
    topic_hits: pd.DataFrame,
    *,
    topics: pd.DataFrame | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Mean unsupervised-topic weight of the sentences coded with each lexicon topic (sentence-level models).

    Columns: ``topic`` (lexicon), ``label`` (unsupervised), ``sentences``, ``mean_weight``. A high
    mean says the word cluster and the lexicon topic pick out the same sentences.

    >>> dt = pd.DataFrame({"doc_id": ["a"] * 2, "sent_id": [0] * 2, "topic": [1, 2], "label": ["U1", "U2"],
    ...                    "weight": [0.8, 0.2]})
    >>> h = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "topic": ["peace"], "term": ["truce"],
    ...                   "start": [0], "end": [5]})
    >>> lexicon_vs_unsupervised(dt, h)["mean_weight"].tolist()
    [0.8, 0.2]
    """
    require_columns(doc_topics, ["doc_id", "sent_id", "label", "weight"], "The document-topic table")
    require_columns(topic_hits, HIT_COLUMNS, "The topic hits table")
    names = _topic_list(topic_hits, topics)
    coded = topic_hits[["doc_id", "sent_id", "topic"]].assign(topic=topic_hits["topic"].astype(str)).drop_duplicates()
    joined = coded.merge(doc_topics[["doc_id", "sent_id", "label", "weight"]], on=["doc_id", "sent_id"])
    mean = joined.groupby(["topic", "label"])["weight"].mean()
    count = coded.groupby("topic").size()
    labels = list(dict.fromkeys(doc_topics.sort_values("topic", kind="stable")["label"]))
    grid = pd.MultiIndex.from_product([names, labels], names=["topic", "label"])
    out = pd.DataFrame(index=grid).reset_index()
    out["sentences"] = count.reindex(out["topic"], fill_value=0).to_numpy().astype("int64")
    out["mean_weight"] = mean.reindex(grid, fill_value=0.0).round(6).to_numpy()
    return out
