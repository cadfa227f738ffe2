"""Measures per group of articles: attention, tone, topic share and share of voice.

Each function takes the per-article frame of :func:`lib.compare.article_groups` and the names of its group
columns (``keys``: ``["period"]``, ``["outlet"]``, ``["period", "leaning"]`` ...), drops articles with no value
in a key (undated articles in a timeline) and returns a tidy frame with one row per group (and actor or topic),
every share with its Wilson interval and every mean with the interval of :func:`lib.sentiment.tone_summary`.

>>> groups = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"], "words": [100, 300, 200]})
>>> hits = pd.DataFrame({"doc_id": ["a", "a", "c"], "actor_id": ["kim", "kim", "kim"]})
>>> attention(groups, hits, keys=["outlet"])[["outlet", "articles", "articles_mentioning", "share",
...                                           "per_1000_words"]].values.tolist()
[['X', 2, 1, 0.5, 5.0], ['Y', 1, 1, 1.0, 5.0]]
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from lib.compare.stats import wilson
from lib.errors import InputError, require_columns

__all__ = ["attention", "cell_evidence", "group_sizes", "top_items", "tone_by_group", "topic_share", "voice_by_group"]


def _keys(groups: pd.DataFrame, keys: Sequence[str]) -> list[str]:
    keys = [keys] if isinstance(keys, str) else list(keys)
    if not keys:
        raise InputError("keys must name at least one group column (e.g. ['period'] or ['outlet']).")
    require_columns(groups, ["doc_id", *keys], "The article groups table")
    return keys


def _with_groups(frame: pd.DataFrame, groups: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``frame`` with the group columns of its article; rows of articles without a group value are dropped."""
    cols = [c for c in frame.columns if c not in keys]
    return frame[cols].merge(groups[["doc_id", *keys]].dropna(subset=keys), on="doc_id", how="inner")


def group_sizes(groups: pd.DataFrame, *, keys: Sequence[str]) -> pd.DataFrame:
    """Articles and words per group (articles without a value in a key are left out).

    >>> group_sizes(pd.DataFrame({"doc_id": ["a", "b"], "g": ["x", "x"], "words": [3, 4]}), keys=["g"]).values.tolist()
    [['x', 2, 7]]
    """
    keys = _keys(groups, keys)
    require_columns(groups, ["words"], "The article groups table")
    sizes = groups.dropna(subset=keys).groupby(keys, sort=True).agg(articles=("doc_id", "size"), words=("words", "sum"))
    return sizes.reset_index()


def top_items(hits: pd.DataFrame, *, item: str = "actor_id", n: int = 6, chosen: Sequence[str] = ()) -> list[str]:
    """``chosen`` if given, else the ``n`` items with most rows in ``hits`` (ties alphabetical).

    >>> top_items(pd.DataFrame({"actor_id": ["b", "a", "b", "c", "a"]}), n=2)
    ['a', 'b']
    """
    if chosen:
        return [str(c) for c in chosen]
    counts = hits[item].astype(str).value_counts()
    order = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [k for k, _ in order[:n]]


def attention(groups: pd.DataFrame, hits: pd.DataFrame, *, keys: Sequence[str], item: str = "actor_id",
              items: Sequence[str] | None = None, ci: float = 0.95) -> pd.DataFrame:
    """Per group and item (an actor of ``mentions``, a topic of ``topic_hits``): ``articles`` in the group,
    ``articles_mentioning`` the item, their ``share`` with a Wilson interval (``ci_low``, ``ci_high``),
    ``mentions`` (rows of ``hits``), ``words`` and ``per_1000_words``. Every group × item appears, zeros included.
    """
    keys = _keys(groups, keys)
    require_columns(hits, ["doc_id", item], "The hits table")
    base = group_sizes(groups, keys=keys)
    names = list(items) if items is not None else sorted(hits[item].dropna().astype(str).unique())
    h = _with_groups(hits[["doc_id", item]].assign(**{item: hits[item].astype(str)}), groups, keys)
    h = h[h[item].isin(names)]
    mentions = h.groupby([*keys, item]).size().rename("mentions")
    docs = h.drop_duplicates(["doc_id", item]).groupby([*keys, item]).size().rename("articles_mentioning")
    grid = base.merge(pd.DataFrame({item: names}), how="cross")
    out = grid.merge(docs.reset_index(), on=[*keys, item], how="left").merge(
        mentions.reset_index(), on=[*keys, item], how="left")
    out[["articles_mentioning", "mentions"]] = out[["articles_mentioning", "mentions"]].fillna(0).astype("int64")
    out["share"] = out["articles_mentioning"] / out["articles"]
    out["ci_low"], out["ci_high"] = wilson(out["articles_mentioning"], out["articles"], ci=ci)
    out["per_1000_words"] = 1000 * out["mentions"] / out["words"].where(out["words"] > 0)
    columns = [*keys, item, "articles", "articles_mentioning", "share", "ci_low", "ci_high", "mentions", "words",
               "per_1000_words"]
    return out[columns]


def tone_by_group(evidence: pd.DataFrame, groups: pd.DataFrame, *, keys: Sequence[str],
                  actors: Sequence[str] | None = None, kinds: Sequence[str] = ("portrayal", "voice"),
                  min_units: int = 10, **summary_options) -> pd.DataFrame:
    """:func:`lib.sentiment.tone_summary` per group × actor × kind (the same numbers and intervals as notebook 02
    for the same units), plus ``small`` (fewer than ``min_units`` units: shown, never ranked).

    ``summary_options`` go to ``tone_summary`` (``n_boot``, ``seed``, ``ci``, ``positive``, ``negative``).
    """
    from lib.sentiment import tone_summary

    keys = _keys(groups, keys)
    require_columns(evidence, ["doc_id", "actor_id", "kind", "score"], "The tone evidence table")
    ev = evidence[evidence["kind"].isin(list(kinds))]
    if actors is not None:
        ev = ev[ev["actor_id"].isin(list(actors))]
    ev = _with_groups(ev[["doc_id", "actor_id", "kind", "score"]], groups, keys)
    if ev.empty:
        from lib.sentiment import SUMMARY_COLUMNS

        return pd.DataFrame(columns=[*keys, "actor_id", "kind", *SUMMARY_COLUMNS, "small"])
    out = tone_summary(ev, by=[*keys, "actor_id", "kind"], **summary_options)
    out["small"] = out["n"] < min_units
    return out


def topic_share(groups: pd.DataFrame, topic_hits: pd.DataFrame, sentences: pd.DataFrame, *, keys: Sequence[str],
                topics: Sequence[str] | None = None, ci: float = 0.95) -> pd.DataFrame:
    """Per group and topic: ``sentences`` in the group, ``sentences_with_topic``, their ``share`` with a Wilson
    interval. Sentences of one article are not independent, so read the interval as a lower bound on the
    uncertainty; the share of *articles* with a topic is :func:`attention` with ``item="topic"``.

    >>> g = pd.DataFrame({"doc_id": ["a"], "g": ["x"]})
    >>> s = pd.DataFrame({"doc_id": ["a"] * 4, "sent_id": [0, 1, 2, 3]})
    >>> h = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [1, 1], "topic": ["war", "war"]})
    >>> topic_share(g, h, s, keys=["g"])[["topic", "sentences", "sentences_with_topic", "share"]].values.tolist()
    [['war', 4, 1, 0.25]]
    """
    keys = _keys(groups, keys)
    require_columns(topic_hits, ["doc_id", "sent_id", "topic"], "The topic hits table")
    require_columns(sentences, ["doc_id", "sent_id"], "The sentences table")
    sents = _with_groups(sentences[["doc_id", "sent_id"]], groups, keys)
    base = sents.groupby(keys, sort=True).size().rename("sentences").reset_index()
    names = list(topics) if topics is not None else sorted(topic_hits["topic"].astype(str).unique())
    hits = topic_hits[["doc_id", "sent_id", "topic"]].assign(topic=topic_hits["topic"].astype(str))
    hits = _with_groups(hits[hits["topic"].isin(names)].drop_duplicates(), groups, keys)
    counts = hits.groupby([*keys, "topic"]).size().rename("sentences_with_topic").reset_index()
    out = base.merge(pd.DataFrame({"topic": names}), how="cross").merge(counts, on=[*keys, "topic"], how="left")
    out["sentences_with_topic"] = out["sentences_with_topic"].fillna(0).astype("int64")
    out["share"] = out["sentences_with_topic"] / out["sentences"]
    out["ci_low"], out["ci_high"] = wilson(out["sentences_with_topic"], out["sentences"], ci=ci)
    return out


def voice_by_group(evidence: pd.DataFrame, groups: pd.DataFrame, *, keys: Sequence[str],
                   actors: Sequence[str] | None = None, ci: float = 0.95) -> pd.DataFrame:
    """Share of voice per group: ``quotes`` attributed to each actor, ``group_quotes`` (all attributed quotes in
    the group) and ``share`` of them with a Wilson interval. Actors never quoted in a group get zeros.

    >>> g = pd.DataFrame({"doc_id": ["a", "b"], "g": ["x", "y"]})
    >>> e = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "actor_id": ["p", "p", "q", "q"], "kind": ["voice"] * 4})
    >>> voice_by_group(e, g, keys=["g"])[["g", "actor_id", "quotes", "share"]].values.tolist()[:2]
    [['x', 'p', 2, 0.6666666666666666], ['x', 'q', 1, 0.3333333333333333]]
    """
    keys = _keys(groups, keys)
    require_columns(evidence, ["doc_id", "actor_id", "kind"], "The tone evidence table")
    quotes = _with_groups(evidence.loc[evidence["kind"] == "voice", ["doc_id", "actor_id"]], groups, keys)
    totals = quotes.groupby(keys, sort=True).size().rename("group_quotes").reset_index()
    names = list(actors) if actors is not None else sorted(quotes["actor_id"].astype(str).unique())
    counts = quotes.groupby([*keys, "actor_id"]).size().rename("quotes").reset_index()
    out = totals.merge(pd.DataFrame({"actor_id": names}), how="cross").merge(counts, on=[*keys, "actor_id"], how="left")
    out["quotes"] = out["quotes"].fillna(0).astype("int64")
    out["share"] = out["quotes"] / out["group_quotes"]
    out["ci_low"], out["ci_high"] = wilson(out["quotes"], out["group_quotes"], ci=ci)
    return out[[*keys, "actor_id", "quotes", "group_quotes", "share", "ci_low", "ci_high"]]


def cell_evidence(evidence: pd.DataFrame, groups: pd.DataFrame, *, column: str, value: str, actor: str,
                  kind: str = "portrayal", rows: int = 3) -> pd.DataFrame:
    """The units behind one cell of a tone table: the ``rows`` most negative and most positive units of
    ``actor`` and ``kind`` in the articles whose ``column`` is ``value`` (each listed once).

    >>> g = pd.DataFrame({"doc_id": ["a", "b"], "side": ["l", "r"]})
    >>> e = pd.DataFrame({"doc_id": ["a", "a", "b"], "actor_id": ["kim"] * 3, "kind": ["portrayal"] * 3,
    ...                   "score": [0.4, -0.2, 0.9], "text": ["Good.", "Bad.", "Great."]})
    >>> cell_evidence(e, g, column="side", value="l", actor="kim", rows=1)["text"].tolist()
    ['Bad.', 'Good.']
    """
    require_columns(evidence, ["doc_id", "actor_id", "kind", "score"], "The tone evidence table")
    chosen = groups.loc[groups[column].astype(str) == str(value), "doc_id"]
    mine = evidence[(evidence["actor_id"] == actor) & (evidence["kind"] == kind) & evidence["doc_id"].isin(chosen)]
    picked = pd.concat([mine.nsmallest(rows, "score"), mine.nlargest(rows, "score")])
    return picked[~picked.index.duplicated()].reset_index(drop=True)
