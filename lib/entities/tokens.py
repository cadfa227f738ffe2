"""Tokens for entity rules, and where they stand: sentence starts, Title-Case headings, name-shaped words.

Entity rules need more than :func:`lib.text.tokenize` gives: punctuation as tokens (to see where a sentence or a
quotation starts), titles that keep their period ("Mr.", from the shared abbreviation list), middle initials
("Adnan Z. Amin") and a possessive split off a name ("Putin" + "’s"). Words themselves follow the shared
vocabulary: letters and digits joined by inner hyphens, apostrophes, ampersands or periods.

>>> [t for _, _, t in tokens("Mr. Putin’s U.S. envoy")]
['Mr.', 'Putin', '’s', 'U.S.', 'envoy']
"""

from __future__ import annotations

import re
from functools import lru_cache

from lib.entities.lexicon import Lexicon
from lib.text import WORD_PATTERN, abbreviations

__all__ = ["Token", "heading_tokens", "initial_flags", "is_name_token", "tokens"]

Token = tuple[int, int, str]

# titles and company suffixes that keep their period ("Mr.", "Corp."), capitalised
_ABBREV = "(?:" + "|".join(sorted((re.escape(a.capitalize()) for a in abbreviations("ner_token")), key=len,
                                  reverse=True)) + r")\."
_TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # initialisms: U.S., U.N., G.D.P.
    rf"|{_ABBREV}"  # titles and company suffixes with their period
    r"|[A-Z]\.(?=[ \u00a0][A-Z])"  # a middle initial: "Adnan Z. Amin"
    rf"|{WORD_PATTERN}"  # words, as everywhere else (lib.text)
    r"|\S"  # any other single character
)
PLURAL_ACRONYM_RE = re.compile(r"^[A-Z]{2,}s$")  # "MPs", "UAVs"
CONTRACTION_RE = re.compile(r"['’](?:m|ve|re|d|ll|t)$", re.IGNORECASE)
_POSSESSIVE_RE = re.compile(r"['’]s?$")
SENTENCE_END = frozenset({".", "!", "?", "…", ":"})
OPENERS = frozenset({"“", "‘", '"', "'", "(", "[", "—", "–", "-", "«"})


def tokens(text: str) -> list[Token]:
    """``(start, end, token)`` for words and single punctuation marks; a possessive after a capitalised word
    becomes its own token."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        s, e, tok = m.start(), m.end(), m.group()
        if len(tok) > 2 and tok[0].isupper() and tok[-1] in "s'’":
            p = _POSSESSIVE_RE.search(tok)
            if p and p.start() > 0:
                out.append((s, s + p.start(), tok[: p.start()]))
                out.append((s + p.start(), e, tok[p.start() :]))
                continue
        out.append((s, e, tok))
    return out


@lru_cache(maxsize=8)
def _particle_re(prefixes: frozenset[str]) -> re.Pattern:
    """Lower-case prefixes joined to a capitalised name ("al-Assad", "d'Estaing")."""
    alternatives = "|".join(sorted(map(re.escape, prefixes), key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives})[-'’][A-Z]")


def is_name_token(tok: str, lex: Lexicon) -> bool:
    """Capitalised word that may belong to a name (not a contraction, not 'Oscar-winning').

    >>> from lib.entities.lexicon import default_lexicon
    >>> [is_name_token(t, default_lexicon()) for t in ("Putin", "al-Assad", "We’re", "Oscar-winning", "MPs")]
    [True, True, False, False, False]
    """
    if _particle_re(lex.particle_prefixes).match(tok):
        return True
    if not tok[0].isupper() or not tok[0].isalpha():
        return False
    if CONTRACTION_RE.search(tok) or PLURAL_ACRONYM_RE.match(tok):
        return False
    if "-" in tok:
        parts = [p for p in tok.split("-") if p]
        return all(p[0].isupper() or p[0].isdigit() for p in parts)
    return True


def _after_opener(text: str, toks: list[Token], i: int, flags: list[bool]) -> bool:
    """Whether the token after an opening mark (``“``, ``(``, a dash) starts a sentence."""
    if i < 2:
        return True
    before = toks[i - 2][2]
    return (before in SENTENCE_END or before in OPENERS or before == ","
            or "\n" in text[toks[i - 2][1] : toks[i - 1][0]] or flags[i - 1])


def initial_flags(text: str, toks: list[Token]) -> list[bool]:
    """True for tokens that begin a sentence, a line or a quotation.

    >>> t = "Talks ended. “However, Putin left”"
    >>> [tok for (_, _, tok), flag in zip(tokens(t), initial_flags(t, tokens(t))) if flag]
    ['Talks', '“', 'However']
    """
    flags: list[bool] = []
    for i, (s, _e, _tok) in enumerate(toks):
        if i == 0 or "\n" in text[toks[i - 1][1] : s]:
            flags.append(True)
            continue
        prev = toks[i - 1][2]
        if prev in SENTENCE_END:
            flags.append(True)
        elif prev in OPENERS:
            flags.append(_after_opener(text, toks, i, flags))
        else:
            flags.append(False)
    return flags


def _is_heading(words: list[str], function_words: frozenset[str]) -> bool:
    """Four or more words, at least 80 % capitalised, with a capitalised function word or all capitalised."""
    capitalised = sum(w[0].isupper() for w in words)
    return len(words) >= 4 and capitalised >= 0.8 * len(words) and (
        sum(w.lower() in function_words for w in words if w[0].isupper()) > 0 or capitalised == len(words)
    )


def heading_tokens(text: str, toks: list[Token], function_words: frozenset[str]) -> set[int]:
    """Indices of tokens on Title-Case lines ("Top Official Sees Positive Dynamic In Talks").

    >>> t = "Putin And Trump To Meet\\nPutin and Trump met."
    >>> sorted(heading_tokens(t, tokens(t), frozenset({"and", "to"})))
    [0, 1, 2, 3, 4]
    """
    out: set[int] = set()
    line_start = 0
    for i in range(len(toks) + 1):
        if i == len(toks) or (i > line_start and "\n" in text[toks[i - 1][1] : toks[i][0]]):
            words = [toks[k][2] for k in range(line_start, i) if toks[k][2][:1].isalpha()]
            if _is_heading(words, function_words):
                out.update(range(line_start, i))
            line_start = i
    return out
