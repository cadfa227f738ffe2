"""The topic lexicon: an editable table (``topic, term, description``, one row per term), read and validated.

A term is one or more words separated by spaces or hyphens; ``*`` inside a word matches any further letters
(``sanction*`` matches sanction, sanctions, sanctioned). Words without ``*`` get light stemming: plurals and the
regular ``-s``/``-es``/``-ed``/``-ing`` forms count (``guarantee`` matches guarantees, ``territory`` matches
territories); all-capital acronyms only take a plural ``s`` (``UAV`` matches UAVs). Matching ignores case; a
space or hyphen in a term matches a space, a hyphen or a dash in the text. A topic has at most one description:
it may sit on any of the topic's rows (or be repeated word for word), and two different ones are an error.

>>> load_topics("data/topics.csv").columns.tolist()
['topic', 'term', 'description']
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from lib.errors import InputError

__all__ = ["TOPIC_COLUMNS", "load_topics", "term_pattern", "topic_descriptions", "topic_names", "validate_topics"]

TOPIC_COLUMNS = ["topic", "term", "description"]

_WORD_CHARS = re.compile(r"[^\W_]|['’.&]")
_SEPARATOR = r"(?:\s*[-‐‑–]\s*|\s+)"
TERM_SPLIT = re.compile(r"\s*[-‐‑–]\s*|\s+")


def term_pattern(term: str) -> str:
    """Turn one lexicon term into a regular expression (without word boundaries).

    >>> bool(re.fullmatch(term_pattern("security guarantee"), "security guarantees", re.I))
    True
    >>> bool(re.fullmatch(term_pattern("sanction*"), "sanctioned", re.I))
    True
    """
    words = [w for w in TERM_SPLIT.split(term.strip()) if w]
    if not words:
        raise InputError(f"term {term!r} is empty.")
    if words[0].startswith("*"):
        raise InputError(f"term {term!r} starts with '*'; a wildcard may only follow letters.")
    return _SEPARATOR.join(_word_pattern(word, term) for word in words)


def _word_pattern(word: str, term: str) -> str:
    literal = word.replace("*", "")
    if not literal or not all(_WORD_CHARS.fullmatch(ch) for ch in literal):
        raise InputError(
            f"term {term!r} has a word {word!r} that is not letters, digits, apostrophes or a trailing '*'."
        )
    if not any(ch.isalnum() for ch in literal):
        raise InputError(f"term {term!r} has a word {word!r} without any letter or digit.")
    if "*" in word:
        return r"\w*".join(_escape(part) for part in word.split("*"))
    return _escape(word) if _no_stemming(word) else _stem_pattern(word)


def _escape(text: str) -> str:
    return "".join("['’]" if ch in "'’" else re.escape(ch) for ch in text)


def _no_stemming(word: str) -> bool:
    return len(word) < 3 or not word.isalpha()


def _stem_pattern(word: str) -> str:
    """Light stemming: regular plural and verb endings; acronyms only take a plural ``s``."""
    lower = word.lower()
    if word.isupper():
        return _escape(word) + "s?"
    if lower.endswith("ee"):
        return _escape(word) + "(?:s|d|ing)?"
    if lower.endswith("e"):
        return _escape(word[:-1]) + "(?:e|es|ed|ing)"
    if lower.endswith("y") and lower[-2] not in "aeiou":
        return _escape(word[:-1]) + "(?:y|ies|ied|ying)"
    if lower.endswith("s"):
        return _escape(word) + "(?:es)?"
    return _escape(word) + "(?:s|es|ed|ing)?"


def _term_key(term: str) -> str:
    return " ".join(TERM_SPLIT.split(term.strip().casefold()))


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The lower-cased header and the ``(line number, cells)`` of the non-blank rows after it."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    rows_with_lines = [(i + 1, row) for i, row in enumerate(rows) if any(cell.strip() for cell in row)]
    if not rows_with_lines:
        raise InputError(f"Topic table {path} is empty; it needs the header 'topic,term,description'.")
    header_line, header = rows_with_lines[0]
    header = [h.strip().lower() for h in header]
    missing = [c for c in ("topic", "term") if c not in header]
    if missing or len(set(header)) != len(header):
        raise InputError(
            f"Topic table {path} line {header_line} has header {','.join(header)!r}; "
            "expected 'topic,term,description'."
        )
    return header, rows_with_lines[1:]


def load_topics(path: str | Path) -> pd.DataFrame:
    """Read and validate a topic table (``topic, term, description``; one row per term).

    Errors name the file and line: missing or empty file, bad header, empty topic or term, a term that cannot
    become a pattern, a repeated (topic, term) pair, a second description for a topic.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"Topic table {path} does not exist.")
    header, body = _read_rows(path)
    records, lines = [], []
    for line, row in body:
        if len(row) > len(header):
            raise InputError(
                f"Topic table {path} line {line} has {len(row)} fields but the header has {len(header)}; "
                "quote terms or descriptions that contain commas."
            )
        cells = dict(zip(header, [c.strip() for c in row] + [""] * (len(header) - len(row)), strict=True))
        records.append({c: cells.get(c, "") for c in TOPIC_COLUMNS})
        lines.append(line)
    if not records:
        raise InputError(f"Topic table {path} has a header but no terms.")
    table = pd.DataFrame(records, columns=TOPIC_COLUMNS)
    _validate(table, where=[f"Topic table {path} line {line}" for line in lines])
    return table


def validate_topics(topics: pd.DataFrame) -> pd.DataFrame:
    """Check a topic frame built in code (same rules as ``load_topics``); return a clean copy.

    >>> validate_topics(pd.DataFrame({"topic": ["t"], "term": ["talks"]})).columns.tolist()
    ['topic', 'term', 'description']
    """
    if not isinstance(topics, pd.DataFrame) or not {"topic", "term"} <= set(topics.columns):
        raise InputError("The topic table must be a DataFrame with columns 'topic' and 'term'.")
    if topics.empty:
        raise InputError("The topic table has no terms.")
    table = pd.DataFrame({c: topics[c] if c in topics.columns else "" for c in TOPIC_COLUMNS})
    table = table.fillna("").astype(str).apply(lambda col: col.str.strip()).reset_index(drop=True)
    _validate(table, where=[f"Topic table row {i}" for i in range(len(table))])
    return table


def _validate(table: pd.DataFrame, *, where: list[str]) -> None:
    seen: dict[tuple[str, str], str] = {}
    described: dict[str, tuple[str, str]] = {}
    rows = zip(where, table["topic"], table["term"], table["description"], strict=True)
    for place, topic, term, description in rows:
        if not topic:
            raise InputError(f"{place}: the topic is empty.")
        if not term:
            raise InputError(f"{place}: the term for topic {topic!r} is empty.")
        try:
            re.compile(term_pattern(term))
        except (InputError, re.error) as exc:
            raise InputError(f"{place}: cannot use term {term!r} of topic {topic!r} as a pattern ({exc}).") from None
        key = (topic, _term_key(term))
        if key in seen:
            raise InputError(f"{place} repeats topic {topic!r}, term {term!r} (already at {seen[key]}).")
        seen[key] = place
        first = described.setdefault(topic, (description, place)) if description else None
        if first is not None and first[0] != description:
            raise InputError(f"{place} gives topic {topic!r} a second description {description!r} (it has "
                             f"{first[0]!r} at {first[1]}); keep one description per topic.")


def topic_names(topics: pd.DataFrame | Sequence[str]) -> list[str]:
    """Topic names in table order, each once.

    >>> topic_names(pd.DataFrame({"topic": ["b", "a", "b"], "term": ["x", "y", "z"]}))
    ['b', 'a']
    """
    values = topics["topic"] if isinstance(topics, pd.DataFrame) else list(topics)
    return list(dict.fromkeys(str(v) for v in values))


def topic_descriptions(topics: pd.DataFrame) -> pd.DataFrame:
    """One row per topic: ``topic, description, terms`` (the description from whichever row carries it).

    >>> topic_descriptions(pd.DataFrame({"topic": ["t", "t"], "term": ["a", "b"], "description": ["", "About"]}))
      topic description  terms
    0     t       About      2
    """
    table = validate_topics(topics)
    rows = []
    for name in topic_names(table):
        part = table[table["topic"] == name]
        described = [d for d in part["description"] if d]
        rows.append({"topic": name, "description": described[0] if described else "", "terms": len(part)})
    return pd.DataFrame(rows, columns=["topic", "description", "terms"])
