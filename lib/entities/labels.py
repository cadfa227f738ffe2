"""Labels for one run of name words: PERSON, ORG, LOC or MISC, and whether the evidence is strong.

The rules are tried in order; the word lists they consult are data (:class:`lib.entities.lexicon.Lexicon`).
Several words: a known organisation or place, then an event, organisation or place head ("World War II",
"Foreign Ministry", "Danube River"), then compass and demonym patterns, first names and surnames, and the share
of ordinary words. One word: country codes, demonyms, hyphenated place pairs ("US-Russia"), acronyms, ordinary
words (dropped), group names ("Athenians"), names lists, the word's shape ("YouTube"), then the words around it
("X said" -> PERSON, "the X newspaper" -> ORG, "in X" -> LOC, "the X" -> ORG).

>>> from lib.entities.lexicon import default_lexicon
>>> label(["Danube", "River"], after_title=False, prev="the", nxt="past", lex=default_lexicon())
('LOC', True)
>>> label(["Grushko"], after_title=False, prev="", nxt="told", lex=default_lexicon())
('PERSON', False)
"""

from __future__ import annotations

import re
from functools import lru_cache

from lib.entities.lexicon import Lexicon
from lib.entities.tokens import CONTRACTION_RE

__all__ = ["is_acronym", "label", "looks_common"]

Label = tuple[str | None, bool]
_GROUP_SUFFIX_RE = re.compile(r"(?:ians?|eans?|ese|ish|(?<!v)ic|ites?|ans)$")  # "Athenians", "Slavic"
_ROMAN_RE = re.compile(r"^(?:i{1,3}|iv|v|vi{1,3}|ix|x)$")  # "World War III", "Elizabeth II"


def looks_common(word: str, lex: Lexicon, *, strict: bool = False) -> bool:
    """An ordinary English word capitalised only by its position (``However``, ``Researchers``).

    ``strict`` (used when more capitalised words follow) trusts only the short word lists, not the dictionary.
    """
    low = word.lower()
    if low in lex.common or CONTRACTION_RE.search(low):
        return True
    if low in lex.places or low in lex.orgs or low in lex.first_names or low in lex.surnames:
        return False
    if low in lex.lexical or (len(low) > 4 and low.endswith("ly")):
        return True
    if strict:
        return False
    if low in lex.dictionary:
        return True
    return any(s in lex.lexical or s in lex.dictionary for s in _stems(low) if len(s) > 2)


def _stems(low: str) -> list[str]:
    """Candidate base forms of a plural or an -ed/-ing form."""
    stems = [low[:-1]] if low.endswith("s") else []
    if low.endswith("es"):
        stems.append(low[:-2])
    if low.endswith("ies"):
        stems.append(low[:-3] + "y")
    if low.endswith("ed") or low.endswith("ing"):
        base = low[:-2] if low.endswith("ed") else low[:-3]
        stems += [base, base + "e", base[:-1]]
    return stems


def is_acronym(word: str) -> bool:
    """Two or more letters, all capitals ("NATO", "U.S.")."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=8)
def _camel_re(prefixes: frozenset[str]) -> re.Pattern:
    """Name prefixes followed by a capital ("McCain", "O'Brien"): a person's name, not a brand."""
    alternatives = "|".join(sorted((re.escape(p.capitalize()) for p in prefixes), key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives})[A-Z]")


def label(words: list[str], *, after_title: bool, prev: str, nxt: str, lex: Lexicon) -> Label:
    """Label one run (already stripped of titles): (label or None to drop it, whether the evidence is strong)."""
    if after_title:
        return "PERSON", True
    lower = [w.lower() for w in words]
    joined = " ".join(lower)
    while len(lower) > 1 and _ROMAN_RE.match(lower[-1]):
        lower = lower[:-1]
    if joined in lex.orgs:
        return "ORG", True
    if joined in lex.places:
        return "LOC", True
    found = _label_by_head(lower, lex)
    if found:
        return found
    if len(words) == 1:
        return _label_single(words[0], lower[0], prev=prev, nxt=nxt, lex=lex)
    return _label_by_words(lower, len(words), lex)


def _label_by_head(lower: list[str], lex: Lexicon) -> Label | None:
    """Events, organisations and places known by their head word ("Paris Agreement", "Bank of England")."""
    cut = lower.index("of") if "of" in lower else len(lower)
    head = lower[cut - 1].rstrip(".")
    last = lower[-1].rstrip(".")
    if last in lex.misc_heads or head in lex.misc_heads:
        return "MISC", True
    if head in lex.org_heads or (lower[0] in lex.org_starts and cut < len(lower)) or last in lex.org_heads:
        return "ORG", True
    if head in lex.loc_heads or (len(lower) > 1 and lower[0] in lex.loc_starts):
        return "LOC", True
    return None


def _label_by_words(lower: list[str], n_words: int, lex: Lexicon) -> Label:
    """Several words without a known head: compass and nationality patterns, names lists, ordinary words."""
    if lower[0] in lex.compass and (" ".join(lower[1:]) in lex.places or lower[-1] in lex.regions):
        return "LOC", True
    if lower[-1] in lex.demonyms and lower[0] in lex.compass | {"new", "latin"}:
        return "MISC", True
    if lower[0] in lex.foreign_articles:
        return "ORG", False
    if lower[0] in lex.first_names or lower[-1] in lex.surnames:
        return "PERSON", True
    if lower[0] in lex.places or lower[0] in lex.orgs or lower[0] in lex.demonyms:
        return ("ORG" if not all(w in lex.lexical for w in lower[1:]) else "MISC"), False
    if all(w in lex.lexical or w in lex.dictionary for w in lower):
        return "MISC", False
    if any(w in lex.lexical for w in lower[1:]) or n_words > 3:
        return "ORG", False
    return "PERSON", False


def _label_single(word: str, low: str, *, prev: str, nxt: str, lex: Lexicon) -> Label:
    """Label a one-word name from lists, its shape and the words around it."""
    if low in lex.country_codes:
        return "LOC", True
    if low in lex.demonyms or (low.endswith("s") and low[:-1] in lex.demonyms):
        return "MISC", True
    if "-" in low:
        parts = low.split("-")
        if all(p in lex.places or p in lex.demonyms or p in lex.country_codes or p in lex.orgs for p in parts):
            return "MISC", True  # "US-Russia relations", "Russian-Ukrainian"
        if parts[0] in lex.loc_starts or parts[0] in lex.hyphen_place_prefixes:
            return "LOC", True
    if is_acronym(word):
        return "ORG", True
    if low in lex.common or low in lex.months_days:
        return None, True
    if (len(low) > 5 and _GROUP_SUFFIX_RE.search(low) and low not in lex.first_names and low not in lex.surnames
            and (low.endswith("s") or nxt[:1].islower())):
        return "MISC", False  # "Athenians", "Slavic languages", "Canaanite cities"
    if low in lex.compass:
        return "LOC", False  # "the West"
    if low in lex.first_names or low in lex.surnames:
        return "PERSON", True
    return _label_by_shape(word, lex) or _label_by_context(prev=prev, nxt=nxt, lex=lex)


def _label_by_shape(word: str, lex: Lexicon) -> Label | None:
    """Brands and web names by their shape; mixed case after a name prefix ("McCain") is still a name."""
    if "." in word.strip("."):
        return "ORG", False  # "Caliber.Az", "Amazon.com"
    if any(c.isupper() for c in word[1:]) and not _camel_re(lex.camel_prefixes).match(word):
        return "ORG", False  # "SaskTel", "YouTube"
    return None


def _label_by_context(*, prev: str, nxt: str, lex: Lexicon) -> Label:
    """An unknown single name, from its neighbours; a person when they say nothing."""
    if nxt in lex.person_after:
        return "PERSON", False
    if nxt in lex.org_after:
        return "ORG", False
    if prev in lex.loc_before:
        return "LOC", False
    if prev in lex.org_before:
        return "ORG", False
    return "PERSON", False
