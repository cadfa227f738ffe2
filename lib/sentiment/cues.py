"""The cues target tone is computed from: VADER word valences around a mention, and where they sit.

:func:`token_valences` reads VADER's word valences (news-adjusted lexicon; negation, boosters and capitals
applied) with offsets; :func:`target_features` turns them into the cues of :data:`TARGET_FEATURES`: distance
to the target, same clause or not, before or after it, inside quotation marks or not, whether the target is
the speaker of a reporting verb, "against X". Cue words: ``lib/resources/target_cues.txt`` and the reporting
verbs of :mod:`lib.text` tagged ``target_tone``.

>>> f = target_features("Critics slammed Smith over the scandal.", 16, 21)
>>> f["near_neg"] > 0.3, f["near_pos"]
(True, 0.0)
"""

from __future__ import annotations

import math
import string
from typing import TYPE_CHECKING

import numpy as np

from lib.errors import InputError
from lib.resources import RESOURCES
from lib.sentiment.vader import news_analyzer, prepare
from lib.text import read_tagged_words, reporting_verbs

if TYPE_CHECKING:  # pragma: no cover
    from lib.sentiment.vader import Vader

__all__ = ["TARGET_FEATURES", "Valences", "features_from_valences", "target_features", "token_valences"]

TARGET_FEATURES = (
    "all_pos", "all_neg", "near_pos", "near_neg", "mid_pos", "mid_neg", "clause_pos", "clause_neg",
    "left_pos", "left_neg", "right_pos", "right_neg", "quoted_pos", "quoted_neg", "speaker",
    "speaker_pos", "speaker_neg", "in_quote", "against", "subject", "position", "length",
)
Valences = tuple[tuple[int, int, str, float], ...]

_CUES = read_tagged_words(RESOURCES / "target_cues.txt")
_CLAUSE_WORDS = frozenset(w for w, uses in _CUES.items() if "clause" in uses)
_AGAINST = frozenset(w for w, uses in _CUES.items() if "against" in uses)
_SPEAKER_VERBS = reporting_verbs("target_tone")
# Marks between two words that end a clause.
_CLAUSE_END = (",", ";", ":", "(", ")", "—", "–", '"')
_WINDOWS = ("all", "near", "mid", "clause", "left", "right", "quoted")


class _Tokens:
    """The two attributes of NLTK's ``SentiText`` that VADER's word rules read."""

    __slots__ = ("words_and_emoticons", "is_cap_diff")

    def __init__(self, words: list[str]) -> None:
        self.words_and_emoticons = words
        upper = sum(1 for w in words if w.isupper())
        self.is_cap_diff = 0 < len(words) - upper < len(words)


def _words_with_offsets(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Whitespace tokens longer than one character, edge punctuation stripped (as vaderSentiment does)."""
    spans, words = [], []
    pos = 0
    for tok in text.split():
        pos = text.index(tok, pos)
        if len(tok) > 1:
            word = tok.strip(string.punctuation)
            if len(word) < 2:  # an emoticon or a mark: keep it whole, as VADER does
                word = tok
            offset = pos + tok.index(word)
            spans.append((offset, offset + len(word)))
            words.append(word)
        pos += len(tok)
    return spans, words


def token_valences(text: str, *, vader: Vader | None = None) -> Valences:
    """``(start, end, word, valence)`` for VADER's words in ``text``: news-adjusted lexicon (``vader`` defaults
    to :func:`lib.sentiment.news_analyzer`), VADER's negation, booster and capitals rules applied, no "but"
    re-weighting (clauses are handled by the target cues).

    Unlike NLTK's tokenizer, all leading and trailing punctuation is stripped from a word (as the
    vaderSentiment package does), so ``"Great,"`` inside a quote still counts as *great*.

    >>> [(w, v) for _, _, w, v in token_valences("Not good. He called it “great.”") if v]
    [('good', -1.406), ('great', 3.1)]
    """
    text = prepare(text)
    vader = news_analyzer() if vader is None else vader
    spans, words = _words_with_offsets(text)
    senti = _Tokens(words)
    boosters = vader.constants.BOOSTER_DICT
    out = []
    last = len(words) - 1
    for i, (item, (a, b)) in enumerate(zip(words, spans)):
        low = item.lower()
        if (i < last and low == "kind" and words[i + 1].lower() == "of") or low in boosters:
            value = 0.0
        else:
            value = float(vader.sentiment_valence(0, senti, item, i, [])[-1])
        out.append((a, b, item, round(value, 4)))
    return tuple(out)


def _norm(x: float) -> float:
    return x / math.sqrt(x * x + 15.0)


def check_span(text: str, start: int, end: int) -> None:
    """Raise :class:`lib.errors.InputError` unless ``[start, end)`` is a non-empty span of ``text``."""
    if not isinstance(text, str):
        raise InputError(f"Expected text as a string, got {type(text).__name__}.")
    if not (isinstance(start, int | np.integer) and isinstance(end, int | np.integer)):
        raise InputError(f"Target offsets must be integers, got start={start!r}, end={end!r}.")
    if not 0 <= start < end <= len(text):
        raise InputError(f"Target span [{start}, {end}) is not inside the text of length {len(text)}.")


def _target_tokens(toks: Valences, start: int, end: int) -> tuple[int, int]:
    """First and last token index of the target; a target inside a one-character token sits between two."""
    inside = [k for k, (a, b, _, _) in enumerate(toks) if a < end and b > start]
    if inside:
        return inside[0], inside[-1]
    lo = sum(1 for a, _, _, _ in toks if a < start)
    return lo, lo - 1


def _clause_ids(toks: Valences, prepared: str) -> list[int]:
    """Clause number of each token: a new clause after a token ending in a clause mark, or at a clause word."""
    clause, cid, n = [], 0, len(toks)
    for k, (_, _, w, _) in enumerate(toks):
        if w.lower() in _CLAUSE_WORDS:
            cid += 1
        clause.append(cid)
        between = prepared[toks[k][1]:toks[k + 1][0]] if k + 1 < n else ""
        if any(mark in between for mark in _CLAUSE_END):
            cid += 1
    return clause


def _quoted_mask(text: str) -> list[bool]:
    """True for characters between straight double quotes (after :func:`prepare`); one extra slot at the end."""
    mask = [False] * (len(text) + 1)
    inside = False
    for k, ch in enumerate(text):
        if ch == '"':
            inside = not inside
            continue
        mask[k] = inside
    return mask


def _valence_cues(toks: Valences, lo: int, hi: int, clause: list[int], quoted: list[bool]) -> dict[str, float]:
    """Squashed sums of positive and negative valences in each window around the target (its own words left out)."""
    n = len(toks)
    target_clause = clause[lo] if 0 <= lo < n else (clause[hi] if 0 <= hi < n else -1)
    acc = {k: [0.0, 0.0] for k in _WINDOWS}
    for k, (a, _, _, v) in enumerate(toks):
        if lo <= k <= hi or not v:
            continue
        side, mag = (0 if v > 0 else 1), abs(v)
        d = lo - k if k < lo else k - hi
        acc["all"][side] += mag
        acc["near"][side] += mag * math.exp(-(d - 1) / 2.0)
        acc["mid"][side] += mag * math.exp(-(d - 1) / 6.0)
        if clause[k] == target_clause:
            acc["clause"][side] += mag
        acc["left" if k < lo else "right"][side] += mag
        if quoted[a]:
            acc["quoted"][side] += mag
    out: dict[str, float] = {}
    for key, (p, q) in acc.items():
        out[f"{key}_pos"], out[f"{key}_neg"] = _norm(p), _norm(q)
    return out


def features_from_valences(text: str, toks: Valences, start: int, end: int) -> dict[str, float]:
    """:func:`target_features` from the already computed ``toks = token_valences(text)``."""
    prepared = prepare(text)
    n = len(toks)
    lo, hi = _target_tokens(toks, start, end)
    quoted = _quoted_mask(prepared)
    f = _valence_cues(toks, lo, hi, _clause_ids(toks, prepared), quoted)
    words = [w.lower().strip(string.punctuation) for _, _, w, _ in toks]
    before = words[max(0, lo - 2):max(0, lo)]
    after = words[hi + 1:hi + 3] if hi + 1 < n else []
    speaker = float(any(w in _SPEAKER_VERBS for w in before + after))
    f["speaker"] = speaker
    f["speaker_pos"] = speaker * f["quoted_pos"]
    f["speaker_neg"] = speaker * f["quoted_neg"]
    f["in_quote"] = float(quoted[start])
    f["against"] = float(any(w in _AGAINST for w in words[max(0, lo - 3):max(0, lo)]))
    f["subject"] = float(lo <= 0)
    f["position"] = start / max(1, len(text))
    f["length"] = min(n, 60) / 60.0
    return f


def target_features(text: str, start: int, end: int, *, vader: Vader | None = None) -> dict[str, float]:
    """The cues the target tone is computed from, each in [-1, 1] (see :data:`TARGET_FEATURES`).

    Word valences of the target's own words are left out; ``*_pos``/``*_neg`` are squashed sums of positive
    and negative valences: over the sentence, near the target (weights decaying over 2 and 6 words), in its
    clause, before and after it, and inside quotation marks. ``speaker`` is 1 when a reporting verb is next to
    the target ("X said", "said X", "according to X"); ``against`` when "against X" (or similar) precedes it.

    >>> target_features("Voters turned against Smith.", 22, 27)["against"]
    1.0
    """
    check_span(text, start, end)
    return features_from_valences(text, token_valences(text, vader=vader), start, end)
