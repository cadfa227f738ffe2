"""Direct quotations and who said them, with offsets into the cleaned article text.

Three steps, each a small pure function over one article:

1. :func:`scan_quotes` (``lib.quotes.scan``) finds quoted segments with one left-to-right pass per paragraph;
   unbalanced marks never raise.
2. :func:`find_cues` (``lib.quotes.cues``) finds speech cues ("said", "told", "according to", ...) in the
   narration, with the quoted words masked out so that "as our president said" inside a quote is never a cue.
3. :func:`attribute` (``lib.quotes.attribute``) tries one strategy after another (:data:`STRATEGIES`: the
   "X added:" line before a quote paragraph, the nearest cue in the quote's sentence, a "Name:" heading, the
   previous quote's speaker) and resolves the cue's subject to an actor (``lib.quotes.speakers``): a mention, a
   role description from the actor table ("Putin's special envoy"), a pronoun or a definite description ("he",
   "the Republican") resolved to the most recent fitting PERSON, whose side may be fixed by a side word of the
   actor table ("the Russian official"). Unknown speakers ("a person familiar with the talks said") stay ``None``.

:func:`find_quotes` (``lib.quotes.frame``) makes the ``quotes`` frame from articles, sentences, mentions and the
``ActorTable``. General English word lists live in ``lib/resources/speaker_words.txt`` and
``lib/resources/reporting_verbs.txt``; nothing here knows a story.

>>> text = "“It went well,” Dmitriev said. “We will meet again.”"
>>> [text[a:b] for a, b in quote_spans(text)]
['It went well', 'We will meet again.']
"""

from __future__ import annotations

from lib.quotes.attribute import STRATEGIES, attribute
from lib.quotes.cues import Cue, find_cues
from lib.quotes.frame import FRAGMENT_MAX_WORDS, QUOTE_COLUMNS, find_quotes, is_fragment, quotes_in_text
from lib.quotes.scan import Segment, mask_quotes, quote_spans, scan_quotes
from lib.quotes.speakers import Speakers
from lib.quotes.words import CUE_VERBS

__all__ = [
    "CUE_VERBS",
    "FRAGMENT_MAX_WORDS",
    "QUOTE_COLUMNS",
    "STRATEGIES",
    "Cue",
    "Segment",
    "Speakers",
    "attribute",
    "find_cues",
    "find_quotes",
    "is_fragment",
    "mask_quotes",
    "quote_spans",
    "quotes_in_text",
    "scan_quotes",
]
