"""NLTK's VADER ``polarity_scores``, rule for rule, for many sentences: the same numbers, several times faster.

NLTK builds a 17 x n dictionary per sentence to find the words, runs every word through eight checks and
scores the result through a dictionary. :class:`Rules` does the same arithmetic in the same order, but looks
only at what can make a difference: a word gets a valence only if its lower case is in the lexicon, so a
sentence without such a word scores ``(0.0, 0.0, 1.0, 0.0)`` at once; the checks around a lexicon word (caps,
boosters and negations in the three words before it, "never so", "least", the idioms) are NLTK's, with the
rarely-met idiom check handed to NLTK's own method. Scores are identical to
``SentimentIntensityAnalyzer.polarity_scores`` of the same analyzer (``benchmarks/clean_tone_equivalence.py``
and ``tests/test_sentiment_rules.py`` compare them).

>>> from lib.sentiment.vader import analyzer
>>> Rules(analyzer()).scores("The food was not very good, but the staff was GREAT!")  # NLTK: the same
(0.8036, 0.394, 0.504, 0.101)
"""

from __future__ import annotations

import math
import re
import string
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from lib.sentiment.vader import Vader

__all__ = ["Rules"]

_ASCII_PUNCT = frozenset(string.punctuation)
_HAS_PUNCT = re.compile(f"[{re.escape(string.punctuation)}]")
NEUTRAL = (0.0, 0.0, 1.0, 0.0)  # compound, pos, neu, neg of words none of which is in the lexicon
EMPTY = (0.0, 0.0, 0.0, 0.0)  # no word at all


def split_words(text: str, punc: frozenset[str]) -> list[str]:
    """NLTK's ``SentiText.words_and_emoticons``: whitespace tokens longer than one character, one mark of
    ``punc`` taken off the front (else the back) when what remains is a punctuation-free word of two or more
    characters (NLTK's ``words_only``: every such remainder is one, as its token with the punctuation deleted).

    >>> split_words('"Great," he said... (ok) U.S. a', frozenset([",", "...", "(", '"']))
    ['"Great,"', 'he', 'said', '(ok)', 'U.S.']
    """
    edge = _ASCII_PUNCT
    return [_strip_one_mark(tok, punc) if tok[0] in edge or tok[-1] in edge else tok
            for tok in text.split() if len(tok) > 1]


def _strip_one_mark(tok: str, punc: frozenset[str]) -> str:
    i = 0
    while i < len(tok) and tok[i] in _ASCII_PUNCT:
        i += 1
    if i and tok[:i] in punc and len(tok) - i > 1 and not _HAS_PUNCT.search(tok, i):
        return tok[i:]
    j = len(tok)
    while j and tok[j - 1] in _ASCII_PUNCT:
        j -= 1
    if j < len(tok) and tok[j:] in punc and j > 1 and not _HAS_PUNCT.search(tok, 0, j):
        return tok[:j]
    return tok


def _first_positions(words: list[str]) -> dict[str, int]:
    first: dict[str, int] = {}
    for idx, word in enumerate(words):
        first.setdefault(word, idx)
    return first


class Rules:
    """One analyzer's lexicon and constants, ready to score many sentences (:meth:`scores`)."""

    def __init__(self, vader: Vader) -> None:
        c = vader.constants
        self.vader, self.lexicon, self.boosters, self.negate = vader, vader.lexicon, c.BOOSTER_DICT, c.NEGATE
        self.punc = frozenset(c.PUNC_LIST)
        self.c_incr, self.n_scalar = c.C_INCR, c.N_SCALAR
        multi = [k.split(" ") for k in (*c.SPECIAL_CASE_IDIOMS, *c.BOOSTER_DICT) if " " in k]
        # NLTK's idiom check compares "w1 w2 (w3)" of the words around a lexicon word with these phrases: a
        # phrase can only match if its longest word is among those words, exactly (case and all)
        self.anchors = frozenset(max(words, key=len) for words in multi)

    def scores(self, text: str) -> tuple[float, float, float, float]:
        """``(compound, pos, neu, neg)`` exactly as NLTK's ``polarity_scores(text)`` gives them."""
        words = split_words(text, self.punc)
        if not words:
            return EMPTY
        lows = list(map(str.lower, words))
        if self.lexicon.keys().isdisjoint(lows):
            return NEUTRAL
        return self._score(text, words, lows)

    def _score(self, text: str, words: list[str], lows: list[str]) -> tuple[float, float, float, float]:
        n = len(words)
        upper = sum(map(str.isupper, words))
        cap_diff = 0 < n - upper < n
        lexicon, boosters = self.lexicon, self.boosters
        sentiments: list[float] = [0] * n  # NLTK's starting valence, kept by every word not in the lexicon
        done: dict[str, float] = {}
        position = words.index if n <= 256 else _first_positions(words).__getitem__  # linear on long texts
        for k in [k for k, low in enumerate(lows) if low in lexicon]:
            item = words[k]
            if item not in done:
                i = position(item)  # NLTK scores a repeated word at its first position
                low = lows[i]
                if (i < n - 1 and low == "kind" and lows[i + 1] == "of") or low in boosters:
                    done[item] = 0
                else:
                    done[item] = self._valence(words, lows, i, cap_diff)
            sentiments[k] = done[item]
        if "but" in lows:
            bi = lows.index("but")
            sentiments = [s * 0.5 if k < bi else s * 1.5 if k > bi else s for k, s in enumerate(sentiments)]
        return self._final([s for s in sentiments if s], n, text)

    def _valence(self, words: list[str], lows: list[str], i: int, cap_diff: bool) -> float:
        """NLTK's ``sentiment_valence`` for the lexicon word at ``i``."""
        lexicon = self.lexicon
        valence = lexicon[lows[i]]
        if cap_diff and words[i].isupper():
            valence = valence + self.c_incr if valence > 0 else valence - self.c_incr
        for start_i in range(3):
            j = i - (start_i + 1)
            if i > start_i and lows[j] not in lexicon:
                s = self._scalar(words[j], lows[j], valence, cap_diff)
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = self._never(valence, words, lows, start_i, i)
                if start_i == 2 and not self.anchors.isdisjoint(words[i - 3:i + 3]):
                    valence = self.vader._idioms_check(valence, words, i)
        if i > 0 and lows[i - 1] == "least" and "least" not in lexicon:  # NLTK's _least_check
            if i > 1:
                if lows[i - 2] != "at" and lows[i - 2] != "very":
                    valence = valence * self.n_scalar
            else:
                valence = valence * self.n_scalar
        return valence

    def _scalar(self, word: str, low: str, valence: float, cap_diff: bool) -> float:
        """NLTK's ``scalar_inc_dec``: the push of a booster word before a valenced one."""
        scalar = 0.0
        if low in self.boosters:
            scalar = self.boosters[low]
            if valence < 0:
                scalar *= -1
            if word.isupper() and cap_diff:
                scalar = scalar + self.c_incr if valence > 0 else scalar - self.c_incr
        return scalar

    def _negated(self, low: str) -> bool:
        return low in self.negate or "n't" in low

    def _never(self, valence: float, words: list[str], lows: list[str], start_i: int, i: int) -> float:
        """NLTK's ``_never_check``."""
        if start_i == 0:
            if self._negated(lows[i - 1]):
                valence = valence * self.n_scalar
        elif start_i == 1:
            if words[i - 2] == "never" and (words[i - 1] == "so" or words[i - 1] == "this"):
                valence = valence * 1.5
            elif self._negated(lows[i - 2]):
                valence = valence * self.n_scalar
        elif (words[i - 3] == "never" and (words[i - 2] == "so" or words[i - 2] == "this")) or \
                (words[i - 1] == "so" or words[i - 1] == "this"):
            valence = valence * 1.25
        elif self._negated(lows[i - 3]):
            valence = valence * self.n_scalar
        return valence

    @staticmethod
    def _final(valences: list[float], n: int, text: str) -> tuple[float, float, float, float]:
        """NLTK's ``score_valence`` of ``n`` sentiments whose non-zero ones are ``valences`` (in order): the zeros
        add nothing to any sum, and count as neutral."""
        sum_s = float(sum(valences))
        ep = min(text.count("!"), 4) * 0.292
        qm_count = text.count("?")
        qm = 0 if qm_count <= 1 else qm_count * 0.18 if qm_count <= 3 else 0.96
        amplifier = ep + qm
        if sum_s > 0:
            sum_s += amplifier
        elif sum_s < 0:
            sum_s -= amplifier
        compound = sum_s / math.sqrt((sum_s * sum_s) + 15)
        pos_sum, neg_sum, neu_count = 0.0, 0.0, n - len(valences)
        for s in valences:
            if s > 0:
                pos_sum += float(s) + 1
            else:
                neg_sum += float(s) - 1
        if pos_sum > math.fabs(neg_sum):
            pos_sum += amplifier
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= amplifier
        total = pos_sum + math.fabs(neg_sum) + neu_count
        return (round(compound, 4), round(math.fabs(pos_sum / total), 3), round(math.fabs(neu_count / total), 3),
                round(math.fabs(neg_sum / total), 3))
