"""The automatic actor table: an actor table built from a corpus's own names, in the format of
``data/actors.csv``, ready to edit and pass back with ``-p actors FILE``; and how well a given table fits a corpus.

Names come from :func:`lib.entities.find_entities`, cleaned and typed by :mod:`lib.actors.names`, then grouped:

* **People.** Full names with the same first name and surname are one person ("Donald Trump", "Donald J.
  Trump"); a surname spelt one or two letters differently by a much rarer form is a misspelling ("Zelenskyy");
  a surname alone ("Trump", "Mr Trump", "Trump's") joins the most frequent full name it ends, and a first name
  alone joins the full name it begins when that person has most of the mentions with that first name.
  Generational suffixes ("Jr.") make a different person.
* **Organisations and places.** One actor per name (case ignored); an acronym joins the one frequent name whose
  initials it spells ("U.S." and "United States", "FBI" and "Federal Bureau of Investigation").

>>> import pandas as pd
>>> s = pd.DataFrame({"doc_id": ["a"] * 3, "text": ["Anna Smith met Acme Corp.", "Ms Smith left.",
...                                                    "Smith's plan stays."]})
>>> auto_actor_table(s, min_count=2).frame[["actor_id", "name", "type", "aliases"]].values.tolist()
[['smith', 'Anna Smith', 'PERSON', 'Smith|Anna Smith']]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

import pandas as pd

from lib.actors.discover import _slug
from lib.actors.match import FUZZY_MIN_LEN
from lib.actors.names import (
    NameStats,
    actor_words,
    clean_names,
    lowercase_counts,
    name_stats,
    name_type,
    person_surnames,
)
from lib.actors.table import TABLE_COLUMNS, ActorTable, norm, strip_name
from lib.entities import default_lexicon, find_entities

__all__ = ["AUTO_MAX_ACTORS", "AUTO_MIN_COUNT", "auto_actor_table"]

AUTO_MIN_COUNT = 5  # a name seen fewer times is not an actor of the automatic table
AUTO_MAX_ACTORS = 60  # the automatic table keeps at most this many actors, most mentioned first
Entities = Callable[[str], list[tuple[int, int, str]]]
_SKIP_IN_INITIALS = frozenset({"of", "the", "and", "for", "&", "on", "in"})


def auto_actor_table(sentences: pd.DataFrame, *, min_count: int = AUTO_MIN_COUNT,
                     max_actors: int = AUTO_MAX_ACTORS, entities: Entities = find_entities) -> ActorTable:
    """An actor table for the corpus behind ``sentences`` (``doc_id``, ``text``): every person, organisation
    and place named at least ``min_count`` times, at most ``max_actors`` of them (most mentioned first)."""
    lowercase = lowercase_counts(sentences)
    stats = clean_names(name_stats(sentences, entities=entities), lowercase)
    surnames = person_surnames(stats)
    typed = {k: t for k, s in stats.items()
             if (s.count >= 2 or " " in k) and (t := name_type(s, surnames, lowercase=lowercase))}
    groups = _people(stats, typed, min_count=min_count) + _others(stats, typed, min_count=min_count)
    return _table(groups, stats, min_count=min_count, max_actors=max_actors)


def _surname(key: str) -> tuple[str, str]:
    """(surname, generational suffix) of a full name: ("trump", "jr.") for "donald trump jr."."""
    words = key.split(" ")
    suffix = ""
    if len(words) > 2 and words[-1] in actor_words()["name_suffixes"]:
        suffix, words = words[-1], words[:-1]
    return words[-1].rstrip(","), suffix


def _spelling_roots(counts: Counter) -> dict[str, str]:
    """Word -> the much more frequent word it misspells (one edit, two from eight letters, same first
    letter, at most a fifth as frequent); every other word maps to itself."""
    from rapidfuzz.distance import Levenshtein

    by_letter: dict[str, list[str]] = defaultdict(list)
    for w in counts:
        by_letter[w[:1]].append(w)
    root = {w: w for w in counts}
    for w in sorted(counts, key=lambda x: (-counts[x], x)):
        if len(w) < FUZZY_MIN_LEN or root[w] != w:
            continue
        for v in by_letter[w[:1]]:
            limit = 1 if min(len(v), len(w)) < 8 else 2
            if (v != w and root[v] == v and len(v) >= FUZZY_MIN_LEN and counts[v] * 5 <= counts[w]
                    and abs(len(v) - len(w)) <= limit and Levenshtein.distance(v, w) <= limit):
                root[v] = w
    return root


def _people(stats: dict[str, NameStats], typed: dict[str, str], *, min_count: int) -> list[tuple[str, list[str]]]:
    """Person groups: full names by (first name, surname, suffix), surnames and first names attached."""
    full = [k for k, t in typed.items() if t == "PERSON" and " " in k]
    single = [k for k, t in typed.items() if t == "PERSON" and " " not in k]
    counts = Counter()
    for k in full:
        counts[_surname(k)[0]] += stats[k].count
    for k in single:
        counts[k] += stats[k].count
    root = _spelling_roots(counts)
    persons: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for k in full:
        surname, suffix = _surname(k)
        persons[(k.split(" ")[0], root.get(surname, surname), suffix)].append(k)
    size = {p: sum(stats[k].count for k in keys) for p, keys in persons.items()}
    by_surname: dict[str, list[tuple]] = defaultdict(list)
    by_first: dict[str, list[tuple]] = defaultdict(list)
    for p in persons:
        if not p[2]:
            by_surname[p[1]].append(p)
        by_first[p[0]].append(p)
    lex = default_lexicon()
    for k in sorted(single, key=lambda x: -stats[x].count):
        owners = by_surname.get(root.get(k, k), [])
        firsts = by_first.get(k, []) if k in lex.first_names else []
        if owners:
            persons[max(owners, key=lambda p: (size[p], p))].append(k)
        elif firsts and max(size[p] for p in firsts) >= 0.6 * sum(size[p] for p in firsts):
            persons[max(firsts, key=lambda p: (size[p], p))].append(k)
        else:
            persons[(k, k, "")].append(k)
    return [("PERSON", keys) for keys in persons.values()]


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split(" ") if w and w not in _SKIP_IN_INITIALS)


def _others(stats: dict[str, NameStats], typed: dict[str, str], *, min_count: int) -> list[tuple[str, list[str]]]:
    """Organisations and places, one per name; an acronym joins the one frequent name it abbreviates."""
    keys = [k for k, t in typed.items() if t != "PERSON"]
    by_initials: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        if len(k.split(" ")) > 1 and "." not in k and stats[k].count >= min_count:
            by_initials[_initials(k)].append(k)
    groups: dict[str, list[str]] = {k: [k] for k in keys}
    for k in keys:
        letters = k.replace(".", "")
        if " " in k or not stats[k].name.replace(".", "").isupper() or not letters.isalpha():
            continue
        targets = by_initials.get(letters, [])
        if len(targets) == 1 and targets[0] in groups:
            groups[targets[0]].extend(groups.pop(k))
    for k in list(groups):  # "Democrats" and "Democrat"
        if k.endswith("s") and k[:-1] in groups and k in groups and typed[k] == typed[k[:-1]]:
            big, small = sorted((k, k[:-1]), key=lambda x: -stats[x].count)
            groups[big].extend(groups.pop(small))
    return [(typed[main], members) for main, members in groups.items()]


def _aliases(members: list[str], stats: dict[str, NameStats]) -> list[str]:
    """Written forms of the group's names, most frequent first; capitals-only forms of long names are left to
    the matcher (it matches every alias of four or more letters in capitals too)."""
    forms: Counter = Counter()
    for k in members:
        for surface, n in stats[k].surfaces.items():
            form = strip_name(surface)
            shouted = form.isupper() and len(form) >= 4 and form.title().casefold() == k
            if n >= 2 and form.casefold() == k and not shouted:
                forms[form] += n
        forms[stats[k].name] += 0
    return [f for f, _ in sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))]


def _table(groups: list[tuple[str, list[str]]], stats: dict[str, NameStats], *, min_count: int,
           max_actors: int) -> ActorTable:
    """Rows for the ``max_actors`` largest groups of at least ``min_count`` mentions; each alias once."""
    sized = sorted(((sum(stats[k].count for k in keys), typ, keys) for typ, keys in groups),
                   key=lambda g: (-g[0], sorted(g[2])))
    rows, taken, claimed = [], set(), set()
    for count, typ, keys in sized:
        if count < min_count or len(rows) >= max_actors:
            break
        main = max(keys, key=lambda k: (len(k.split(" ")) > 1, stats[k].count, k))
        name = stats[main].name
        aliases = [a for a in _aliases(keys, stats) if norm(a) not in claimed]
        if not aliases or norm(name) in claimed:
            continue
        claimed.update(norm(a) for a in aliases)
        base = _slug(_surname(main)[0] if typ == "PERSON" else name)
        actor_id = base if base not in taken else _slug(name)
        k = 2
        while actor_id in taken:
            actor_id, k = f"{_slug(name)}_{k}", k + 1
        taken.add(actor_id)
        rows.append({"actor_id": actor_id, "name": name, "type": typ, "side": "", "aliases": "|".join(aliases),
                     "roles": "", "side_words": ""})
    frame = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    return ActorTable.from_frame(frame, source="Automatic actor table")
