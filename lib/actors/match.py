"""Finding actor mentions in sentences: one :class:`Matcher` per table, built once, then ``find_mentions``.

The counting rules are described in the package docstring (``lib.actors``).

>>> import pandas as pd
>>> actors = pd.DataFrame({"actor_id": ["witkoff", "united_states"], "name": ["Steve Witkoff", "United States"],
...     "type": ["PERSON", "LOC"], "aliases": ["Witkoff", "US"]})
>>> sents = pd.DataFrame({"doc_id": ["d"], "sent_id": [3], "start": [100], "end": [130],
...     "text": ["Whitkoff told us the US agrees"]})
>>> find_mentions(sents, actors)[["start", "surface", "actor_id", "match_kind"]].values.tolist()
[[100, 'Whitkoff', 'witkoff', 'fuzzy'], [121, 'US', 'united_states', 'alias']]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lib.actors.table import LEADING_ARTICLE, ActorTable, as_actor_table, norm
from lib.errors import InputError
from lib.text import trie_pattern

__all__ = ["FUZZY_THRESHOLD", "MATCH_KINDS", "MENTION_COLUMNS", "Matcher", "build_matcher", "find_mentions"]

MENTION_COLUMNS = ["doc_id", "sent_id", "start", "end", "surface", "actor_id", "actor_type", "match_kind"]
MATCH_KINDS = ("alias", "surname", "role", "fuzzy")
FUZZY_THRESHOLD = 88.0  # rapidfuzz.fuzz.ratio, 0-100: "Johnsonn"/"Johnson" 93, "Smiths"/"Smith" 91
FUZZY_MARGIN = 8.0  # another actor scoring within this of the threshold makes the candidate ambiguous
FUZZY_MIN_LEN = 5  # shorter names are too easy to hit by accident

_CAPITALISED_WORD = re.compile(r"(?<![\w'’.-])[A-Z][a-z]\w{2,}")
_DERIVED_SUFFIXES = ("n", "ns", "an", "ans", "ian", "ians", "ese", "ish", "i", "is")
_GAP_APPOSITION = re.compile(r"^[\s,]*$")
_NEAR = 80  # characters: a name this close to a role may be its apposition (names are shorter than this)


@dataclass(frozen=True)
class Matcher:
    """Compiled patterns and lookup tables for one actor table (build once with ``build_matcher``)."""

    names: re.Pattern | None
    name_lookup: dict[str, tuple[str, str]]  # normalised surface -> (actor_id, kind)
    roles: re.Pattern | None
    role_lookup: dict[str, str]  # casefolded role -> actor_id
    actor_type: dict[str, str]
    fuzzy_choices: list[str] = field(default_factory=list)  # one-word aliases of PERSON/ORG actors
    fuzzy_owner: list[str] = field(default_factory=list)
    surnames: bool = True


def _variants(alias: str) -> list[str]:
    out = [alias]
    if alias[:1].islower():
        out.append(alias[:1].upper() + alias[1:])
    if len(alias) >= 4 and alias != alias.upper():
        out.append(alias.upper())
    return out


def _is_surname(alias: str, last_words: set[str]) -> bool:
    """One word that is the last word of a longer name of the same person, or a spelling of it ("Zelenskyy")."""
    if " " in alias or not last_words:
        return False
    if alias in last_words:
        return True
    from rapidfuzz.distance import Levenshtein

    return any(alias[:1] == w[:1] and Levenshtein.distance(alias, w) <= 2 for w in last_words if len(w) >= 5)


def _exact_names(table: ActorTable, *, surnames: bool) -> dict[str, tuple[str, str]]:
    """Normalised alias -> (actor_id, "alias" or "surname"), with derived surnames when asked."""
    exact: dict[str, tuple[str, str]] = {}
    for actor_id, name in table.names.items():
        names = list(dict.fromkeys([norm(a) for a in table.aliases[actor_id]] + [norm(LEADING_ARTICLE.sub("", name))]))
        person = table.types[actor_id] == "PERSON"
        multi_last = {n.split(" ")[-1] for n in names if " " in n} if person else set()
        for alias in names:
            exact[alias] = (actor_id, "surname" if _is_surname(alias, multi_last) else "alias")
    if surnames:  # last word of each person's name, when it names nobody else
        people = {a: norm(n) for a, n in table.names.items() if table.types[a] == "PERSON" and " " in norm(n)}
        lasts = Counter(n.split(" ")[-1] for n in people.values())
        for actor_id, name in people.items():
            last = name.split(" ")[-1]
            if lasts[last] == 1 and last not in exact:
                exact[last] = (actor_id, "surname")
    return exact


def build_matcher(actors: ActorTable | pd.DataFrame, *, surnames: bool = True) -> Matcher:
    """Compile one name pattern and one role pattern for the whole table.

    >>> m = build_matcher(pd.DataFrame({"actor_id": ["cnn"], "name": ["CNN"], "type": ["ORG"], "aliases": [""]}))
    >>> m.name_lookup["CNN"]
    ('cnn', 'alias')
    """
    table = as_actor_table(actors)
    exact = _exact_names(table, surnames=surnames)
    role_lookup = {norm(role).casefold(): actor_id for actor_id, roles in table.roles.items() for role in roles}
    lookup = dict(exact)  # exact aliases first; generated variants never override them
    for alias, value in exact.items():
        for variant in _variants(alias)[1:]:
            lookup.setdefault(variant, value)
    names_re = re.compile(r"(?<!\w)(?:" + trie_pattern(lookup) + r")(?!\w)") if lookup else None
    roles_re = (re.compile(r"(?<!\w)(?:" + trie_pattern(role_lookup) + r")(?!\w)", re.IGNORECASE)
                if role_lookup else None)
    fuzzy = [(alias, actor_id) for alias, (actor_id, _kind) in exact.items()
             if table.types[actor_id] != "LOC" and " " not in alias and len(alias) >= FUZZY_MIN_LEN
             and alias[1:].islower()]
    return Matcher(names_re, lookup, roles_re, role_lookup, dict(table.types), [a for a, _ in fuzzy],
                   [o for _, o in fuzzy], surnames)


def _fuzzy_actor(word: str, matcher: Matcher, *, threshold: float) -> str | None:
    """The one actor whose one-word alias ``word`` is a close variant of, or None (none, or ambiguous)."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    if len(word) < FUZZY_MIN_LEN or not matcher.fuzzy_choices:
        return None
    hits = process.extract(word, matcher.fuzzy_choices, scorer=fuzz.ratio, limit=None,
                           score_cutoff=threshold - FUZZY_MARGIN)
    close = {matcher.fuzzy_owner[i] for _, score, i in hits}
    good = set()
    for alias, score, i in hits:
        edits = Levenshtein.distance(word, alias)
        derived = any(word == alias + suffix for suffix in _DERIVED_SUFFIXES)
        if score >= threshold and edits <= (1 if len(alias) < 8 else 2) and word[0] == alias[0] and not derived:
            good.add(matcher.fuzzy_owner[i])
    return good.pop() if len(good) == 1 and close == good else None


@dataclass
class _Found:
    """Matches collected over the joined sentence text (positions into ``joined``)."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)

    def add(self, m: re.Match, owner: str, kind: str) -> None:
        self.starts.append(m.start())
        self.ends.append(m.end())
        self.surfaces.append(m.group())
        self.owners.append(owner)
        self.kinds.append(kind)


def _find_names(joined: str, matcher: Matcher, found: _Found) -> None:
    lookup = matcher.name_lookup
    if matcher.names is not None:
        for m in matcher.names.finditer(joined):
            found.add(m, *(lookup.get(m.group()) or lookup[norm(m.group())]))


def _find_fuzzy(joined: str, matcher: Matcher, found: _Found, *, threshold: float) -> None:
    """Decide once per distinct capitalised word (a memo local to this call), then scan for the winners."""
    candidates = set(_CAPITALISED_WORD.findall(joined)).difference(matcher.name_lookup)
    winners = {w: a for w in candidates if (a := _fuzzy_actor(w, matcher, threshold=threshold))}
    if not winners:
        return
    n_names = len(found.starts)
    pattern = re.compile(r"(?<![\w'’.-])(?:" + trie_pattern(winners) + r")(?!\w)")
    for m in pattern.finditer(joined):
        i = bisect_right(found.starts, m.start(), 0, n_names)  # skip words inside a name match
        if not (i and found.ends[i - 1] > m.start()):
            found.add(m, winners[m.group()], "fuzzy")


def _find_roles(joined: str, matcher: Matcher, found: _Found) -> None:
    named = sorted(zip(found.starts, found.ends, found.owners))
    named_starts = [a for a, _, _ in named]
    for m in matcher.roles.finditer(joined):
        actor_id = matcher.role_lookup[norm(m.group()).casefold()]
        lo = bisect_left(named_starts, m.start() - _NEAR)  # only names close to the role can be apposed
        hi = bisect_left(named_starts, m.end() + _NEAR)
        near = [(a, b) for a, b, owner in named[lo:hi] if owner == actor_id]
        if not (near and _next_to_own_name(joined, m.start(), m.end(), near)):
            found.add(m, actor_id, "role")


def _next_to_own_name(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """True when a role sits next to (or around) one of the actor's name ``spans``: apposition, one mention."""
    for a, b in spans:
        if a < end and start < b:
            return True
        if a >= end and a - end < _NEAR and _GAP_APPOSITION.match(text[end:a]):
            return True
        if b <= start and start - b < _NEAR and _GAP_APPOSITION.match(text[b:start]):
            return True
    return False


def _mention_frame(sentences: pd.DataFrame, offsets: list[int], found: _Found, matcher: Matcher) -> pd.DataFrame:
    if not found.starts:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("sent_id", "start", "end") else "str")
                             for c in MENTION_COLUMNS})
    idx = [bisect_right(offsets, a) - 1 for a in found.starts]
    base = sentences["start"].to_numpy(dtype="int64")[idx] - np.asarray(offsets, dtype="int64")[idx]
    return pd.DataFrame({
        "doc_id": sentences["doc_id"].to_numpy()[idx],
        "sent_id": sentences["sent_id"].to_numpy(dtype="int64")[idx],
        "start": base + np.asarray(found.starts, dtype="int64"),
        "end": base + np.asarray(found.ends, dtype="int64"),
        "surface": found.surfaces,
        "actor_id": found.owners,
        "actor_type": [matcher.actor_type[a] for a in found.owners],
        "match_kind": found.kinds,
    }, columns=MENTION_COLUMNS)


def find_mentions(sentences: pd.DataFrame, actors: ActorTable | pd.DataFrame | Matcher, *, roles: bool = True,
                  fuzzy: bool = True, surnames: bool = True, fuzzy_threshold: float = FUZZY_THRESHOLD) -> pd.DataFrame:
    """Mentions of the table's actors in ``sentences`` (columns ``MENTION_COLUMNS``, offsets into the article).

    ``actors`` is an ``ActorTable`` (a frame is validated into one), or a ``Matcher`` built once with
    ``build_matcher`` to reuse over many calls. See ``lib.actors`` for the counting rules.
    """
    missing = [c for c in ("doc_id", "sent_id", "start", "text") if c not in sentences.columns]
    if missing:
        raise InputError(f"find_mentions: the sentences frame lacks column(s) {', '.join(missing)} "
                         f"(make it with lib.text.sentence_table).")
    if isinstance(actors, Matcher) and actors.surnames != surnames:
        raise InputError(f"find_mentions: the matcher was built with surnames={actors.surnames}; build another "
                         f"with build_matcher(table, surnames={surnames}).")
    matcher = actors if isinstance(actors, Matcher) else build_matcher(actors, surnames=surnames)
    texts = [t if isinstance(t, str) else "" for t in sentences["text"].tolist()]
    # One scan over all sentences joined by NUL (not a word character, not whitespace: no match crosses it);
    # positions map back to sentences by bisection. Far cheaper than one finditer call per sentence.
    joined = "\x00".join(texts)
    offsets = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]).tolist() if texts else []
    found = _Found()
    _find_names(joined, matcher, found)
    n_names = len(found.starts)
    if fuzzy and matcher.fuzzy_choices:
        _find_fuzzy(joined, matcher, found, threshold=fuzzy_threshold)
    if roles and matcher.roles is not None:
        _find_roles(joined, matcher, found)
    frame = _mention_frame(sentences, offsets, found, matcher)
    if len(frame) > n_names:  # fuzzy and role matches were appended after the names
        frame = frame.sort_values(["doc_id", "start", "end"], kind="stable")
    return frame.reset_index(drop=True)
