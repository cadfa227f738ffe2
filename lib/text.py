"""The vocabulary every module shares: words, sentences, reporting verbs, abbreviations and quote marks.

One of each, so that "a word" or "a reporting verb" means the same thing in counts, keyness, quotes and tone:

* words: :func:`tokenize` (one compiled regex, :data:`WORD_PATTERN`, with offsets; fast enough for millions of
  words, NLTK's Treebank tokenizer is ~100× slower and is kept out of hot loops), :func:`words`, :func:`word_count`;
* sentences: NLTK's Punkt algorithm with the abbreviations we ship (no downloaded model), run one line at a time,
  so a sentence never crosses a paragraph or a heading;
* :data:`REPORTING_VERBS` and :data:`ABBREVIATIONS`, read from ``lib/resources/``; each entry is tagged with the
  uses it has (:func:`reporting_verbs`, :func:`abbreviations`), so a module that needs a narrower set derives it
  from the one list;
* :func:`straighten_quotes`: curly and angle quotes and primes to ASCII, one character for one.

>>> text = "U.S. envoy Steve Witkoff met Putin. “It went well,” he said.\\nTalks continue"
>>> [text[a:b] for a, b in split_sentences(text)]
['U.S. envoy Steve Witkoff met Putin.', '“It went well,” he said.', 'Talks continue']
>>> [t for _, _, t in tokenize("Putin’s U.S.-backed 30-day plan")]
['Putin’s', 'U.S.-backed', '30-day', 'plan']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from lib.errors import InputError, ResourceMissing
from lib.imports import import_without

__all__ = [
    "ABBREVIATIONS",
    "QUOTE_MAP",
    "REPORTING_VERBS",
    "SENTENCE_COLUMNS",
    "WORD",
    "WORD_PATTERN",
    "abbreviations",
    "check_resources",
    "import_nltk",
    "read_tagged_words",
    "reporting_verbs",
    "sentence_table",
    "split_sentences",
    "straighten_quotes",
    "tokenize",
    "trie_pattern",
    "word_count",
    "words",
]

SENTENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text"]
RESOURCES = Path(__file__).with_name("resources")

# A word: letters or digits, joined by inner hyphens, apostrophes, ampersands or periods ("U.S.-backed",
# "Putin’s", "AT&T", "30-day"); an initialism keeps its final period ("U.S."), any other word does not ("Putin.").
# No groups, so scikit-learn can use it as a ``token_pattern``.
WORD_PATTERN = r"(?:\w\.){2,}(?!\w|[-'’&]\w)|\w+(?:(?:\.?[-'’&]|\.)\w+)*"
WORD = re.compile(WORD_PATTERN)

# Curly and angle quotes and primes -> ASCII, one character for one, so offsets stay valid.
QUOTE_MAP = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "‹": "'", "›": "'",
})  # fmt: skip


def read_tagged_words(path: Path) -> dict[str, frozenset[str]]:
    """Read a word list with uses: ``word use use ...`` per line, ``#`` comments. Returns ``{word: uses}``.

    >>> sorted(read_tagged_words(RESOURCES / "reporting_verbs.txt")["said"])[:2]
    ['cue', 'cue_before_subject']
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise ResourceMissing(f"Cannot read the word list {path} ({err.strerror}); restore it from git.") from None
    table: dict[str, frozenset[str]] = {}
    for line in lines:
        fields = line.split("#", 1)[0].split()
        if fields:
            table[fields[0]] = frozenset(fields[1:])
    return table


def _select(table: dict[str, frozenset[str]], use: str | None, what: str) -> frozenset[str]:
    if use is None:
        return frozenset(table)
    known = frozenset().union(*table.values())
    if use not in known:
        raise InputError(f"Unknown use {use!r} of {what}; known uses: {', '.join(sorted(known))}.")
    return frozenset(word for word, uses in table.items() if use in uses)


_REPORTING = read_tagged_words(RESOURCES / "reporting_verbs.txt")
_ABBREVIATIONS = read_tagged_words(RESOURCES / "abbreviations.txt")
REPORTING_VERBS = frozenset(_REPORTING)  # every form, lower case ("said", "told", "according")
ABBREVIATIONS = frozenset(_ABBREVIATIONS)  # lower case, without the final period, as Punkt stores them


def reporting_verbs(use: str | None = None) -> frozenset[str]:
    """The reporting verbs tagged with ``use`` in ``lib/resources/reporting_verbs.txt`` (all of them for None).

    >>> {"said", "according"} <= reporting_verbs("target_tone"), "according" in reporting_verbs("cue")
    (True, False)
    """
    return _select(_REPORTING, use, "reporting verbs")


def abbreviations(use: str | None = None) -> frozenset[str]:
    """The abbreviations tagged with ``use`` in ``lib/resources/abbreviations.txt`` (all of them for None).

    >>> sorted(abbreviations("quote_split"))[:4]
    ['col', 'dr', 'gen', 'gov']
    """
    return _select(_ABBREVIATIONS, use, "abbreviations")


def straighten_quotes(text: str) -> str:
    """Curly and angle quotes and primes to straight ones, one character for one (offsets stay valid).

    >>> print(straighten_quotes("“positive dynamic” in Russia’s ‹view›"))
    "positive dynamic" in Russia's 'view'
    """
    return text.translate(QUOTE_MAP)


def check_resources() -> None:
    """Fail fast, with one line, if the sentence splitter cannot be built offline."""
    try:
        _sentence_splitter()
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ResourceMissing(f"NLTK is not installed ({err}); run `make venv` to install requirements.txt.") from None


def import_nltk():
    """Import NLTK without the scikit-learn and ``scipy.stats`` imports it makes eagerly (~1.5 s CPU per kernel);
    see :mod:`lib.imports`. Every module here imports NLTK through this function."""
    return import_without("nltk", "sklearn", "scipy.stats")


@cache
def _sentence_splitter():
    import_nltk()
    from lib.punkt import build_splitter

    return build_splitter(abbreviations("sentence"))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` offsets of the sentences in ``text``; a sentence never crosses a line break."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            spans += [(offset + a, offset + b) for a, b in _line_spans(line)]
        offset += len(line) + 1
    return spans


@lru_cache(maxsize=1 << 15)
def _line_spans(line: str) -> tuple[tuple[int, int], ...]:
    """Punkt's sentence spans in one line, remembered: a line splits the same wherever it occurs, and most lines
    of a raw article are also lines of the cleaned one (the raw text is split again for ``raw_mentions``)."""
    return tuple(_sentence_splitter().span_tokenize(line))


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Word tokens as ``(start, end, token)``; hyphenated words, "U.S." and "Putin’s" stay whole.

    >>> tokenize("U.S. envoy met Putin.")
    [(0, 4, 'U.S.'), (5, 10, 'envoy'), (11, 14, 'met'), (15, 20, 'Putin')]
    """
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def words(text: str) -> list[str]:
    """The word tokens of ``text`` without offsets (the same words as :func:`tokenize`).

    >>> words("Putin’s U.S.-backed 30-day plan.")
    ['Putin’s', 'U.S.-backed', '30-day', 'plan']
    """
    return WORD.findall(text)


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` shaped as a prefix tree, longest alternative first.

    Python's ``re`` tries alternatives one by one at every position; sharing prefixes makes 1,000 aliases
    about 15× faster than a flat ``a|b|c``. Spaces match any run of whitespace; apostrophes match ' and ’.

    >>> re.fullmatch(trie_pattern(["Putin", "Vladimir Putin", "Vladimir"]), "Vladimir  Putin") is not None
    True
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def atom(ch: str) -> str:
        if ch == " ":
            return r"\s+"
        if ch == "'":
            return "['’]"
        return re.escape(ch)

    def emit(node: dict) -> str:
        alts = [atom(ch) + emit(child) for ch, child in sorted((k, v) for k, v in node.items() if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def word_count(text: str) -> int:
    """Number of word tokens, the denominator for rates per 1,000 words."""
    return len(WORD.findall(text))  # the pattern has no groups: one string per match, counted in C


def sentence_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: doc_id, sent_id (from 0 in each article), start, end (offsets into the article
    text) and the sentence text."""
    rows = [
        (doc_id, sent_id, start, end, text[start:end])
        for doc_id, text in zip(articles["doc_id"], articles["text"])
        for sent_id, (start, end) in enumerate(split_sentences(text))
    ]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def __getattr__(name: str):
    # STOPWORDS loads lazily: scikit-learn's English list (318 words, offline) is only imported when used.
    if name == "STOPWORDS":
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
