"""Names found in a corpus, with the evidence the automatic actor table needs: how often, in which form, at a
sentence start or not, and the words just before and after them; then cleaned ("December Microsoft" ->
"Microsoft") and typed PERSON/ORG/LOC (holidays, party labels and companies are never people).

Word lists are data: ``lib/resources/actor_words.txt`` (holidays, party words, company suffixes, the words
around a name that point at an organisation or a person) and the entity lists of ``lib.entities``.

>>> import pandas as pd
>>> s = pd.DataFrame({"doc_id": ["a", "a"], "text": ["Oil firm Yukos said profits fell.", "Yukos shares fell."]})
>>> stats = name_stats(s)
>>> name_type(stats["yukos"], person_surnames(stats), lowercase={})
'ORG'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from lib.actors.table import strip_name
from lib.entities import default_lexicon, find_entities
from lib.entities.lexicon import read_sections
from lib.resources import RESOURCES

__all__ = ["ACTOR_WORDS", "NameStats", "actor_words", "clean_names", "lowercase_counts", "name_stats", "name_type",
           "person_surnames"]

ACTOR_WORDS = RESOURCES / "actor_words.txt"
Entities = Callable[[str], list[tuple[int, int, str]]]
_WORD = re.compile(r"[\w.'’-]+")
_LOWER = re.compile(r"(?<![\w-])[a-z][a-z'-]+(?![\w-])")
_OPENERS = " \t\"“‘'([—–-«"
_CONNECTORS = frozenset({"of", "for", "and", "the", "&"})


@cache
def actor_words() -> dict[str, frozenset[str]]:
    """The sections of ``actor_words.txt`` as lower-case sets ("_" joins words)."""
    return {name: frozenset(w.replace("_", " ") for w in words) for name, words in read_sections(ACTOR_WORDS).items()}


@dataclass
class NameStats:
    """Everything seen of one name (keyed by its case-folded form)."""

    surfaces: Counter = field(default_factory=Counter)  # exact text, possessive included
    labels: Counter = field(default_factory=Counter)
    docs: set = field(default_factory=set)
    before: Counter = field(default_factory=Counter)  # lower-case word right before
    after: Counter = field(default_factory=Counter)  # lower-case word right after (possessive skipped)
    at_start: int = 0
    count: int = 0

    def merge(self, other: NameStats) -> None:
        for mine, theirs in ((self.surfaces, other.surfaces), (self.labels, other.labels),
                             (self.before, other.before), (self.after, other.after)):
            mine.update(theirs)
        self.docs |= other.docs
        self.at_start += other.at_start
        self.count += other.count

    @property
    def name(self) -> str:
        """The most frequent written form, possessive removed."""
        forms = Counter()
        for surface, n in self.surfaces.items():
            forms[strip_name(surface)] += n
        return max(forms, key=lambda f: (forms[f], f))


def _context(text: str, start: int, end: int) -> tuple[str, str, bool]:
    """(word before, word after, at a sentence start) around ``text[start:end]``."""
    left = _WORD.findall(text[max(0, start - 30):start])
    rest = text[end:end + 30]
    rest = rest[2:] if rest[:2] in ("'s", "’s") else rest
    right = _WORD.findall(rest)
    return (left[-1].lower() if left else "", right[0].lower() if right else "",
            not text[:start].strip(_OPENERS))


def name_stats(sentences: pd.DataFrame, *, entities: Entities = find_entities,
               types: tuple[str, ...] = ("PERSON", "ORG", "LOC", "MISC")) -> dict[str, NameStats]:
    """Case-folded name -> :class:`NameStats` over every sentence (``doc_id``, ``text``)."""
    stats: dict[str, NameStats] = {}
    for doc_id, text in zip(sentences["doc_id"], sentences["text"]):
        if not isinstance(text, str) or not text:
            continue
        for start, end, label in entities(text):
            surface = text[start:end]
            name = strip_name(surface)
            if label not in types or len(name) < 2:
                continue
            before, after, at_start = _context(text, start, end)
            s = stats.setdefault(name.casefold(), NameStats())
            s.surfaces[surface] += 1
            s.labels[label] += 1
            s.docs.add(doc_id)
            s.before[before] += 1
            s.after[after] += 1
            s.at_start += at_start
            s.count += 1
    return stats


def lowercase_counts(sentences: pd.DataFrame) -> Counter:
    """How often each lower-case word occurs in the texts ("ceasefire" against a "Ceasefire" heading)."""
    counts: Counter = Counter()
    for text in sentences["text"]:
        if isinstance(text, str):
            counts.update(_LOWER.findall(text))
    return counts


def _kept_words(key: str, stats: dict[str, NameStats], lowercase: Counter) -> tuple[int, int]:
    """Which words of a name to keep, as a slice ``(i, j)``: not a leading month or weekday (a dateline), not
    what follows a stray function word ("Donald Trump A CNN"), and not a leading ordinary word when the rest is
    a more frequent name of its own and the pair mostly opens a sentence or the rest is a person ("Unlike
    Indiana", "Crooked Hillary")."""
    lex = default_lexicon()
    words = key.split(" ")
    i, j = 0, len(words)
    for k in range(1, len(words)):
        if words[k] in lex.function_words and words[k] not in _CONNECTORS and words[k] not in lex.name_particles:
            j = k
            break
    while j - i > 1 and words[i].rstrip(".") in lex.months_days:
        i += 1
    first = words[i]
    if j - i > 1 and lowercase.get(first, 0) > 0 and first not in lex.first_names:
        mine, theirs = stats.get(key), stats.get(" ".join(words[i + 1:j]))
        if theirs is not None and mine is not None and theirs.count >= mine.count:
            if mine.at_start >= 0.5 * mine.count or theirs.labels.most_common(1)[0][0] == "PERSON":
                i += 1
    return i, j


def clean_names(stats: dict[str, NameStats], lowercase: Counter) -> dict[str, NameStats]:
    """Merge each name into its cleaned form (see :func:`_kept_words`); returns a new mapping."""
    out: dict[str, NameStats] = {}
    for key, s in stats.items():
        i, j = _kept_words(key, stats, lowercase)
        target = " ".join(key.split(" ")[i:j])
        if (i, j) != (0, len(key.split(" "))):
            s = NameStats(Counter({" ".join(strip_name(f).split(" ")[i:j]): n for f, n in s.surfaces.items()}),
                          s.labels, s.docs, s.before, s.after, s.at_start, s.count)
        out.setdefault(target, NameStats()).merge(s)
    return out


def _evidence(s: NameStats, words: dict[str, frozenset[str]]) -> tuple[int, int]:
    """(person evidence, organisation evidence) from the words around a one-word name."""
    person = sum(n for w, n in s.before.items() if w in words["person_before"])
    org = sum(n for w, n in s.before.items() if w in words["org_before"])
    org += sum(n for w, n in s.after.items() if w in words["org_after"])
    return person, org


def name_type(s: NameStats, surnames: Counter, *, lowercase: Counter) -> str | None:
    """PERSON, ORG or LOC for one name, or None when it is not an actor (a holiday, a month, an ordinary word,
    a nationality or event)."""
    words, lex = actor_words(), default_lexicon()
    key = s.name.casefold()
    parts = key.split(" ")
    if key in words["not_actors"] or key in lex.months_days or key in lex.not_names:
        return None
    if key in words["party_words"] or (len(parts) > 1 and parts[-1].rstrip(".") in words["company_suffixes"]):
        return "ORG"
    label = next((lab for lab, _ in s.labels.most_common() if lab != "MISC"), None)
    if label is None or s.labels["MISC"] > s.count / 2:
        return None
    if len(parts) > 1:
        first = parts[0]
        if label == "PERSON" and (first in words["party_words"] or first in lex.demonyms
                                  or first in lex.country_codes):
            return "ORG"  # "Republican House", "Labour Party", "U.S. House"
        return label
    if lowercase.get(key, 0) >= s.count:  # an ordinary word capitalised by its position
        return None
    person, org = _evidence(s, words)
    person += surnames.get(key, 0)
    if label == "PERSON" and org >= 2 and org > person:
        return "ORG"
    if label == "PERSON" and not person and (key in lex.dictionary or key in lex.lexical):
        return None  # "Caption", "Read": an ordinary word with nothing that makes it a person
    return label


def person_surnames(stats: dict[str, NameStats]) -> Counter:
    """How often each word begins or ends a longer person name ("clinton" and "hillary" for "Hillary
    Clinton")."""
    counts: Counter = Counter()
    for key, s in stats.items():
        words = key.split(" ")
        if len(words) > 1 and words[0] in default_lexicon().first_names:
            counts[words[-1]] += s.count
            counts[words[0]] += s.count
    return counts
