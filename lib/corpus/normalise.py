"""One spelling per outlet, one day per date, one copy per text.

>>> normalise_outlets(["The Huffington Post", "thehuffingtonpost", "huffingtonpost.com", "Reuters"])[0]
['The Huffington Post', 'The Huffington Post', 'The Huffington Post', 'Reuters']
>>> parse_dates(["2020-01-02T23:30:00-05:00", "March 3, 2019", "soon"])
(['2020-01-02', '2019-03-03', ''], ['soon'])
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

__all__ = ["duplicate_texts", "normalise_outlets", "outlet_key", "parse_dates"]

SUFFIXES_FILE = Path(__file__).resolve().parent.parent / "resources" / "domain_suffixes.txt"
DOMAIN = re.compile(r"^(?:https?://)?(?:www\d?\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:/.*)?$", re.IGNORECASE)
ISO_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:$|[T ]\d)")


@lru_cache(maxsize=1)
def _suffixes() -> frozenset[str]:
    lines = SUFFIXES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _domain_name(value: str) -> str:
    """The distinctive label of a web address ("www.huffingtonpost.co.uk" -> "huffingtonpost"), or ""."""
    match = DOMAIN.match(value.strip())
    if not match:
        return ""
    labels = match.group(1).lower().split(".")
    while len(labels) > 1 and labels[-1] in _suffixes():
        labels.pop()
    return labels[-1]


def outlet_key(name: str) -> str:
    """What two spellings of one outlet share: lower case, letters and digits only, no leading "The", no domain.

    >>> outlet_key("The  New York Times"), outlet_key("nytimes.com"), outlet_key("USA TODAY")
    ('newyorktimes', 'nytimes', 'usatoday')
    """
    value = _domain_name(name) or name
    value = re.sub(r"^\s*the\s+", "", value.strip(), flags=re.IGNORECASE)
    return re.sub(r"[\W_]+", "", value.lower())


def normalise_outlets(names: Sequence[str]) -> tuple[list[str], list[tuple[str, str, int]]]:
    """One display name per outlet, and the mapping ``(original, outlet, articles)`` for every spelling.

    Spellings that share a key (see :func:`outlet_key`), or differ only by a squashed leading "the"
    ("thehuffingtonpost"), are one outlet, shown under its most frequent written-out spelling (one with a
    space or a capital letter, not a web address). Blank names stay blank.
    """
    counts = Counter(str(n).strip() for n in names)
    counts.pop("", None)
    keys = {name: outlet_key(name) for name in counts}
    known = set(keys.values())
    for name, key in keys.items():
        if key.startswith("the") and key[3:] in known and len(key) > 6:
            keys[name] = key[3:]
    groups: dict[str, list[str]] = {}
    for name in counts:
        groups.setdefault(keys[name], []).append(name)
    display = {}
    for members in groups.values():
        best = max(members, key=lambda n: (not _domain_name(n), n != n.lower(), " " in n, counts[n], n))
        display.update({member: best for member in members})
    mapping = sorted((name, display[name], counts[name]) for name in counts)
    return [display.get(str(n).strip(), "") for n in names], mapping


def parse_dates(values: Sequence[str]) -> tuple[list[str], list[str]]:
    """Each date as an ISO day (``YYYY-MM-DD``, time zone dropped, the day as written), and what failed.

    A value with a time zone keeps its local day ("2020-01-02T23:30:00-05:00" is 2 January). Blank values stay
    blank and are not counted as failures.
    """
    days = {value: _day(value) for value in set(map(str, values))}
    unparsed = [v for v in map(str, values) if v.strip() and not days[v]]
    return [days[str(v)] for v in values], unparsed


def _day(value: str) -> str:
    if not value.strip():
        return ""
    match = ISO_DAY.match(value)
    if match:
        try:
            from datetime import date

            return date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            return ""
    import pandas as pd

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            stamp = pd.Timestamp(value.strip())
        except (ValueError, TypeError, OverflowError):
            return ""
    if pd.isna(stamp):
        return ""
    return stamp.tz_localize(None).date().isoformat() if stamp.tzinfo else stamp.date().isoformat()


def duplicate_texts(doc_ids: Sequence[str], texts: Sequence[str]) -> list[tuple[str, str]]:
    """``(doc_id, duplicate_of)`` for every article whose text (ignoring surrounding blanks) appeared before.

    >>> duplicate_texts(["a", "b", "c"], ["Talks.", "Other.", " Talks.\\n"])
    [('c', 'a')]
    """
    first: dict[str, str] = {}
    found = []
    for doc_id, text in zip(doc_ids, texts):
        key = str(text).strip()
        if key in first:
            found.append((doc_id, first[key]))
        else:
            first[key] = doc_id
    return found
