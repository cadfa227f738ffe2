"""Who a speech cue's subject is: a mention, a role description from the actor table, a pronoun or a definite
description ("he", "the official", "the agency") resolved to the most recent fitting actor.

What attribution needs from the actor table (sides, role descriptions, side words) is one :class:`Speakers`
value, normalised once per call; :class:`Doc` is the per-article lookup state.

>>> speakers = Speakers.build(sides={"smith": "Ruritania"}, side_words={"Ruritanian": "Ruritania"})
>>> speakers.side_words, speakers.sides
({'ruritanian': 'ruritania'}, {'smith': 'ruritania'})
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lib.actors.table import ActorTable
from lib.quotes.words import (
    DETERMINERS,
    INDEFINITE,
    ORG_NOUNS,
    OTHER_PRONOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PREPOSITIONS,
    UNKNOWN_NOUNS,
)

__all__ = ["Doc", "Speakers"]

Mention = tuple[int, int, str, str, str]  # start, end, actor_id, actor_type, match_kind
UNKNOWN = "?"  # a speaker phrase that names nobody we know ("a person familiar with the talks")
WORD = re.compile(r"[^\W_]+(?:[.’'\-][^\W_]+)*\.?")  # a word with its final period: "U.S." and "said."
_POSSESSIVE = re.compile(r"^(?:[’']s?)(?![\w])")


def role_key(text: str) -> str:
    """Role descriptions compare lower case, with one apostrophe and no leading "the".

    >>> role_key("The  President’s envoy")
    "president's envoy"
    """
    text = re.sub(r"\s+", " ", text.replace("’", "'").lower().strip())
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True)
class Speakers:
    """Sides (lower case), role descriptions (normalised, longest first) and side words of an actor table."""

    sides: Mapping[str, str] = field(default_factory=dict)  # actor_id -> side
    roles: tuple[tuple[str, str], ...] = ()  # (role_key(role), actor_id)
    side_words: Mapping[str, str] = field(default_factory=dict)  # lower-case word -> side

    @classmethod
    def build(cls, *, sides: Mapping[str, str] | None = None, roles: Sequence[tuple[str, str]] = (),
              side_words: Mapping[str, str] | None = None) -> Speakers:
        """From plain mappings: ``sides`` actor_id -> side, ``roles`` (description, actor_id) pairs,
        ``side_words`` word -> side ("U.S." also matches as "U.S" at a sentence end)."""
        words: dict[str, str] = {}
        for word, side in (side_words or {}).items():
            words.setdefault(word.lower(), side.lower())
            words.setdefault(word.lower().rstrip("."), side.lower())
        return cls(sides={k: v.lower() for k, v in (sides or {}).items()},
                   roles=tuple(sorted(((role_key(r), a) for r, a in roles), key=lambda x: -len(x[0]))),
                   side_words=words)

    @classmethod
    def from_actors(cls, table: ActorTable) -> Speakers:
        """From an ``ActorTable`` (its sides, role descriptions and side words)."""
        roles = [(role, actor_id) for actor_id, parts in table.roles.items() for role in parts]
        return cls.build(sides=table.sides, roles=roles, side_words=table.side_words)


@dataclass
class Doc:
    """Per-article lookup state for attribution (mentions sorted by start, resolved speakers so far)."""

    text: str
    masked: str
    mentions: list[Mention]
    speakers: Speakers
    types: dict[str, str]
    events: list[tuple[int, str]] = field(default_factory=list)  # (offset, actor_id) of resolved PERSON speakers

    def __post_init__(self) -> None:
        self.starts = [m[0] for m in self.mentions]

    def side(self, actor_id: str) -> str:
        return self.speakers.sides.get(actor_id, "")


def eligible(doc: Doc, mention: Mention, *, as_subject: bool) -> bool:
    """A mention can name a speaker: outside quotes, not possessive ("Putin’s special envoy"), not a modifier
    ("the Trump administration"), and for subjects not the object of a preposition ("with NBC")."""
    start, end, _actor, actor_type, kind = mention
    if doc.masked[start:end] != doc.text[start:end]:
        return False
    if kind != "role" and _POSSESSIVE.match(doc.text[end : end + 3]):
        return False
    before = doc.text[max(0, start - 40) : start].split()
    prev = before[-1].lower() if before else ""
    if actor_type == "PERSON" and kind != "role" and prev == "the":
        return False
    return not (as_subject and prev in PREPOSITIONS)


def mentions_in(doc: Doc, a: int, b: int) -> list[Mention]:
    """The article's mentions that lie inside ``[a, b)``."""
    i = bisect_left(doc.starts, a)
    out = []
    while i < len(doc.mentions) and doc.mentions[i][0] < b:
        if doc.mentions[i][1] <= b:
            out.append(doc.mentions[i])
        i += 1
    return out


def resolve_person(doc: Doc, pos: int, *, side: str | None = None) -> str | None:
    """Most recent fitting PERSON before ``pos``: an eligible mention or an already resolved speaker."""
    best_pos, best = -1, None
    i = bisect_right(doc.starts, pos) - 1
    while i >= 0:
        m = doc.mentions[i]
        if m[1] <= pos and m[3] == "PERSON" and eligible(doc, m, as_subject=False):
            if side is None or doc.side(m[2]) == side:
                best_pos, best = m[0], m[2]
                break
        i -= 1
    for at, actor in reversed(doc.events):
        if at < pos and at > best_pos and (side is None or doc.side(actor) == side):
            best_pos, best = at, actor
            break
    return best


def resolve_org(doc: Doc, pos: int, *, side: str) -> str | None:
    """Most recent eligible ORG of ``side`` before ``pos``."""
    i = bisect_right(doc.starts, pos) - 1
    while i >= 0:
        m = doc.mentions[i]
        if m[1] <= pos and m[3] == "ORG" and doc.side(m[2]) == side and eligible(doc, m, as_subject=False):
            return m[2]
        i -= 1
    return None


def role_actor(doc: Doc, phrase: str) -> str | None:
    """The actor whose role description ends ``phrase`` ("Putin’s special envoy" -> dmitriev)."""
    p = role_key(phrase)
    for role, actor in doc.speakers.roles:
        if p == role or p.endswith(" " + role):
            return actor
    return None


def _description(doc: Doc, words: list[tuple[int, int, str]], k: int) -> tuple[int, str | None] | None:
    """The speaker a description ending in ``words[k]`` (a person, unknown-source or organisation noun) names:
    ``(priority, actor or UNKNOWN or None)``, or None when it is no speaker description."""
    we, low = words[k][1], words[k][2].lower().rstrip(".")
    j = k  # walk back over the description: "the president’s special envoy", "a person"
    while j > 0 and words[j - 1][1] + 2 >= words[j][0] and words[j - 1][2].lower() not in PREPOSITIONS:
        j -= 1
        if words[j][2].lower() in DETERMINERS or words[j][2].lower() in INDEFINITE:
            break
    first = words[j][2].lower()
    phrase = doc.text[words[j][0] : we]
    role = role_actor(doc, phrase)
    if role is not None:
        return 2, role
    if first in INDEFINITE or (low in UNKNOWN_NOUNS and low.endswith("s") and first not in DETERMINERS):
        return 2, UNKNOWN
    if not (first in DETERMINERS or "’s" in phrase or "'s" in phrase):
        return None
    side_words = doc.speakers.side_words
    if low in PERSON_NOUNS:
        side = next((side_words[x.lower()] for _, _, x in words[j : k + 1] if x.lower() in side_words), None)
        return 2, resolve_person(doc, words[j][0], side=side)
    head_side = side_words.get(low.rstrip("s")) if low.rstrip("s") in ORG_NOUNS else None
    return (2, resolve_org(doc, words[j][0], side=head_side)) if head_side else None


def np_candidates(doc: Doc, a: int, b: int, *, as_subject: bool = True) -> list[tuple[int, int, str | None]]:
    """Speaker candidates in ``masked[a:b]`` as ``(end, priority, actor_or_None)``; ``UNKNOWN`` for sources
    that cannot be named. Higher priority wins ties on position."""
    out: list[tuple[int, int, str | None]] = []
    for m in mentions_in(doc, a, b):
        if eligible(doc, m, as_subject=as_subject) and (
            m[3] in ("PERSON", "ORG") or doc.masked[m[1] : b].strip() == ""
        ):
            out.append((m[1], 3, m[2]))
    words = [(w.start() + a, w.end() + a, w.group()) for w in WORD.finditer(doc.masked[a:b])]
    for k, (ws, we, w) in enumerate(words):
        low = w.lower().rstrip(".")
        if low in PERSON_PRONOUNS:
            out.append((we, 1, resolve_person(doc, ws)))
        elif low in OTHER_PRONOUNS:
            out.append((we, 1, UNKNOWN))
        elif low in PERSON_NOUNS or low in UNKNOWN_NOUNS or low.rstrip("s") in ORG_NOUNS:
            found = _description(doc, words, k)
            if found is not None:
                out.append((we, *found))
    return out


def known(actor: str | None) -> str | None:
    """``actor``, or None for an unnamed source."""
    return None if actor == UNKNOWN else actor
