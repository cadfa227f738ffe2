"""NLTK's Punkt sentence splitter, set up for speed without changing a single span.

Two things made Punkt cost ~0.9 ms of CPU per 650-word article here:

* NLTK (3.10) runs every regular expression through ``nltk.redos`` with a wall-clock timeout, a backstop
  against catastrophic patterns supplied by callers. Punkt only uses its own fixed, linear-time patterns, and
  a timeout makes each of its many tiny matches ~8x slower (the engine checks the clock). Here Punkt's
  patterns run with ``timeout=None`` — the same ``regex`` engine, the same pattern text and flags, so the same
  matches (``nltk.redos.compile(pattern, timeout=None)`` is NLTK's own way to disable the cap).
* The verdict on a context around a possible sentence end ("said. The") depends on that short text alone
  (the parameters are fixed); about a third of them repeat, so verdicts are remembered.

Callers import NLTK first (``lib.text.import_nltk``) and build one splitter per process:

>>> splitter = build_splitter({"dr"})                                        # doctest: +SKIP
>>> list(splitter.span_tokenize("Dr. Who came. He left."))                   # doctest: +SKIP
[(0, 13), (14, 22)]
"""

from __future__ import annotations

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

    params = PunktParameters()
    params.abbrev_types = set(abbreviations)
    return Splitter(params, lang_vars=LanguageVars(), token_cls=Token)  # parameters in place of a training text
