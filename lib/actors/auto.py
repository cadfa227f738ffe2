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
    letter, at most a fifth as frequent, not a name of its own in the census lists); every other word maps to
    itself."""
    from rapidfuzz.distance import Levenshtein

    by_letter: dict[str, list[str]] = defaultdict(list)
    for w in counts:
        by_letter[w[:1]].append(w)
    lex = default_lexicon()
    root = {w: w for w in counts}
    for w in sorted(counts, key=lambda x: (-counts[x], x)):
        if len(w) < FUZZY_MIN_LEN or root[w] != w:
            continue
        for v in by_letter[w[:1]]:
            limit = 1 if min(len(v), len(w)) < 8 else 2
            if (v != w and root[v] == v and len(v) >= FUZZY_MIN_LEN and counts[v] * 5 <= counts[w]
                    and v not in lex.surnames and v not in lex.first_names  # "Clifton" is not "Clinton"
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
    """Organisations and places, one per name; an acronym joins the frequent name with its initials that shares
    the most articles with it, when that is at least 30 % of the articles of the rarer of the two ("S.C." beside
    "South Carolina", not "Supreme Court")."""
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
        docs = stats[k].docs
        shared = {t: len(docs & stats[t].docs) for t in by_initials.get(letters, []) if t in groups}
        best = max(shared, key=lambda t: (shared[t], t), default=None)
        if best is not None and shared[best] >= 0.3 * min(len(docs), len(stats[best].docs)):
            groups[best].extend(groups.pop(k))
    for k in list(groups):  # "Democrats" and "Democrat"
        if k.endswith("s") and k[:-1] in groups and k in groups and typed[k] == typed[k[:-1]]:
            big, small = sorted((k, k[:-1]), key=lambda x: -stats[x].count)
            groups[big].extend(groups.pop(small))
    return [(typed[main], members) for main, members in groups.items()]


def _aliases(members: list[str], stats: dict[str, NameStats]) -> list[str]:
    """Written forms of the group's names seen at least twice, most frequent first; not capitals-only forms of
    a name also written otherwise (the matcher finds those), nor run-ons with repeated words or a title inside."""
    titles = default_lexicon().titles
    forms: Counter = Counter()
    for k in members:
        written = {strip_name(surface) for surface in stats[k].surfaces}
        for surface, n in stats[k].surfaces.items():
            form = strip_name(surface)
            words = form.casefold().replace(".", "").split(" ")
            shouted = form.isupper() and any(w != form and w.casefold() == form.casefold() for w in written)
            odd = len(words) > 4 or len(set(words)) < len(words) or any(w in titles for w in words[1:])
            if n >= 2 and form.casefold() == k and not shouted and not odd:
                forms[form] += n
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
        main = max(keys, key=lambda k: (typ == "PERSON" and len(k.split(" ")) > 1, stats[k].count, k))
        name = stats[main].name
        aliases = [a for a in _aliases(keys, stats) if norm(a) not in claimed]
        aliases += [name] if name not in aliases else []
        if norm(name) in claimed:
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
