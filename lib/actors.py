"""The actor table, and finding, counting and discovering actor mentions in sentences.

An *actor* is a person, organisation or place that the coverage talks about (``data/actors.csv``: one row per
actor with ``|``-separated aliases and role descriptions). ``find_mentions`` turns sentences into a tidy
``mentions`` frame (offsets into the article text); the helpers below count, compare and show them.

Counting choices (each one changes the numbers; the notebook shows by how much):

* **Names.** Every alias is matched as a whole word, case-sensitively ("US" the country, never "us"); an alias
  that starts in lower case also matches with a capital first letter (sentence start), and aliases of four or
  more characters also match in ALL CAPS (headlines). Straight and curly apostrophes are the same character.
  The canonical ``name`` counts as an alias (a leading "the " is dropped: "the Kremlin" matches as "Kremlin").
* **Longest match wins** among names: "Vladimir Putin" is one mention, "Russian Direct Investment Fund" is RDIF
  and not Russia. A country name used as a modifier ("US officials", "US-Russia talks") is a mention of that
  country; adjectives ("Russian", "Ukrainian") are not, because they are not aliases.
* **Possessives** are left out of the span: in "Putin’s plan" the mention is ``Putin`` (``surface`` is always
  exactly ``text[start:end]``).
* **Surnames.** A one-word alias that is the last word of a longer name of the same person (or a spelling of
  it: "Zelenskyy" for "Volodymyr Zelensky") is a ``surname`` mention; with ``surnames=True`` the last word of
  a person's canonical name is added when no other actor uses it. "The Biden administration" counts as a
  mention of Biden: the name is on the page.
* **Role descriptions** ("the Kremlin spokesman") are a separate layer, matched case-insensitively and only
  with ``roles=True``. They never hide names: "Putin’s special envoy" is a role mention of Dmitriev *and* a
  name mention of Putin. A role next to the same actor's name ("Kremlin spokesman Dmitry Peskov", "Kirill
  Dmitriev, the Russian negotiator") is one mention, the name; the role is dropped.
* **Fuzzy variants** ("Whitkoff", "Trumps"): a capitalised word that is not an alias, is one or two edits
  from a one-word alias of exactly one person or organisation (same first letter, ``rapidfuzz`` ratio at
  least ``FUZZY_THRESHOLD``) and is not near an alias of any other actor. Places are never matched fuzzily
  ("Russian" is one letter from "Russia").
* **Places vs governments.** "Moscow", "Kyiv" and "Washington" are their own ``LOC`` actors (with ``side``
  set), not aliases of Russia, Ukraine and the United States, even when the text uses the capital to mean the
  government: the table records what the text says; group by ``side`` to merge them.
* Pronouns, bylines and removed boilerplate are never counted (bylines and "Read more" lists are removed by
  ``lib.clean`` before sentences are made).

>>> import pandas as pd
>>> actors = validate_actors(pd.DataFrame({"actor_id": ["putin"], "name": ["Vladimir Putin"],
...     "type": ["PERSON"], "side": ["Russia"], "aliases": ["Putin"], "roles": ["the Kremlin leader"]}))
>>> sents = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [40],
...     "text": ["Vladimir Putin met us. Putin’s aides wait"]})
>>> find_mentions(sents, actors)[["surface", "match_kind"]].values.tolist()
[['Vladimir Putin', 'alias'], ['Putin', 'surname']]
"""

from __future__ import annotations

import csv
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from lib.entities import find_entities
from lib.errors import InputError
from lib.text import trie_pattern

__all__ = [
    "ACTOR_COLUMNS",
    "ACTOR_TYPES",
    "FUZZY_THRESHOLD",
    "MATCH_KINDS",
    "MENTION_COLUMNS",
    "PROPOSAL_COLUMNS",
    "Matcher",
    "build_matcher",
    "closest_actor",
    "cooccurrence",
    "cooccurrence_graph",
    "discover_actors",
    "find_entities",
    "find_mentions",
    "kwic",
    "load_actors",
    "mention_counts",
    "mention_matrix",
    "counting_choices",
    "focus_actor_id",
    "resolve_actor",
    "split_field",
    "surface_forms",
    "validate_actors",
    "write_draft_actor_table",
]

ACTOR_COLUMNS = ["actor_id", "name", "type", "side", "aliases", "roles"]
REQUIRED_COLUMNS = ["actor_id", "name", "type", "aliases"]
ACTOR_TYPES = ("PERSON", "ORG", "LOC")
MENTION_COLUMNS = ["doc_id", "sent_id", "start", "end", "surface", "actor_id", "actor_type", "match_kind"]
MATCH_KINDS = ("alias", "surname", "role", "fuzzy")
PROPOSAL_COLUMNS = ["proposed_id", "name", "type", "count", "n_docs", "variants", "doc_ids", "example"]
FUZZY_THRESHOLD = 88.0  # rapidfuzz.fuzz.ratio, 0-100: "Whitkoff"/"Witkoff" 93, "Trumps"/"Trump" 91
FUZZY_MARGIN = 8.0  # another actor scoring within this of the threshold makes the candidate ambiguous
FUZZY_MIN_LEN = 5  # shorter names are too easy to hit by accident
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_SPACES = re.compile(r"\s+")
_CAPITALISED_WORD = re.compile(r"(?<![\w'’.-])[A-Z][a-z]\w{2,}")
_DERIVED_SUFFIXES = ("n", "ns", "an", "ans", "ian", "ians", "ese", "ish", "i", "is")
_GAP_APPOSITION = re.compile(r"^[\s,]*$")
_NEAR = 80  # characters: a name this close to a role may be its apposition (names are shorter than this)
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z-]+(?![\w-])")
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")


# --------------------------------------------------------------------------------------------- the table


def split_field(value: object) -> list[str]:
    """Split a ``|``-separated table cell into its stripped parts (``""`` -> ``[]``).

    >>> split_field(" Putin | Vladimir Putin ")
    ['Putin', 'Vladimir Putin']
    """
    if value is None or (isinstance(value, float) and value != value):
        return []
    text = str(value).strip()
    return [part.strip() for part in text.split("|")] if text else []


def _norm(text: str) -> str:
    """Key used to compare aliases: NFC, one apostrophe, single spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).translate(_APOSTROPHES)).strip()


def load_actors(path: str | Path) -> pd.DataFrame:
    """Read and validate an actor table (CSV with the columns of ``ACTOR_COLUMNS``).

    Returns one row per actor with string cells (aliases and roles stay ``|``-separated); every problem raises
    ``InputError`` naming the file and line.

    >>> load_actors("data/actors.csv").set_index("actor_id").loc["putin", "type"]  # doctest: +SKIP
    'PERSON'
    """
    file = Path(path)
    if not file.exists():
        raise InputError(f"Actor table not found: {file} (expected a CSV file with the header "
                         f"{','.join(ACTOR_COLUMNS)}).")
    if file.is_dir():
        raise InputError(f"Actor table {file} is a folder; give the path of a CSV file.")
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"Actor table {file} is not UTF-8 text; save it as UTF-8 CSV.") from None
    if not text.strip():
        raise InputError(f"Actor table {file} is empty; it needs the header {','.join(ACTOR_COLUMNS)} "
                         f"and one row per actor.")
    reader = csv.reader(text.splitlines())
    header = [cell.strip() for cell in next(reader)]
    missing = [col for col in REQUIRED_COLUMNS if col not in header]
    if missing:
        raise InputError(f"Actor table {file}, line 1: bad header {','.join(header)!r}; missing column(s) "
                         f"{', '.join(missing)} (expected {','.join(ACTOR_COLUMNS)}).")
    rows, lines = [], []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise InputError(f"Actor table {file}, line {reader.line_num}: {len(cells)} cells but the header "
                             f"has {len(header)}; put cells that contain commas in double quotes.")
        cells = cells + [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells)))
        lines.append(reader.line_num)
    frame = pd.DataFrame(rows, columns=header)
    return validate_actors(frame, source=f"Actor table {file}", lines=lines)


def validate_actors(actors: pd.DataFrame, *, source: str = "Actor table",
                    lines: Sequence[int] | None = None) -> pd.DataFrame:
    """Check an actor frame and return a clean copy (stripped, NFC, upper-case types, all six columns).

    ``lines`` gives the file line of each row for messages; by default row ``i`` is line ``i + 2``.

    >>> validate_actors(pd.DataFrame({"actor_id": ["nato"], "name": ["NATO"], "type": ["org"],
    ...                               "aliases": ["NATO"]})).loc[0, "type"]
    'ORG'
    """
    if not isinstance(actors, pd.DataFrame):
        raise InputError(f"{source}: expected a pandas DataFrame, got {type(actors).__name__}.")
    missing = [col for col in REQUIRED_COLUMNS if col not in actors.columns]
    if missing:
        raise InputError(f"{source}: missing column(s) {', '.join(missing)} (expected {','.join(ACTOR_COLUMNS)}).")
    lines = list(lines) if lines is not None else [i + 2 for i in range(len(actors))]
    frame = actors.copy()
    for col in ACTOR_COLUMNS:
        if col not in frame.columns:
            frame[col] = ""
        frame[col] = pd.Series(
            ["" if v is None or (isinstance(v, float) and v != v) else unicodedata.normalize("NFC", str(v)).strip()
             for v in frame[col]], index=frame.index, dtype=object)
    frame["type"] = pd.Series([t.upper() for t in frame["type"]], index=frame.index, dtype=object)
    seen_ids: dict[str, int] = {}
    alias_owner: dict[str, tuple[str, int]] = {}
    role_owner: dict[str, tuple[str, int]] = {}
    for line, row in zip(lines, frame.itertuples(index=False)):
        where = f"{source}, line {line}"
        if not row.actor_id:
            raise InputError(f"{where}: missing actor_id (name {row.name!r}); give every actor a lower snake "
                             f"case id such as 'putin'.")
        if not ID_PATTERN.match(row.actor_id):
            raise InputError(f"{where}: actor_id {row.actor_id!r} must be lower snake case (letters, digits, _).")
        where = f"{source}, line {line} (actor {row.actor_id!r})"
        if row.actor_id in seen_ids:
            raise InputError(f"{where}: duplicate actor_id, already used on line {seen_ids[row.actor_id]}.")
        seen_ids[row.actor_id] = line
        if not row.name:
            raise InputError(f"{where}: missing name; give the name to show in reports.")
        if row.type not in ACTOR_TYPES:
            raise InputError(f"{where}: bad type {row.type!r}; use one of {', '.join(ACTOR_TYPES)}.")
        for column, owner_map, key in (("aliases", alias_owner, _norm), ("roles", role_owner,
                                                                          lambda s: _norm(s).casefold())):
            cell = getattr(row, column)
            parts = split_field(cell)
            if cell and any(not part for part in parts):
                raise InputError(f"{where}: empty alias in {column} {cell!r}; remove the extra '|'.")
            names = parts + ([_LEADING_ARTICLE.sub("", row.name)] if column == "aliases" else [])
            for part in dict.fromkeys(key(p) for p in names):
                other = owner_map.get(part)
                if other and other[0] != row.actor_id:
                    raise InputError(f"{where}: {column[:-1] if column == 'roles' else 'alias'} {part!r} also "
                                     f"names actor {other[0]!r} (line {other[1]}); one name must point at "
                                     f"one actor.")
                owner_map[part] = (row.actor_id, line)
    extra = [c for c in frame.columns if c not in ACTOR_COLUMNS]
    return frame[ACTOR_COLUMNS + extra].reset_index(drop=True)


# ------------------------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class Matcher:
    """Compiled patterns and lookup tables for one actor table (build with ``build_matcher``)."""

    names: re.Pattern | None
    name_lookup: dict[str, tuple[str, str]]  # normalised surface -> (actor_id, kind)
    roles: re.Pattern | None
    role_lookup: dict[str, str]  # casefolded role -> actor_id
    actor_type: dict[str, str]
    fuzzy_choices: list[str] = field(default_factory=list)  # one-word aliases of PERSON/ORG actors
    fuzzy_owner: list[str] = field(default_factory=list)
    fuzzy_cache: dict[str, str | None] = field(default_factory=dict)


def _variants(alias: str) -> list[str]:
    out = [alias]
    if alias[:1].islower():
        out.append(alias[:1].upper() + alias[1:])
    if len(alias) >= 4 and alias != alias.upper():
        out.append(alias.upper())
    return out


def build_matcher(actors: pd.DataFrame, *, surnames: bool = True) -> Matcher:
    """Compile one name pattern and one role pattern for the whole table (cached on the table's content).

    >>> import pandas as pd
    >>> m = build_matcher(pd.DataFrame({"actor_id": ["cnn"], "name": ["CNN"], "type": ["ORG"], "aliases": [""]}))
    >>> m.name_lookup["CNN"]
    ('cnn', 'alias')
    """
    table = validate_actors(actors)
    key = tuple(tuple(row) for row in table[ACTOR_COLUMNS].itertuples(index=False))
    return _build_matcher(key, surnames)


def _is_surname(alias: str, last_words: set[str]) -> bool:
    """One word that is the last word of a longer name of the same person, or a spelling of it ("Zelenskyy")."""
    if " " in alias or not last_words:
        return False
    if alias in last_words:
        return True
    from rapidfuzz.distance import Levenshtein

    return any(alias[:1] == w[:1] and Levenshtein.distance(alias, w) <= 2 for w in last_words if len(w) >= 5)


@lru_cache(maxsize=16)
def _build_matcher(rows: tuple[tuple[str, ...], ...], surnames: bool) -> Matcher:
    exact: dict[str, tuple[str, str]] = {}
    actor_type: dict[str, str] = {}
    role_lookup: dict[str, str] = {}
    person_aliases: dict[str, list[str]] = {}
    for actor_id, name, typ, _side, aliases, roles in rows:
        actor_type[actor_id] = typ
        names = list(dict.fromkeys([_norm(a) for a in split_field(aliases)] + [_norm(_LEADING_ARTICLE.sub("", name))]))
        multi_last = {n.split(" ")[-1] for n in names if " " in n} if typ == "PERSON" else set()
        for alias in names:
            exact[alias] = (actor_id, "surname" if _is_surname(alias, multi_last) else "alias")
        if typ == "PERSON":
            person_aliases[actor_id] = names
        for role in split_field(roles):
            role_lookup[_norm(role).casefold()] = actor_id
    if surnames:  # last word of each person's name, when it names nobody else
        lasts = Counter(_norm(n).split(" ")[-1] for actor_id, n, typ, *_ in rows if typ == "PERSON" and " " in _norm(n))
        for actor_id, name, typ, *_ in rows:
            last = _norm(name).split(" ")[-1]
            if typ == "PERSON" and " " in _norm(name) and lasts[last] == 1 and last not in exact:
                exact[last] = (actor_id, "surname")
    lookup: dict[str, tuple[str, str]] = {}
    for alias, value in exact.items():  # exact aliases first; generated variants never override them
        lookup[alias] = value
    for alias, value in exact.items():
        for variant in _variants(alias)[1:]:
            lookup.setdefault(variant, value)
    names_re = re.compile(r"(?<!\w)(?:" + trie_pattern(lookup) + r")(?!\w)") if lookup else None
    roles_re = (re.compile(r"(?<!\w)(?:" + trie_pattern(role_lookup) + r")(?!\w)", re.IGNORECASE)
                if role_lookup else None)
    choices, owners = [], []
    for alias, (actor_id, _kind) in exact.items():
        if actor_type[actor_id] != "LOC" and " " not in alias and len(alias) >= FUZZY_MIN_LEN and alias[1:].islower():
            choices.append(alias)
            owners.append(actor_id)
    return Matcher(names_re, lookup, roles_re, role_lookup, actor_type, choices, owners, {})


def _fuzzy_actor(word: str, matcher: Matcher, *, threshold: float) -> str | None:
    """The one actor whose one-word alias ``word`` is a close variant of, or None (none, or ambiguous)."""
    if word in matcher.fuzzy_cache:
        return matcher.fuzzy_cache[word]
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    winner: str | None = None
    if len(word) >= FUZZY_MIN_LEN and matcher.fuzzy_choices:
        hits = process.extract(word, matcher.fuzzy_choices, scorer=fuzz.ratio, limit=None,
                               score_cutoff=threshold - FUZZY_MARGIN)
        close = {matcher.fuzzy_owner[i] for _, score, i in hits}
        good = set()
        for alias, score, i in hits:
            edits = Levenshtein.distance(word, alias)
            derived = any(word == alias + suffix for suffix in _DERIVED_SUFFIXES)
            if (score >= threshold and edits <= (1 if len(alias) < 8 else 2) and word[0] == alias[0]
                    and not derived):
                good.add(matcher.fuzzy_owner[i])
        if len(good) == 1 and close == good:
            winner = good.pop()
    matcher.fuzzy_cache[word] = winner
    return winner


def find_mentions(sentences: pd.DataFrame, actors: pd.DataFrame, *, roles: bool = True, fuzzy: bool = True,
                  surnames: bool = True, fuzzy_threshold: float = FUZZY_THRESHOLD) -> pd.DataFrame:
    """Mentions of the table's actors in ``sentences`` (columns ``MENTION_COLUMNS``, offsets into the article).

    See the module docstring for the counting rules (whole words, case, longest match, possessives, surnames,
    roles, fuzzy variants).

    >>> import pandas as pd
    >>> actors = pd.DataFrame({"actor_id": ["witkoff", "united_states"], "name": ["Steve Witkoff", "United States"],
    ...     "type": ["PERSON", "LOC"], "aliases": ["Witkoff", "US"]})
    >>> sents = pd.DataFrame({"doc_id": ["d"], "sent_id": [3], "start": [100], "end": [130],
    ...     "text": ["Whitkoff told us the US agrees"]})
    >>> find_mentions(sents, actors)[["start", "surface", "actor_id", "match_kind"]].values.tolist()
    [[100, 'Whitkoff', 'witkoff', 'fuzzy'], [121, 'US', 'united_states', 'alias']]
    """
    missing = [c for c in ("doc_id", "sent_id", "start", "text") if c not in sentences.columns]
    if missing:
        raise InputError(f"find_mentions: the sentences frame lacks column(s) {', '.join(missing)} "
                         f"(make it with lib.text.sentence_table).")
    matcher = build_matcher(actors, surnames=surnames)
    texts = [t if isinstance(t, str) else "" for t in sentences["text"].tolist()]
    # One scan over all sentences joined by NUL (not a word character, not whitespace: no match crosses it);
    # positions map back to sentences by bisection. Far cheaper than one finditer call per sentence.
    joined = "\x00".join(texts)
    offsets, pos = [], 0
    for text in texts:
        offsets.append(pos)
        pos += len(text) + 1
    idx: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    surfaces: list[str] = []
    owners: list[str] = []
    kinds: list[str] = []
    lookup = matcher.name_lookup
    if matcher.names is not None:
        for m in matcher.names.finditer(joined):
            surface = m.group()
            actor_id, kind = lookup.get(surface) or lookup[_norm(surface)]
            starts.append(m.start())
            ends.append(m.end())
            surfaces.append(surface)
            owners.append(actor_id)
            kinds.append(kind)
    n_names = len(starts)
    if fuzzy and matcher.fuzzy_choices:
        # decide once per distinct capitalised word, then scan only for the words that won
        candidates = set(_CAPITALISED_WORD.findall(joined)).difference(lookup)
        winners = {w: a for w in candidates if (a := _fuzzy_actor(w, matcher, threshold=fuzzy_threshold))}
        if winners:
            pattern = re.compile(r"(?<![\w'’.-])(?:" + trie_pattern(winners) + r")(?!\w)")
            for m in pattern.finditer(joined):
                i = bisect_right(starts, m.start(), 0, n_names)  # skip words inside a name match
                if i and ends[i - 1] > m.start():
                    continue
                starts.append(m.start())
                ends.append(m.end())
                surfaces.append(m.group())
                owners.append(winners[m.group()])
                kinds.append("fuzzy")
    if roles and matcher.roles is not None:
        named = sorted(zip(starts, ends, owners))
        named_starts = [a for a, _, _ in named]
        for m in matcher.roles.finditer(joined):
            actor_id = matcher.role_lookup[_norm(m.group()).casefold()]
            lo = bisect_left(named_starts, m.start() - _NEAR)  # only names close to the role can be apposed
            hi = bisect_left(named_starts, m.end() + _NEAR)
            near = [(a, b) for a, b, owner in named[lo:hi] if owner == actor_id]
            if near and _next_to_own_name(joined, m.start(), m.end(), near):
                continue
            starts.append(m.start())
            ends.append(m.end())
            surfaces.append(m.group())
            owners.append(actor_id)
            kinds.append("role")
    if not starts:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("sent_id", "start", "end") else "str")
                             for c in MENTION_COLUMNS})
    idx = [bisect_right(offsets, a) - 1 for a in starts]
    base = sentences["start"].to_numpy(dtype="int64")[idx] - np.asarray(offsets, dtype="int64")[idx]
    frame = pd.DataFrame({
        "doc_id": sentences["doc_id"].to_numpy()[idx],
        "sent_id": sentences["sent_id"].to_numpy(dtype="int64")[idx],
        "start": base + np.asarray(starts, dtype="int64"),
        "end": base + np.asarray(ends, dtype="int64"),
        "surface": surfaces,
        "actor_id": owners,
        "actor_type": [matcher.actor_type[a] for a in owners],
        "match_kind": kinds,
    }, columns=MENTION_COLUMNS)
    if len(frame) > n_names:  # fuzzy and role matches were appended after the names
        frame = frame.sort_values(["doc_id", "start", "end"], kind="stable")
    return frame.reset_index(drop=True)


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


# ------------------------------------------------------------------------------------- counts and views


def _names(actors: pd.DataFrame | None) -> pd.DataFrame | None:
    if actors is None:
        return None
    return validate_actors(actors)[["actor_id", "name", "type", "side"]]


def mention_counts(mentions: pd.DataFrame, actors: pd.DataFrame | None = None, *,
                   by_article: bool = False) -> pd.DataFrame:
    """Mentions per actor (and per article with ``by_article=True``), with and without role descriptions.

    Columns: [doc_id,] actor_id, [name, type, side,] ``mentions`` (names, surnames and fuzzy variants),
    ``role_mentions``, ``mentions_with_roles``; sorted by ``mentions_with_roles``, largest first.

    >>> m = pd.DataFrame({"doc_id": ["a", "a", "b"], "actor_id": ["putin"] * 3,
    ...                   "match_kind": ["alias", "role", "surname"]})
    >>> mention_counts(m).loc[0, ["mentions", "role_mentions", "mentions_with_roles"]].tolist()
    [2, 1, 3]
    """
    keys = (["doc_id"] if by_article else []) + ["actor_id"]
    is_role = mentions["match_kind"].eq("role")
    counts = (mentions.assign(mentions=~is_role, role_mentions=is_role)
              .groupby(keys, sort=False)[["mentions", "role_mentions"]].sum().astype("int64").reset_index())
    counts["mentions_with_roles"] = counts["mentions"] + counts["role_mentions"]
    info = _names(actors)
    if info is not None:
        counts = counts.merge(info, on="actor_id", how="left")
        counts = counts[keys + ["name", "type", "side", "mentions", "role_mentions", "mentions_with_roles"]]
    order = ["mentions_with_roles", "mentions"] + keys
    return counts.sort_values(order, ascending=[False, False] + [True] * len(keys)).reset_index(drop=True)


def mention_matrix(mentions: pd.DataFrame, *, roles: bool = True, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Actors × articles table of mention counts (rows sorted by total), for heat maps.

    >>> m = pd.DataFrame({"doc_id": ["a", "b", "b"], "actor_id": ["x", "x", "y"], "match_kind": ["alias"] * 3})
    >>> mention_matrix(m).loc["x"].tolist()
    [1, 1]
    """
    data = mentions if roles else mentions[mentions["match_kind"].ne("role")]
    table = pd.crosstab(data["actor_id"], data["doc_id"]) if len(data) else pd.DataFrame()
    if doc_ids is not None:
        table = table.reindex(columns=list(doc_ids), fill_value=0)
    if len(table):
        table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    table.index.name, table.columns.name = "actor_id", "doc_id"
    return table.astype("int64")


def surface_forms(mentions: pd.DataFrame) -> pd.DataFrame:
    """Which surface forms were merged into each actor: actor_id, surface, match_kind, count.

    >>> m = pd.DataFrame({"actor_id": ["putin"] * 3, "surface": ["Putin", "Putin", "Vladimir Putin"],
    ...                   "match_kind": ["surname", "surname", "alias"]})
    >>> surface_forms(m).values.tolist()
    [['putin', 'Putin', 'surname', 2], ['putin', 'Vladimir Putin', 'alias', 1]]
    """
    cols = ["actor_id", "surface", "match_kind"]
    out = mentions.groupby(cols, sort=False).size().rename("count").reset_index()
    return out.sort_values(["actor_id", "count", "surface"], ascending=[True, False, True]).reset_index(drop=True)


def kwic(mentions: pd.DataFrame, articles: pd.DataFrame, actor_id: str, *, width: int = 50,
         roles: bool = True) -> pd.DataFrame:
    """Keyword-in-context lines for one actor: doc_id, start, end, left, match, right, match_kind.

    ``left``/``right`` are up to ``width`` characters of the article text (line breaks shown as " / ").

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Talks began. Putin said no."]})
    >>> m = pd.DataFrame({"doc_id": ["a"], "start": [13], "end": [18], "actor_id": ["putin"], "match_kind": ["alias"]})
    >>> kwic(m, arts, "putin", width=6)[["left", "match", "right"]].values.tolist()
    [['egan. ', 'Putin', ' said ']]
    """
    if width < 0:
        raise InputError(f"kwic: width must be 0 or more, got {width}.")
    texts = dict(zip(articles["doc_id"], articles["text"]))
    rows = mentions[mentions["actor_id"].eq(actor_id)]
    if not roles:
        rows = rows[rows["match_kind"].ne("role")]
    out = []
    for doc_id, start, end, kind in zip(rows["doc_id"], rows["start"], rows["end"], rows["match_kind"]):
        text = texts.get(doc_id, "")
        out.append((doc_id, int(start), int(end), text[max(0, start - width):start].replace("\n", " / "),
                    text[start:end], text[end:end + width].replace("\n", " / "), kind))
    return pd.DataFrame(out, columns=["doc_id", "start", "end", "left", "match", "right", "match_kind"])


def cooccurrence(mentions: pd.DataFrame, *, unit: str = "sentence", roles: bool = True,
                 min_weight: int = 1) -> pd.DataFrame:
    """Actor pairs named in the same sentence (or article): source, target, weight = number of shared units.

    >>> m = pd.DataFrame({"doc_id": ["a"] * 3, "sent_id": [0, 0, 1], "actor_id": ["x", "y", "x"],
    ...                   "match_kind": ["alias"] * 3})
    >>> cooccurrence(m).values.tolist()
    [['x', 'y', 1]]
    """
    if unit not in ("sentence", "article"):
        raise InputError(f"cooccurrence: unit must be 'sentence' or 'article', got {unit!r}.")
    data = mentions if roles else mentions[mentions["match_kind"].ne("role")]
    keys = ["doc_id", "sent_id"] if unit == "sentence" else ["doc_id"]
    weights: Counter = Counter()
    for _, group in data.groupby(keys, sort=False)["actor_id"]:
        ids = sorted(set(group))
        weights.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
    edges = [(a, b, w) for (a, b), w in weights.items() if w >= min_weight]
    out = pd.DataFrame(edges, columns=["source", "target", "weight"]).astype({"weight": "int64"})
    return out.sort_values(["weight", "source", "target"], ascending=[False, True, True]).reset_index(drop=True)


def cooccurrence_graph(edges: pd.DataFrame, *, actors: pd.DataFrame | None = None,
                       counts: pd.DataFrame | None = None):
    """A ``networkx.Graph`` from a co-occurrence edge list; nodes carry name, type, side and mentions if given.

    >>> g = cooccurrence_graph(pd.DataFrame({"source": ["x"], "target": ["y"], "weight": [2]}))
    >>> g["x"]["y"]["weight"]
    2
    """
    import networkx as nx

    graph = nx.Graph()
    info = _names(actors)
    if info is not None:
        for row in info.itertuples(index=False):
            graph.add_node(row.actor_id, name=row.name, type=row.type, side=row.side)
    for source, target, weight in zip(edges["source"], edges["target"], edges["weight"]):
        graph.add_edge(source, target, weight=int(weight))
    if counts is not None:
        totals = counts.groupby("actor_id")["mentions_with_roles"].sum()
        for node in graph.nodes:
            graph.nodes[node]["mentions"] = int(totals.get(node, 0))
    if info is not None:  # keep only actors that take part in an edge or were counted
        keep = set(edges["source"]) | set(edges["target"])
        if counts is not None:
            keep |= set(counts["actor_id"])
        graph.remove_nodes_from([n for n in list(graph.nodes) if n not in keep])
    return graph


# ---------------------------------------------------------------------------------- names and suggestions


def _candidates(actors: pd.DataFrame) -> dict[str, str]:
    """casefolded id / name / alias -> actor_id."""
    table = validate_actors(actors)
    out: dict[str, str] = {}
    for row in table.itertuples(index=False):
        for label in [row.actor_id, row.name, *split_field(row.aliases)]:
            out.setdefault(_norm(label).casefold(), row.actor_id)
    return out


def closest_actor(name: str, actors: pd.DataFrame, *, cutoff: float = 75.0) -> str | None:
    """The actor_id whose id, name or alias is closest to ``name`` (for "Did you mean …?"), or None.

    >>> t = pd.DataFrame({"actor_id": ["putin"], "name": ["Vladimir Putin"], "type": ["PERSON"], "aliases": ["Putin"]})
    >>> closest_actor("Puttin", t), closest_actor("nobody", t)
    ('putin', None)
    """
    from rapidfuzz import fuzz, process

    table = _candidates(actors)
    if not table or not str(name).strip():
        return None
    labels = list(table)
    best = process.extractOne(_norm(str(name)).casefold(), labels, scorer=fuzz.ratio, score_cutoff=cutoff)
    return table[best[0]] if best else None


def resolve_actor(name: str, actors: pd.DataFrame) -> str:
    """The actor_id for an id, canonical name or alias (any case); unknown names raise ``InputError``
    with the closest suggestion.

    >>> t = pd.DataFrame({"actor_id": ["putin"], "name": ["Vladimir Putin"], "type": ["PERSON"], "aliases": ["Putin"]})
    >>> resolve_actor("vladimir putin", t)
    'putin'
    """
    table = _candidates(actors)
    hit = table.get(_norm(str(name)).casefold())
    if hit:
        return hit
    guess = closest_actor(name, actors)
    ids = sorted(actors["actor_id"])
    known = ", ".join(ids[:15]) + (", …" if len(ids) > 15 else "")
    hint = f" Did you mean {guess!r}?" if guess else f" Actor ids in this table: {known}."
    raise InputError(f"Unknown actor {name!r}: it is not an actor_id, name or alias in the actor table.{hint}")


def counting_choices(mentions: pd.DataFrame, raw_mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mentions per actor under ever wider counting rules: aliases only, + surnames, + misspellings, + role
    descriptions, and (when ``raw_mentions`` are given) the same rules on the uncleaned text.

    >>> m = pd.DataFrame({"actor_id": ["putin", "putin", "putin"], "match_kind": ["alias", "surname", "role"]})
    >>> counting_choices(m).loc["putin"].tolist()
    [1, 2, 2, 3]
    """
    by_kind = pd.crosstab(mentions["actor_id"], mentions["match_kind"]) if len(mentions) else pd.DataFrame()
    by_kind = by_kind.reindex(columns=["alias", "surname", "fuzzy", "role"], fill_value=0)
    choices = pd.DataFrame({
        "aliases only": by_kind["alias"],
        "+ surnames": by_kind[["alias", "surname"]].sum(axis=1),
        "+ misspellings": by_kind[["alias", "surname", "fuzzy"]].sum(axis=1),
        "+ role descriptions": by_kind.sum(axis=1),
    })
    if raw_mentions is not None:
        choices = choices.join(raw_mentions.groupby("actor_id").size().rename("uncleaned text"), how="outer")
    return choices.fillna(0).astype(int).rename_axis("actor_id")


def focus_actor_id(name: str, actors: pd.DataFrame, mentions: pd.DataFrame) -> str | None:
    """The actor to look at closely: ``name`` resolved through the table, or, when ``name`` is empty, the most
    mentioned actor (None when nothing was mentioned).

    >>> t = pd.DataFrame({"actor_id": ["putin", "kyiv"], "name": ["Vladimir Putin", "Kyiv"], "type": ["PERSON", "LOC"],
    ...                   "aliases": ["Putin", ""]})
    >>> focus_actor_id("", t, pd.DataFrame({"actor_id": ["kyiv", "putin", "kyiv"]}))
    'kyiv'
    """
    if str(name).strip():
        return resolve_actor(name, actors)
    counts = mentions["actor_id"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    return str(counts.index[0]) if len(counts) else None  # ties: the first id in alphabetical order


# ----------------------------------------------------------------------------------------- discovery


def _strip_name(text: str) -> str:
    text = _SPACES.sub(" ", _POSSESSIVE.sub("", text.strip()))
    return _LEADING_ARTICLE.sub("", text).strip(" ,;:")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    return slug if slug and slug[0].isalpha() else f"actor_{slug}" if slug else "actor"


def _spelling_groups(words: Sequence[str]) -> dict[str, str]:
    """Map each word to a representative of its spelling group (one or two edits apart, same first letter)."""
    from rapidfuzz.distance import Levenshtein

    parent = {w: w for w in words}

    def root(w: str) -> str:
        while parent[w] != w:
            w = parent[w]
        return w

    for i, a in enumerate(words):
        for b in words[i + 1:]:
            limit = 1 if min(len(a), len(b)) < 8 else 2
            if a[:1] == b[:1] and min(len(a), len(b)) >= FUZZY_MIN_LEN and Levenshtein.distance(a, b) <= limit:
                parent[root(b)] = root(a)
    return {w: root(w) for w in words}


def discover_actors(data: pd.DataFrame, actors: pd.DataFrame, *, types: Sequence[str] = ACTOR_TYPES,
                    min_count: int = 1) -> pd.DataFrame:
    """Names that ``find_entities`` sees but the actor table does not cover, grouped into proposals.

    ``data`` is an ``articles`` frame (doc_id, text) or a ``sentences`` frame (doc_id, sent_id, start, text).
    Entities overlapping a known mention (including fuzzy variants) are skipped, and so are one-word names
    that also occur in lower case in the same texts ("Ceasefire" in a heading, "ceasefire" elsewhere).
    Variants are grouped: "Vladimir Putin", "Putin" and "Putin’s" become one proposal; surname spellings one
    or two edits apart ("Zelensky"/"Zelenskyy") merge when the full names start with the same letter; one-word
    names join the person whose surname they are. Columns ``PROPOSAL_COLUMNS``; sorted by count.
    """
    if "text" not in data.columns or "doc_id" not in data.columns:
        raise InputError("discover_actors: expected an articles frame (doc_id, text) or a sentences frame.")
    unknown = [t for t in types if t not in ACTOR_TYPES + ("MISC",)]
    if unknown:
        raise InputError(f"discover_actors: unknown entity type(s) {', '.join(unknown)}; use PERSON, ORG, LOC, MISC.")
    if "sent_id" in data.columns:
        sentences = data
    else:
        sentences = pd.DataFrame({"doc_id": data["doc_id"], "sent_id": 0, "start": 0, "end": data["text"].str.len(),
                                  "text": data["text"]})
    known = find_mentions(sentences, actors, roles=False, fuzzy=True)
    known_spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc_id, start, end in zip(known["doc_id"], known["start"], known["end"]):
        known_spans[doc_id].append((int(start), int(end)))
    known_names = set(_candidates(actors))
    lower_words = {w for text in sentences["text"] if isinstance(text, str) for w in _LOWER_WORD.findall(text)}
    found = []  # (name, surface, label, doc_id, example)
    for doc_id, base, text in zip(sentences["doc_id"], sentences["start"], sentences["text"]):
        if not isinstance(text, str) or not text:
            continue
        for start, end, label in find_entities(text):
            if label not in types:
                continue
            a, b = int(base) + start, int(base) + end
            if any(x < b and a < y for x, y in known_spans.get(doc_id, ())):
                continue
            surface = text[start:end]
            name = _strip_name(surface)
            if len(name) < 2 or name.casefold() in known_names:
                continue
            if " " not in name and name.casefold() in lower_words:  # "Ceasefire" heading, "ceasefire" elsewhere
                continue
            found.append((name, surface, label, doc_id, text.strip()))
    if not found:
        return pd.DataFrame(columns=PROPOSAL_COLUMNS)
    # group: person names by surname (spelling variants merged: "Zelensky"/"Zelenskyy"), when all the full
    # names with that surname start with the same letter (one person); one-word names join that person
    labels_by_name: dict[str, Counter] = defaultdict(Counter)
    for name, _s, label, _d, _e in found:
        labels_by_name[name][label] += 1
    full_names = [n for n, labels in labels_by_name.items()
                  if " " in n and labels.most_common(1)[0][0] == "PERSON"]
    spelling = _spelling_groups(sorted({n.split(" ")[-1].casefold() for n in full_names}))
    by_surname: dict[str, set[str]] = defaultdict(set)
    for n in full_names:
        by_surname[spelling[n.split(" ")[-1].casefold()]].add(n)
    one_person = {root for root, names in by_surname.items() if len({n[0].casefold() for n in names}) == 1}
    group_of: dict[str, str] = {}
    for name in labels_by_name:
        last = name.split(" ")[-1].casefold()
        root = spelling.get(last, last)
        if root in one_person and (" " not in name or name in by_surname[root]):
            group_of[name] = f"person:{root}"
        else:
            group_of[name] = f"name:{name.casefold()}"
    groups: dict[str, dict] = {}
    for name, surface, label, doc_id, example in found:
        g = groups.setdefault(group_of[name], {"names": Counter(), "surfaces": Counter(), "labels": Counter(),
                                               "docs": Counter(), "example": example})
        g["names"][name] += 1
        g["surfaces"][surface] += 1
        g["labels"][label] += 1
        g["docs"][doc_id] += 1
    taken = set(validate_actors(actors)["actor_id"])
    rows = []
    for key, g in sorted(groups.items(), key=lambda kv: (-sum(kv[1]["names"].values()), min(kv[1]["names"]))):
        count = sum(g["names"].values())
        if count < min_count:
            continue
        name = max(g["names"], key=lambda n: (len(n.split()), g["names"][n], n))
        label = "PERSON" if key.startswith("person:") else g["labels"].most_common(1)[0][0]
        base_id = _slug(name.split(" ")[-1] if label == "PERSON" else name)
        proposed, k = base_id, 2
        while proposed in taken:
            proposed, k = f"{base_id}_{k}", k + 1
        taken.add(proposed)
        variants = [s for s, _ in g["surfaces"].most_common()]
        rows.append((proposed, name, label, count, len(g["docs"]), "|".join(variants),
                     "|".join(sorted(g["docs"])), g["example"]))
    return pd.DataFrame(rows, columns=PROPOSAL_COLUMNS).astype({"count": "int64", "n_docs": "int64"})


def write_draft_actor_table(proposals: pd.DataFrame, path: str | Path, *, overwrite: bool = False,
                            types: Sequence[str] = ACTOR_TYPES) -> Path:
    """Write proposals as a draft ``actors.csv`` for a person to edit (side and roles left blank).

    Aliases are the proposal's variants without possessives; an alias claimed by two proposals stays with the
    more frequent one. Refuses to replace an existing file unless ``overwrite=True``.
    """
    file = Path(path)
    if file.exists() and not overwrite:
        raise InputError(f"{file} already exists; choose another path or pass overwrite=True to replace it.")
    rows, claimed = [], set()
    for row in proposals.sort_values("count", ascending=False, kind="stable").itertuples(index=False):
        typ = row.type if row.type in ACTOR_TYPES else "ORG" if "ORG" in types else types[0]
        aliases = []
        for variant in [row.name, *split_field(row.variants)]:
            alias = _strip_name(variant)
            if alias and _norm(alias) not in claimed:
                claimed.add(_norm(alias))
                aliases.append(alias)
        if not aliases:
            continue
        rows.append({"actor_id": row.proposed_id, "name": row.name, "type": typ, "side": "",
                     "aliases": "|".join(aliases), "roles": ""})
    table = pd.DataFrame(rows, columns=ACTOR_COLUMNS)
    file.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(file, index=False, encoding="utf-8")
    return file
