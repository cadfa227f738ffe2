"""VADER through NLTK, offline: the lexicon, explicit analyzer objects, and sentence tone.

The lexicon comes from the ``vaderSentiment`` wheel (its package folder holds ``vader_lexicon.txt``). It is
read by path and handed to NLTK's analyzer; NLTK's process-wide resource search path is never changed.

Analyzers are plain objects: :func:`load_analyzer` builds a fresh one each call (optionally with word valences
replaced, e.g. by the news adjustments :data:`NEWS_LEXICON`); :func:`analyzer` (plain VADER),
:func:`news_analyzer` (target tone) and :func:`tone_analyzer` (sentence tone: the news lexicon plus
:data:`NEWS_TONE`, words that name the subject of a negotiation carry no tone) build the default ones once per
process and hand out the same objects, which nothing here ever modifies. Every scoring function takes
``vader=`` to use another analyzer; ``vader=analyzer()`` is plain VADER, identical to NLTK's.

>>> round(sentence_score("The talks were constructive and positive."), 3)  # plain VADER: 0.557
0.259
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from lib.errors import InputError, ResourceMissing
from lib.resources import RESOURCES, read_table
from lib.text import straighten_quotes

if TYPE_CHECKING:  # pragma: no cover
    from nltk.sentiment.vader import SentimentIntensityAnalyzer as Vader

__all__ = [
    "LEXICON_FILE",
    "NEWS_LEXICON",
    "analyzer",
    "lexicon_dir",
    "load_analyzer",
    "load_lexicon",
    "NEWS_POSITIVE_SCALE",
    "NEWS_TONE",
    "news_analyzer",
    "polarity_scores",
    "prepare",
    "sentence_score",
    "tone_analyzer",
]

LEXICON_FILE = "vader_lexicon.txt"
_FIX = "pip install -r requirements.txt"


def _read_valences(name: str) -> Mapping[str, float]:
    """A read-only ``word -> valence`` mapping from a two-column resource table (``word``, ``valence``)."""
    header, rows = read_table(name)
    if header != ("word", "valence"):
        raise ResourceMissing(f"{RESOURCES / name} must start with the header 'word<TAB>valence'.")
    values: dict[str, float] = {}
    for word, value in rows:
        if word in values:
            raise ResourceMissing(f"{RESOURCES / name} lists {word!r} twice.")
        values[word] = float(value)
    return MappingProxyType(values)


#: News adjustments to VADER's word valences for target tone (``lib/resources/news_lexicon.txt``).
NEWS_LEXICON: Mapping[str, float] = _read_valences("news_lexicon.txt")
#: Sentence tone's news treatment over :data:`NEWS_LEXICON` (``lib/resources/news_tone.txt``): negotiation
#: topics carry no tone; the rest is fitted on NewsMTSC train (``benchmarks/fit_news_tone.py``).
_NEWS_TONE_ROWS = _read_valences("news_tone.txt")
#: The row of ``news_tone.txt`` that holds the factor for positive valences (not a word).
SCALE = "__positive_scale__"
NEWS_TONE: Mapping[str, float] = MappingProxyType({w: v for w, v in _NEWS_TONE_ROWS.items() if w != SCALE})
#: Sentence tone multiplies every positive valence by this (fitted on NewsMTSC train; 1.0 if not given).
NEWS_POSITIVE_SCALE: float = _NEWS_TONE_ROWS.get(SCALE, 1.0)


def lexicon_dir() -> Path:
    """The folder of the installed ``vaderSentiment`` package, which holds ``vader_lexicon.txt``.

    >>> (lexicon_dir() / LEXICON_FILE).is_file()
    True
    """
    from importlib.util import find_spec

    spec = find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise ResourceMissing(f"The VADER lexicon is missing (package vaderSentiment not installed); run `{_FIX}`.")
    return Path(next(iter(spec.submodule_search_locations)))


def _lexicon_text(folder: Path) -> str:
    """The lexicon file's text, decoded as ``nltk.data.load`` decodes it (UTF-8, else Latin-1)."""
    try:
        data = (folder / LEXICON_FILE).read_bytes()
    except OSError:
        raise ResourceMissing(f"The VADER lexicon {folder / LEXICON_FILE} is missing; run `{_FIX}`.") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def load_analyzer(
    *, folder: Path | None = None, adjustments: Mapping[str, float] | None = None, positive_scale: float = 1.0
) -> Vader:
    """A new NLTK VADER ``SentimentIntensityAnalyzer`` on the lexicon in ``folder`` (default: :func:`lexicon_dir`),
    with the valences in ``adjustments`` replacing the lexicon's, then positive valences multiplied by
    ``positive_scale``. Fails fast with
    :class:`lib.errors.ResourceMissing` when the lexicon is missing or unreadable.

    Built exactly as NLTK's constructor builds it, except that the file is read by path here instead of
    through ``nltk.data`` (whose search path is process-wide).

    >>> load_analyzer(adjustments={"talks": 2.0}).lexicon["talks"]
    2.0
    """
    from lib.text import import_nltk

    folder = lexicon_dir() if folder is None else Path(folder)
    text = _lexicon_text(folder)
    import_nltk()
    from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

    vader = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
    vader.lexicon_file = text
    try:
        lexicon = vader.make_lex_dict()
    except ValueError as err:
        raise ResourceMissing(f"The VADER lexicon in {folder} cannot be parsed ({err}); run `{_FIX}`.") from None
    merged = {**lexicon, **(adjustments or {})}
    if positive_scale != 1.0:
        merged = {w: v * positive_scale if v > 0 else v for w, v in merged.items()}
    vader.lexicon = merged
    vader.constants = VaderConstants()
    return vader


@cache
def analyzer() -> Vader:
    """The process-wide plain VADER analyzer (VADER's own lexicon), built once by :func:`load_analyzer`.

    >>> analyzer().polarity_scores("A good deal.")["compound"] > 0
    True
    """
    return load_analyzer()


@cache
def news_analyzer() -> Vader:
    """The process-wide analyzer for target tone: VADER's rules, :data:`NEWS_LEXICON` over its valences.

    >>> news_analyzer().lexicon["sanctions"], analyzer().lexicon.get("sanctions")
    (-1.5, None)
    """
    return load_analyzer(adjustments=NEWS_LEXICON)


@cache
def tone_analyzer() -> Vader:
    """The process-wide analyzer for sentence tone (narration, quotes, articles): VADER's rules,
    :data:`NEWS_LEXICON` and then :data:`NEWS_TONE` over its valences, positive valences times
    :data:`NEWS_POSITIVE_SCALE`. The default of :func:`sentence_score`,
    :func:`polarity_scores` and :func:`lib.sentiment.score_texts`.

    >>> tone_analyzer().lexicon["peace"], analyzer().lexicon["peace"]
    (0.0, 2.5)
    """
    return load_analyzer(adjustments={**NEWS_LEXICON, **NEWS_TONE}, positive_scale=NEWS_POSITIVE_SCALE)


def load_lexicon(*, vader: Vader | None = None) -> Mapping[str, float]:
    """VADER's word valences (word -> mean rating, -4..4) as NLTK loaded them, read-only; checks the resource.

    >>> load_lexicon()["war"]
    -2.9
    """
    return MappingProxyType((analyzer() if vader is None else vader).lexicon)


def prepare(text: str) -> str:
    """Straighten curly quotes and apostrophes (:func:`lib.text.straighten_quotes`, one character for one), so
    VADER strips them from words.

    >>> prepare("“Great,” he said. Smith’s")
    '"Great," he said. Smith\\'s'
    """
    if not isinstance(text, str):
        raise InputError(f"Expected text as a string, got {type(text).__name__}.")
    return straighten_quotes(text)


def polarity_scores(text: str, *, vader: Vader | None = None) -> dict[str, float]:
    """VADER's ``neg``, ``neu``, ``pos`` and ``compound`` for ``text`` (curly quotes straightened); ``vader``
    defaults to :func:`tone_analyzer` (news-aware), ``vader=analyzer()`` gives plain VADER.

    >>> polarity_scores("")["compound"]
    0.0
    """
    return (tone_analyzer() if vader is None else vader).polarity_scores(prepare(text))


def sentence_score(text: str, *, vader: Vader | None = None) -> float:
    """VADER compound of ``text`` in [-1, 1]: NLTK's rules, the news-aware lexicon of :func:`tone_analyzer`
    (``vader=analyzer()``: plain VADER), curly quotes straightened.

    >>> sentence_score("The ceasefire collapsed amid deadly attacks.") < 0
    True
    >>> sentence_score("Both sides want security guarantees."), sentence_score("Peace.", vader=analyzer())
    (0.0, 0.5423)
    """
    return float(polarity_scores(text, vader=vader)["compound"])
