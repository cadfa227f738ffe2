"""Sentences and words with character offsets into the cleaned text, offline.

Sentences: NLTK's Punkt algorithm with a news abbreviation list we ship (no downloaded model), run one line
at a time, so a sentence never crosses a paragraph or a heading. Words: one compiled regex (fast enough for
millions of words; NLTK's Treebank tokenizer is ~100× slower and is kept out of hot loops).

>>> text = "U.S. envoy Steve Witkoff met Putin. “It went well,” he said.\\nTalks continue"
>>> [text[a:b] for a, b in split_sentences(text)]
['U.S. envoy Steve Witkoff met Putin.', '“It went well,” he said.', 'Talks continue']
>>> [t for _, _, t in tokenize("Putin’s U.S.-backed 30-day plan")]
['Putin’s', 'U.S.-backed', '30-day', 'plan']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import pandas as pd

from lib.errors import ResourceMissing
from lib.imports import import_without

__all__ = [
    "ABBREVIATIONS",
    "SENTENCE_COLUMNS",
    "check_resources",
    "import_nltk",
    "sentence_table",
    "split_sentences",
    "tokenize",
    "trie_pattern",
    "word_count",
]

SENTENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text"]
# Lower case, without the final period, as Punkt stores them.
ABBREVIATIONS = frozenset(
    "u.s u.k u.n e.u u.s.a u.a.e d.c mr mrs ms dr prof gen lt col maj capt sgt adm cmdr gov sen rep rev st jr sr "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "inc corp co ltd llc plc dept univ assn bros no nos vol fig approx est e.g i.e etc vs cf al a.m p.m".split()
)
WORD = re.compile(r"\w+(?:(?:\.?[-'’&]|\.)\w+)*\.?", re.UNICODE)
_ABBREV_DOT = re.compile(r"^(?:\w\.)+\w\.$")  # U.S. keeps its final dot; "Putin." does not


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
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` offsets of the sentences in ``text``; a sentence never crosses a line break."""
    splitter = _sentence_splitter()
    spans = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            spans += [(offset + a, offset + b) for a, b in splitter.span_tokenize(line)]
        offset += len(line) + 1
    return spans


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Word tokens as ``(start, end, token)``; hyphenated words, "U.S." and "Putin’s" stay whole."""
    tokens = []
    for match in WORD.finditer(text):
        token = match.group()
        if token.endswith(".") and not _ABBREV_DOT.match(token):
            token = token[:-1]
        tokens.append((match.start(), match.start() + len(token), token))
    return tokens


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
    return sum(1 for _ in WORD.finditer(text))


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
