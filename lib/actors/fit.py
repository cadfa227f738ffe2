"""How well a given actor table fits a corpus: the share of the corpus's most frequent names (the top of its
automatic table) that the given table matches, and a warning naming the fix when that share is low.

>>> import pandas as pd
>>> def t(ids, names, aliases):
...     return pd.DataFrame({"actor_id": ids, "name": names, "type": "PERSON", "aliases": aliases})
>>> auto = t(["blair", "brown"], ["Tony Blair", "Gordon Brown"], ["Blair", "Brown"])
>>> fit = actor_table_fit(t(["putin"], ["Vladimir Putin"], ["Putin"]), auto, source="data/actors.csv")
>>> fit.matched, fit.frequent, fit.share
(0, 2, 0.0)
>>> fit.warning.split(":")[0]
'The actor table data/actors.csv fits this corpus badly'
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.actors.match import find_mentions
from lib.actors.table import ActorTable, as_actor_table

__all__ = ["FIT_TOP", "FIT_WARN_BELOW", "ActorFit", "actor_table_fit"]

FIT_TOP = 30  # how many of the most frequent names the fit is measured on
FIT_WARN_BELOW = 0.25  # warn when the given table matches fewer than this share of them


@dataclass(frozen=True)
class ActorFit:
    """``matched`` of the corpus's ``frequent`` most frequent names are covered by the table; ``warning`` is
    one sentence (empty when the fit is good enough)."""

    matched: int
    frequent: int
    share: float
    missing: tuple[str, ...]
    warning: str


def actor_table_fit(actors: ActorTable | pd.DataFrame, auto: ActorTable | pd.DataFrame, *, top: int = FIT_TOP,
                    warn_below: float = FIT_WARN_BELOW, source: str = "you gave") -> ActorFit:
    """Compare a given table with the corpus's automatic table (``lib.actors.auto_actor_table``, most
    mentioned first): a frequent name counts as matched when the given table finds a mention in its canonical
    name or any of its aliases."""
    given, found = as_actor_table(actors), as_actor_table(auto)
    ids = found.ids[:top]
    rows = [(a, alias) for a in ids for alias in (found.names[a], *found.aliases[a])]
    sentences = pd.DataFrame({"doc_id": [a for a, _ in rows], "sent_id": range(len(rows)), "start": 0,
                              "end": [len(x) for _, x in rows], "text": [x for _, x in rows]})
    hit = set(find_mentions(sentences, given, roles=False)["doc_id"]) if rows else set()
    missing = tuple(found.names[a] for a in ids if a not in hit)
    share = (len(ids) - len(missing)) / len(ids) if ids else 1.0
    warning = ""
    if ids and share < warn_below:
        warning = (f"The actor table {source} fits this corpus badly: it matches {len(ids) - len(missing)} of the "
                   f"{len(ids)} most frequent names found in the corpus ({share:.0%}; missing for example "
                   f"{', '.join(missing[:5])}). Run with `-p actors auto` to build a table from the corpus, or edit "
                   f"that table and pass it back with `-p actors FILE`.")
    return ActorFit(len(ids) - len(missing), len(ids), share, missing, warning)

