"""Sentence tone in bulk: VADER's scores for many texts, identical to NLTK one text at a time (with the same
analyzer), faster. The default analyzer is the news-aware :func:`lib.sentiment.tone_analyzer`; pass
``vader=lib.sentiment.analyzer()`` for plain VADER, identical to NLTK's ``SentimentIntensityAnalyzer``.

The fast path replaces NLTK's timeout-guarded regex word splitting by plain string operations, scores each
distinct text once and, for large inputs, spreads the work over a process pool (each worker gets the
analyzer it is to use as an argument; nothing is shared through module state).

>>> from lib.sentiment.vader import analyzer
>>> score_texts(["Good news.", "", "Good news."], vader=analyzer())["compound"].tolist()  # plain VADER
[0.4404, 0.0, 0.4404]
"""

from __future__ import annotations

import math
import string
from collections.abc import Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from lib.errors import InputError, require_columns
from lib.sentiment.vader import prepare, tone_analyzer

if TYPE_CHECKING:  # pragma: no cover
    from lib.sentiment.vader import Vader

__all__ = ["TONE_COLUMNS", "score_sentences", "score_texts"]

TONE_COLUMNS = ["doc_id", "sent_id", "compound", "pos", "neu", "neg"]
_ASCII_PUNCT = frozenset(string.punctuation)
_DELETE_PUNCT = str.maketrans("", "", string.punctuation)


class _Words:
    """What NLTK's ``SentiText`` computes, without NLTK's timeout-guarded regex or its 17 x n dictionary.

    NLTK keeps each whitespace token longer than one character and strips one mark from ``PUNC_LIST`` before
    or after it when the rest is a punctuation-free word of the text. Since those words contain no ASCII
    punctuation, the mark is exactly the token's leading (or trailing) run of ASCII punctuation.
    """

    __slots__ = ("text", "words_and_emoticons", "is_cap_diff")

    def __init__(self, text: str, punc: frozenset[str]) -> None:
        self.text = text
        words_only = {w for w in text.translate(_DELETE_PUNCT).split() if len(w) > 1}
        words = [_strip_one_mark(tok, punc, words_only) for tok in text.split() if len(tok) > 1]
        self.words_and_emoticons = words
        upper = sum(1 for w in words if w.isupper())
        self.is_cap_diff = 0 < len(words) - upper < len(words)


def _strip_one_mark(tok: str, punc: frozenset[str], words_only: set[str]) -> str:
    """``tok`` without its leading (else trailing) punctuation run when that run is one NLTK mark."""
    i = 0
    while i < len(tok) and tok[i] in _ASCII_PUNCT:
        i += 1
    if i and tok[:i] in punc and tok[i:] in words_only:
        return tok[i:]
    j = len(tok)
    while j and tok[j - 1] in _ASCII_PUNCT:
        j -= 1
    if j < len(tok) and tok[j:] in punc and tok[:j] in words_only:
        return tok[:j]
    return tok


def _fast_scores(vader: Vader, text: str, punc: frozenset[str]) -> tuple[float, float, float, float]:
    """NLTK's ``polarity_scores`` body with :class:`_Words`; returns (compound, pos, neu, neg)."""
    senti = _Words(text, punc)
    words = senti.words_and_emoticons
    first_index: dict[str, int] = {}
    for idx, token in enumerate(words):
        first_index.setdefault(token, idx)
    boosters = vader.constants.BOOSTER_DICT
    sentiments: list[float] = []
    last = len(words) - 1
    for item in words:
        i = first_index[item]  # NLTK (like VADER's list.index) uses a repeated word's first position
        low = item.lower()
        if (i < last and low == "kind" and words[i + 1].lower() == "of") or low in boosters:
            sentiments.append(0)
            continue
        sentiments = vader.sentiment_valence(0, senti, item, i, sentiments)
    sentiments = vader._but_check(words, sentiments)
    s = vader.score_valence(sentiments, text)
    return s["compound"], s["pos"], s["neu"], s["neg"]


def _score_chunk(vader: Vader, texts: Sequence[str]) -> list[tuple[float, float, float, float]]:
    punc = frozenset(vader.constants.PUNC_LIST)
    return [_fast_scores(vader, t, punc) for t in texts]


def _score_in_pool(vader: Vader, unique: list[str], workers: int) -> list[tuple[float, float, float, float]]:
    """Score ``unique`` texts in ``workers`` processes, one large chunk each, in order."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    size = math.ceil(len(unique) / workers)
    chunks = [unique[k:k + size] for k in range(0, len(unique), size)]
    method = "fork" if "fork" in mp.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context(method)) as pool:
        return [row for part in pool.map(partial(_score_chunk, vader), chunks) for row in part]


def score_texts(
    texts: Iterable[str], *, workers: int = 1, min_parallel: int = 20_000, vader: Vader | None = None
) -> pd.DataFrame:
    """VADER ``compound, pos, neu, neg`` for each text, identical to NLTK one text at a time with the same
    analyzer, faster.

    Duplicate texts are scored once; with ``workers`` > 1 and at least ``min_parallel`` distinct texts, a
    process pool scores one large chunk per worker. ``vader`` defaults to the news-aware
    :func:`lib.sentiment.tone_analyzer`; ``vader=analyzer()`` is plain VADER.

    >>> score_texts(["Bad news."])["compound"].tolist()
    [-0.5423]
    """
    if not isinstance(workers, int) or workers < 1:
        raise InputError(f"workers must be a positive integer, got {workers!r}.")
    prepared = [prepare(t) for t in texts]
    unique = list(dict.fromkeys(prepared))
    vader = tone_analyzer() if vader is None else vader
    if workers > 1 and len(unique) >= min_parallel:
        scored = _score_in_pool(vader, unique, workers)
    else:
        scored = _score_chunk(vader, unique)
    lookup = dict(zip(unique, scored))
    return pd.DataFrame([lookup[t] for t in prepared], columns=["compound", "pos", "neu", "neg"])


def score_sentences(sentences: pd.DataFrame, *, workers: int = 1, vader: Vader | None = None) -> pd.DataFrame:
    """The ``tones`` frame: ``doc_id, sent_id, compound, pos, neu, neg`` for each row of ``sentences``.

    >>> s = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [9], "text": ["Good news"]})
    >>> score_sentences(s).columns.tolist()
    ['doc_id', 'sent_id', 'compound', 'pos', 'neu', 'neg']
    """
    require_columns(sentences, ["doc_id", "sent_id", "text"], "sentences")
    texts = sentences["text"].tolist()
    for k, t in enumerate(texts):
        if not isinstance(t, str):
            raise InputError(f"sentences row {k} has no text (got {type(t).__name__}).")
    scores = score_texts(texts, workers=workers, vader=vader)
    out = pd.DataFrame({"doc_id": sentences["doc_id"].to_numpy(), "sent_id": sentences["sent_id"].to_numpy()})
    for col in TONE_COLUMNS[2:]:
        out[col] = scores[col].to_numpy()
    return out
