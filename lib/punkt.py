"""NLTK's Punkt sentence splitter, set up for speed without changing a single span.

Two things made Punkt cost ~0.9 ms of CPU per 650-word article here:

* NLTK (3.10) runs every regular expression through ``nltk.redos`` with a wall-clock timeout, a backstop
  against catastrophic patterns supplied by callers. Punkt only uses its own fixed, linear-time patterns, and
  a timeout makes each of its many tiny matches ~8x slower (the engine checks the clock). Here Punkt's
  patterns run with ``timeout=None`` — the same ``regex`` engine, the same pattern text and flags, so the same
  matches (``nltk.redos.compile(pattern, timeout=None)`` is NLTK's own way to disable the cap).
* The verdict on a context around a possible sentence end ("said. The") depends on that short text alone
  (the parameters are fixed); about a third of them repeat, so verdicts are remembered.
* ``span_tokenize`` chains three generators per line; the same steps run here as two plain loops
  (:func:`_breaks`, :func:`_realigned`; tested against NLTK's own on random lines of tricky tokens).

Callers import NLTK first (``lib.text.import_nltk``) and build one splitter per process:

>>> splitter = build_splitter({"dr"})                                        # doctest: +SKIP
>>> list(splitter.span_tokenize("Dr. Who came. He left."))                   # doctest: +SKIP
[(0, 13), (14, 22)]
"""

from __future__ import annotations

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
            return super().text_contains_sentbreak(text)

        def span_tokenize(self, text: str, realign_boundaries: bool = True):
            if not realign_boundaries:
                return super().span_tokenize(text, realign_boundaries)
            return iter(_realigned(text, _breaks(self, text), self._lang_vars.re_boundary_realignment))

    params = PunktParameters()
    params.abbrev_types = set(abbreviations)
    return Splitter(params, lang_vars=LanguageVars(), token_cls=Token)  # parameters in place of a training text


# NLTK's PunktSentenceTokenizer.span_tokenize, step for step (_match_potential_end_contexts, _slices_from_text,
# _realign_boundaries of nltk 3.10.4, Apache License 2.0), with its generators flattened into two loops.


def _last_whitespace(text: str) -> int:
    """Index of the last ASCII whitespace character in ``text``, 0 if none (as Punkt's own helper)."""
    return max(0, *(text.rfind(ch) for ch in string.whitespace))


def _breaks(splitter, text: str) -> list[tuple[int, int]]:
    """The candidate sentences of ``text`` before realignment: Punkt's ``_slices_from_text``."""
    slices, last_break = [], 0
    previous, prev_start, prev_stop = None, 0, 0
    for match in [*splitter._lang_vars.period_context_re().finditer(text), None]:
        if match is not None:
            space = _last_whitespace(text[prev_stop:match.start()])
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
