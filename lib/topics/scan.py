"""Fast candidate scan for topic coding: find the few word starts where some term could begin, cheaply.

Trying every term of a large lexicon at every word start is what made coding slow (one big alternation, ~3 ms
per 650-word article with 944 terms). A term can only match where its *first word* matches, followed by a
non-word character (the separator between words is a space or dash; a one-word term ends at a word boundary).
So one pattern of all terms, shaped as a prefix tree over the literal beginnings of their first words, finds
the positions where some term matches in a single pass of the regex engine; only there are the topics tried,
and only the topics that have a first word matching the characters at that position.

>>> scan = compile_scan(["security guarantee", "sanction*"])
>>> [(m.end(), m.group(1)) for m in scan.finditer("\\x00New sanctions, no security. Security guarantees")]
[(5, 'sanctions'), (29, 'Security')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lib.topics.lexicon import TERM_SPLIT, term_pattern

__all__ = ["RUN", "compile_scan", "first_word_pattern", "fold", "literal_key", "scan_source"]

# The characters a word of a term can match (letters, digits, ``_``, apostrophes, periods, ampersands): a term's
# first word lies inside the run of these characters at its start.
RUN = r"[\w.'’&]+"
_LITERAL = re.compile(r"[A-Za-z0-9]*")


def first_word_pattern(term: str) -> str:
    """The pattern of a term's first word (``term_pattern`` joins its words' patterns with a separator).

    >>> first_word_pattern("security guarantee")
    'securit(?:y|ies|ied|ying)'
    """
    first = next(w for w in TERM_SPLIT.split(term.strip()) if w)
    return term_pattern(first)


def literal_key(pattern: str) -> str:
    """The lower-cased ASCII letters and digits every match of ``pattern`` starts with (maybe empty).

    >>> literal_key("UAVs?"), literal_key("sanction\\\\w*"), literal_key("['’]til")
    ('uav', 'sanction', '')
    """
    key = _LITERAL.match(pattern).group()
    if key and pattern[len(key):len(key) + 1] in ("?", "*", "+", "{"):
        key = key[:-1]  # the last character is optional
    return key.lower()


def _tree(patterns: Iterable[str]) -> str:
    """One alternation of ``patterns``, each followed by ``(?!\\w)``, with shared literal beginnings factored
    out as a prefix tree (so a position is rejected after a character or two, not after every pattern)."""
    root: dict = {}
    for pattern in patterns:
        key = literal_key(pattern)
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node.setdefault("", []).append(pattern[len(key):])

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted((k, v) for k, v in node.items() if k)]
        if "" in node:
            rests = list(dict.fromkeys(node[""]))
            alts.append(("(?:" + "|".join(rests) + ")" if any(rests) else "") + r"(?!\w)")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


def compile_scan(terms: Iterable[str], *, lowered: bool = False) -> re.Pattern[str] | None:
    """:func:`scan_source`, compiled (case-insensitive unless ``lowered``)."""
    source = scan_source(terms, lowered=lowered)
    return None if source is None else re.compile(source, 0 if lowered else re.IGNORECASE)


def scan_source(terms: Iterable[str], *, lowered: bool = False) -> str | None:
    """A pattern whose matches are one non-word character followed by a position where some term matches
    (then ``m.end()`` is that position and ``m.span(1)`` the run of word characters there).

    Scan a text with a non-word character prepended (``"\\x00" + text``), so a term at its start is found.
    Compile it case-insensitive, like the terms. With ``lowered=True`` it is built from the lower-cased
    terms and compiled case-sensitive, for a text lower-cased by :func:`fold` (about twice as fast: Python's regex
    engine skips a literal alternative after one comparison, but tries every case-insensitive one); None if a
    term has a character whose case-insensitive matches ``str.lower`` does not capture.
    """
    terms = list(terms)
    if lowered:
        if any(len(t.lower()) != len(t) or _UNSAFE.search(t.lower()) for t in terms):
            return None
        terms = [t.lower() for t in terms]
    fulls = dict.fromkeys(term_pattern(t) for t in terms)
    return rf"\W(?={_tree(fulls)})(?=({RUN}))"


def fold(text: str) -> str | None:
    """``text.lower()`` if a case-sensitive match on it finds what a case-insensitive one finds on ``text``
    (same length, no character with extra case-insensitive matches such as the long s), else None.

    >>> fold("Peace TALKS"), fold("Straße"), fold("Iſland")
    ('peace talks', 'straße', None)
    """
    low = text.lower()
    return low if len(low) == len(text) and not _UNSAFE.search(low) else None


def _unsafe_characters() -> str:
    """A class of the characters that Python's case-insensitive matching equates with a character other than
    their lower case (dotless i, long s, Greek and Cyrillic variants, ...), except the ASCII ones (i, s)."""
    try:
        from re._casefix import _EXTRA_CASES  # the table ``re`` itself uses (CPython 3.11+)
    except ImportError:  # pragma: no cover - another Python: every non-ASCII text takes the slower scan
        return "[^\\x00-\\x7f]"
    return "[" + re.escape("".join(chr(c) for c in sorted(_EXTRA_CASES) if c >= 128)) + "]"


_UNSAFE = re.compile(_unsafe_characters())
