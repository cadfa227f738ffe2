"""NLTK's Punkt sentence splitter, set up for speed without changing a single span.

Two things made Punkt cost ~0.9 ms of CPU per 650-word article here:

* NLTK (3.10) runs every regular expression through ``nltk.redos`` with a wall-clock timeout, a backstop
  against catastrophic patterns supplied by callers. Punkt only uses its own fixed, linear-time patterns, and
  a timeout makes each of its many tiny matches ~8x slower (the engine checks the clock). Here Punkt's
  patterns run with ``timeout=None`` — the same ``regex`` engine, the same pattern text and flags, so the same
  matches (``nltk.redos.compile(pattern, timeout=None)`` is NLTK's own way to disable the cap).
* The verdict on a context around a possible sentence end ("said. The") depends on that short text alone
  (the parameters are fixed); about a third of them repeat, so verdicts are remembered.
* ``span_tokenize`` chains three generators per line and the verdict builds a token object per word; the same
  steps run here as plain loops (:func:`_breaks`, :func:`_realigned`, and :func:`_contains_break`, which
  also drops the branches that need learnt parameters: ours hold abbreviations only), tested against NLTK's
  own on random lines of tricky tokens and on the corpora (``benchmarks/stage_equivalence.py``).

Callers import NLTK first (``lib.text.import_nltk``) and build one splitter per process:

>>> splitter = build_splitter({"dr"})                                        # doctest: +SKIP
>>> list(splitter.span_tokenize("Dr. Who came. He left."))                   # doctest: +SKIP
[(0, 13), (14, 22)]
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

__all__ = ["build_splitter"]

_PUNKT_PATTERNS = ("_RE_ELLIPSIS", "_RE_NUMERIC", "_RE_INITIAL", "_RE_ALPHA")  # PunktToken's class patterns


def build_splitter(abbreviations: set[str] | frozenset[str]):
    """A ``PunktSentenceTokenizer`` with ``abbreviations`` (lower case, no final period) and nothing learnt,
    whose patterns run without NLTK's timeout and which remembers its verdicts (see the module docstring)."""
    from nltk import redos
    from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer, PunktToken

    def untimed(pattern):
        return redos.compile(pattern, timeout=None)

    class Token(PunktToken):
        __slots__ = ()

    for name in _PUNKT_PATTERNS:
        setattr(Token, name, untimed(getattr(PunktToken, name)))

    class LanguageVars(PunktLanguageVars):
        __slots__ = ()
        re_boundary_realignment = untimed(PunktLanguageVars.re_boundary_realignment)

        def __init__(self) -> None:  # NLTK compiles these once per instance, into these slots
            self._re_word_tokenizer = untimed(PunktLanguageVars._word_tokenizer_re(self))
            self._re_period_context = untimed(PunktLanguageVars.period_context_re(self))

    class Splitter(PunktSentenceTokenizer):
        @lru_cache(maxsize=1 << 16)  # noqa: B019 - one splitter per process, kept for the process's life
        def text_contains_sentbreak(self, text: str) -> bool:
            if "\n" in text:  # never from a line; Punkt's own steps then
                return super().text_contains_sentbreak(text)
            tokens = self._lang_vars.word_tokenize(text) if text.strip() else []
            return _contains_break(tokens, self._params.abbrev_types, Token)

        def span_tokenize(self, text: str, realign_boundaries: bool = True):
            if not realign_boundaries:
                return super().span_tokenize(text, realign_boundaries)
            return iter(_realigned(text, _breaks(self, text), self._lang_vars.re_boundary_realignment))

    params = PunktParameters()  # abbreviations only: nothing learnt, as _contains_break assumes
    params.abbrev_types = set(abbreviations)
    return Splitter(params, lang_vars=LanguageVars(), token_cls=Token)  # parameters in place of a training text


def _contains_break(tokens: list[str], abbreviations, token) -> bool:
    """Punkt's ``text_contains_sentbreak`` on the word tokens of one line, for parameters with abbreviations
    only (nothing learnt): the first pass (breaks, abbreviations, ellipses), then the second pass, where
    without learnt orthography only initials and ordinal numbers can lose their break."""
    n = len(tokens)
    breaks = [False] * n
    for i, tok in enumerate(tokens):
        if tok in _SENT_END:
            breaks[i] = True
        elif not token._RE_ELLIPSIS.match(tok) and tok.endswith(".") and not tok.endswith(".."):
            low = tok[:-1].lower()
            breaks[i] = not (low in abbreviations or low.split("-")[-1] in abbreviations)
    found = False
    for i, tok in enumerate(tokens):
        if i + 1 < n and tok.endswith("."):
            initial = token._RE_INITIAL.match(tok)
            typ = token._RE_NUMERIC.sub("##number##", tok.lower())
            typ = typ[:-1] if len(typ) > 1 and typ[-1] == "." else typ
            if initial or typ == "##number##":
                following = tokens[i + 1]
                if following in _PUNCTUATION or following[0].islower():  # the orthographic heuristic says no
                    breaks[i] = False
                elif initial and following[0].isupper():  # unknown, but an initial before a capital: "J. Bach"
                    breaks[i] = False
        if found:
            return True
        found = breaks[i]
    return False


_SENT_END = (".", "?", "!")  # PunktLanguageVars.sent_end_chars
_PUNCTUATION = tuple(";:,.!?")  # PunktSentenceTokenizer.PUNCTUATION


# NLTK's PunktSentenceTokenizer.span_tokenize, step for step (_match_potential_end_contexts, _slices_from_text,
# _realign_boundaries of nltk 3.10.4, Apache License 2.0), with its generators flattened into two loops.


def _last_whitespace(text: str, *, spaces_only: bool = False) -> int:
    """Index of the last ASCII whitespace character in ``text``, 0 if none (as Punkt's own helper);
    ``spaces_only``: the caller knows the only whitespace ``text`` can hold is the space."""
    if spaces_only:
        return max(0, text.rfind(" "))
    return max(0, *(text.rfind(ch) for ch in string.whitespace))


_OTHER_WHITESPACE = re.compile("[" + re.escape(string.whitespace.replace(" ", "")) + "]")


def _breaks(splitter, text: str) -> list[tuple[int, int]]:
    """The candidate sentences of ``text`` before realignment: Punkt's ``_slices_from_text``."""
    slices, last_break = [], 0
    previous, prev_start, prev_stop = None, 0, 0
    spaces_only = not _OTHER_WHITESPACE.search(text)
    for match in [*splitter._lang_vars.period_context_re().finditer(text), None]:
        if match is not None:
            space = _last_whitespace(text[prev_stop:match.start()], spaces_only=spaces_only)
            word_start = space + prev_stop + 1 if space else prev_start
            if previous is None or prev_stop > word_start:  # the previous context overlaps this one
                previous, prev_start, prev_stop = match, word_start, match.start()
                continue
        if previous is not None:
            context = text[prev_start:prev_stop] + previous.group() + previous.group("after_tok")
            if splitter.text_contains_sentbreak(context):
                slices.append((last_break, previous.end()))
                last_break = previous.start("next_tok") if previous.group("next_tok") else previous.end()
        if match is not None:
            previous, prev_start, prev_stop = match, word_start, match.start()
    slices.append((last_break, len(text.rstrip())))
    return slices


def _realigned(text: str, slices: list[tuple[int, int]], boundary) -> list[tuple[int, int]]:
    """Closing punctuation after a break moved onto the sentence before it: Punkt's ``_realign_boundaries``."""
    spans, realign = [], 0
    for j, (start, stop) in enumerate(slices):
        start += realign
        m = boundary.match(text[slices[j + 1][0]:slices[j + 1][1]]) if j + 1 < len(slices) else None
        if m:
            spans.append((start, slices[j + 1][0] + len(m.group(0).rstrip())))
            realign = m.end()
        else:
            realign = 0
            if text[start:stop]:
                spans.append((start, stop))
    return spans
