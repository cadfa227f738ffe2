"""Views of a mentions frame: counts per actor and article, the actor × article matrix, merged surface forms,
keyword in context, and the co-occurrence network.

>>> m = pd.DataFrame({"doc_id": ["a", "b", "b"], "actor_id": ["x", "x", "y"], "match_kind": ["alias"] * 3})
>>> mention_matrix(m).loc["x"].tolist()
[1, 1]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pandas as pd

from lib.actors.table import ActorTable, as_actor_table
from lib.errors import InputError

__all__ = ["cooccurrence", "cooccurrence_graph", "kwic", "mention_counts", "mention_matrix", "surface_forms"]


def _info(actors: ActorTable | pd.DataFrame | None) -> pd.DataFrame | None:
    if actors is None:
        return None
    return as_actor_table(actors).frame[["actor_id", "name", "type", "side"]]


def mention_counts(mentions: pd.DataFrame, actors: ActorTable | pd.DataFrame | None = None, *,
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
    info = _info(actors)
    if info is not None:
        counts = counts.merge(info, on="actor_id", how="left")
        counts = counts[keys + ["name", "type", "side", "mentions", "role_mentions", "mentions_with_roles"]]
    order = ["mentions_with_roles", "mentions"] + keys
    return counts.sort_values(order, ascending=[False, False] + [True] * len(keys)).reset_index(drop=True)


def mention_matrix(mentions: pd.DataFrame, *, roles: bool = True, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Actors × articles table of mention counts (rows sorted by total), for heat maps."""
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


def cooccurrence_graph(edges: pd.DataFrame, *, actors: ActorTable | pd.DataFrame | None = None,
                       counts: pd.DataFrame | None = None):
    """A ``networkx.Graph`` from a co-occurrence edge list; nodes carry name, type, side and mentions if given.

    >>> g = cooccurrence_graph(pd.DataFrame({"source": ["x"], "target": ["y"], "weight": [2]}))
    >>> g["x"]["y"]["weight"]
    2
    """
    import networkx as nx

    graph = nx.Graph()
    info = _info(actors)
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
