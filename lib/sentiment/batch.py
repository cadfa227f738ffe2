"""Sentence tone in bulk: VADER's scores for many texts, identical to NLTK one text at a time (with the same
analyzer), faster. The default analyzer is the news-aware :func:`lib.sentiment.tone_analyzer`; pass
``vader=lib.sentiment.analyzer()`` for plain VADER, identical to NLTK's ``SentimentIntensityAnalyzer``.

The fast path (:class:`lib.sentiment.rules.Rules`) applies NLTK's rules with plain string operations and only
where they can change a score (a sentence without a lexicon word is neutral at once), scores each
distinct text once and, for large inputs, spreads the work over a process pool (each worker gets the
analyzer it is to use as an argument; nothing is shared through module state).

>>> from lib.sentiment.vader import analyzer
>>> score_texts(["Good news.", "", "Good news."], vader=analyzer())["compound"].tolist()  # plain VADER
[0.4404, 0.0, 0.4404]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from lib.errors import InputError, require_columns
from lib.sentiment.rules import Rules
from lib.sentiment.vader import prepare, tone_analyzer
from lib.text import QUOTE_MAP

if TYPE_CHECKING:  # pragma: no cover
    from lib.sentiment.vader import Vader

__all__ = ["TONE_COLUMNS", "score_sentences", "score_texts"]

TONE_COLUMNS = ["doc_id", "sent_id", "compound", "pos", "neu", "neg"]
_ONE_FOR_ONE = all(isinstance(v, str) and len(v) == 1 and ord(v) not in QUOTE_MAP and k for k, v in QUOTE_MAP.items())


def _score_chunk(vader: Vader, texts: Sequence[str]) -> list[tuple[float, float, float, float]]:
    scores = Rules(vader).scores
    return [scores(t) for t in texts]


def _straighten_all(texts: list[str]) -> list[str]:
    """``[prepare(t) for t in texts]``, done on one joined string: each mark of the quote map becomes one ASCII
    character that is no mark itself, so replacing the marks one after another gives the same texts."""
    joined = "\x00".join(texts) if _ONE_FOR_ONE and all(isinstance(t, str) for t in texts) else None
    if joined is None or joined.count("\x00") != len(texts) - 1:
        return [prepare(t) for t in texts]  # (also raises the error for a text that is not a string)
    for mark, plain in QUOTE_MAP.items():
        if chr(mark) in joined:
            joined = joined.replace(chr(mark), plain)
    return joined.split("\x00")


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
    prepared = _straighten_all(list(texts))
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
