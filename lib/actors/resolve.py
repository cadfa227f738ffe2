"""Naming actors: resolve a name a user typed, suggest the closest one, pick the actor to look at closely, and
show how each counting choice changes the numbers.

>>> t = pd.DataFrame({"actor_id": ["putin"], "name": ["Vladimir Putin"], "type": ["PERSON"], "aliases": ["Putin"]})
>>> resolve_actor("vladimir putin", t), closest_actor("Puttin", t)
('putin', 'putin')
"""

from __future__ import annotations

import pandas as pd

from lib.actors.table import ActorTable, as_actor_table, norm
from lib.errors import InputError

__all__ = ["closest_actor", "counting_choices", "focus_actor_id", "name_index", "resolve_actor"]


def name_index(actors: ActorTable | pd.DataFrame) -> dict[str, str]:
    """Casefolded id, name and aliases -> actor_id (the first actor wins a label two actors share).

    >>> t = pd.DataFrame({"actor_id": ["nato"], "name": ["NATO"], "type": ["ORG"], "aliases": ["the alliance"]})
    >>> name_index(t)
    {'nato': 'nato', 'the alliance': 'nato'}
    """
    table = as_actor_table(actors)
    out: dict[str, str] = {}
    for actor_id, name in table.names.items():
        for label in [actor_id, name, *table.aliases[actor_id]]:
            out.setdefault(norm(label).casefold(), actor_id)
    return out


def closest_actor(name: str, actors: ActorTable | pd.DataFrame, *, cutoff: float = 75.0) -> str | None:
    """The actor_id whose id, name or alias is closest to ``name`` (for "Did you mean …?"), or None.

    >>> t = pd.DataFrame({"actor_id": ["putin"], "name": ["Vladimir Putin"], "type": ["PERSON"], "aliases": ["Putin"]})
    >>> closest_actor("nobody", t) is None
    True
    """
    from rapidfuzz import fuzz, process

    table = name_index(actors)
    if not table or not str(name).strip():
        return None
    best = process.extractOne(norm(str(name)).casefold(), list(table), scorer=fuzz.ratio, score_cutoff=cutoff)
    return table[best[0]] if best else None


def resolve_actor(name: str, actors: ActorTable | pd.DataFrame) -> str:
    """The actor_id for an id, canonical name or alias (any case); unknown names raise ``InputError``
    with the closest suggestion."""
    table = as_actor_table(actors)
    hit = name_index(table).get(norm(str(name)).casefold())
    if hit:
        return hit
    guess = closest_actor(name, table)
    ids = sorted(table.ids)
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


def focus_actor_id(name: str, actors: ActorTable | pd.DataFrame, mentions: pd.DataFrame) -> str | None:
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
