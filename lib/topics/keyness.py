"""Distinctive terms (keyness) and collocations: which words set a group of sentences apart, which words pair up.

Content words are the letter parts of the shared word tokens of :mod:`lib.text` (``30-day`` gives ``day``,
``U.S.-backed`` gives ``backed``), lower-cased, possessive ``'s`` dropped, stop words
(:func:`default_stopwords`) removed.

>>> content_words("The envoy’s 30-day plan, he said.")
['envoy', 'day', 'plan']
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache

import pandas as pd

from lib.errors import InputError, require_columns
from lib.resources import RESOURCES
from lib.text import import_nltk, read_tagged_words, reporting_verbs, words
from lib.topics.frequency import group_keys

__all__ = [
    "KEYNESS_METHODS",
    "NEWS_STOPWORDS",
    "check_top",
    "collocations",
    "content_words",
    "default_stopwords",
    "distinctive_terms",
    "log_likelihood",
]

KEYNESS_METHODS = ("log-likelihood", "tfidf")
_LETTERS = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
# Words every news article uses; they say how something was reported, not what about.
NEWS_STOPWORDS = reporting_verbs("topic_stop") | frozenset(
    word for word, uses in read_tagged_words(RESOURCES / "news_stopwords.txt").items() if "topic_stop" in uses
)


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

    >>> content_words("Smith’s envoy met the US-UK working group.")
    ['smith', 'envoy', 'met', 'us-uk', 'working', 'group']
    """
    stop = default_stopwords() if stopwords is None else stopwords
    found = (part for token in words(text) for part in _LETTERS.findall(token))
    lowered = (_POSSESSIVE.sub("", w.lower()).replace("’", "'") for w in found)
    return [w for w in lowered if len(w) >= min_length and w not in stop]


def check_top(top: int) -> None:
    """Raise :class:`lib.errors.InputError` unless ``top`` is a positive whole number."""
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


def _scored_terms(group: Counter, total: Counter, n_total: int, idf: dict, *, method: str, min_count: int) -> list:
    """``(sort key, word, count, count_rest, score, log_ratio)`` for the words of one group, best first."""
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
    return sorted(scored)


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
    check_top(top)
    counts = _grouped_words(sentences, by, stopwords)
    if len(counts) < 2:
        raise InputError(
            f"Distinctive terms compare groups ({by!r}) with each other and need at least 2; found {len(counts)}."
        )
    total = Counter()
    for c in counts.values():
        total.update(c)
    idf = {}
    if method == "tfidf":
        df = Counter(w for c in counts.values() for w in c)
        idf = {w: math.log((1 + len(counts)) / (1 + k)) + 1.0 for w, k in df.items()}
    rows = []
    for key, group in counts.items():
        scored = _scored_terms(group, total, sum(total.values()), idf, method=method, min_count=min_count)
        for rank, (_, word, a, b, score, ratio) in enumerate(scored[:top], start=1):
            rows.append({by: key, "rank": rank, "term": word, "count": a, "count_rest": b,
                         "score": round(score, 6), "log_ratio": round(ratio, 6)})
    return pd.DataFrame(rows, columns=[by, "rank", "term", "count", "count_rest", "score", "log_ratio"])


def _fisher(*marginals) -> float:
    """NLTK's ``BigramAssocMeasures.fisher`` with scipy's test called directly: NLTK's own works only when
    ``scipy.stats`` was imported before NLTK, which :func:`lib.text.import_nltk` avoids (see :mod:`lib.imports`)."""
    from nltk.collocations import BigramAssocMeasures
    from scipy.stats import fisher_exact

    n_ii, n_io, n_oi, n_oo = BigramAssocMeasures._contingency(*marginals)
    return float(fisher_exact([[n_ii, n_io], [n_oi, n_oo]], alternative="less")[1])


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

    check_top(top)
    scorer = _fisher if measure == "fisher" else getattr(BigramAssocMeasures, measure, None)
    if measure.startswith("_") or not callable(scorer):
        raise InputError(f"measure {measure!r} is not an NLTK BigramAssocMeasures measure such as likelihood_ratio.")
    require_columns(sentences, ["text"] + ([by] if by else []), "The sentences table")
    stop = default_stopwords() if stopwords is None else stopwords
    docs: dict[object, list[list[str]]] = {}
    for key, text in zip(group_keys(sentences, by), sentences["text"], strict=True):
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
