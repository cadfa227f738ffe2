"""What the explorer shows, as plain functions over tidy frames: filters, hit counts, actor and topic views.

Every view is a dict of frames (or one frame), so the batch report shows the same tables the widgets show,
and every table can be saved as CSV.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import InitVar, dataclass, field

import pandas as pd

from lib.errors import InputError
from lib.explore.concordance import WordIndex, concordance

__all__ = ["ExplorerData", "auto_query", "filter_columns", "hit_counts", "select_docs", "actor_view", "topic_view"]

# Columns that describe one article each (ids, text, checksums) and so make no sense as a filter.
_NOT_FILTERS = frozenset({"doc_id", "title", "text", "url", "raw_sha256", "encoding", "source", "date"})
MAX_FILTER_VALUES = 300


@dataclass
class ExplorerData:
    """The frames the explorer reads, with the word index and article lookups built once."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame | None = None
    quotes: pd.DataFrame | None = None
    topic_hits: pd.DataFrame | None = None
    evidence: pd.DataFrame | None = None
    names: dict = field(default_factory=dict)
    index: WordIndex = field(init=False)
    texts: dict = field(init=False)
    dates: pd.Series = field(init=False)

    prebuilt: InitVar[WordIndex | None] = None  # an index of these sentences (e.g. WordIndex.cached)

    def __post_init__(self, prebuilt: WordIndex | None) -> None:
        self.index = prebuilt if prebuilt is not None else WordIndex.build(self.sentences)
        self.texts = dict(zip(self.articles["doc_id"], self.articles["text"]))
        dates = self.articles["date"] if "date" in self.articles.columns else pd.Series(pd.NaT, self.articles.index)
        self.dates = pd.Series(pd.to_datetime(dates, errors="coerce").values, index=self.articles["doc_id"])

    @classmethod
    def from_annotated(cls, corpus) -> ExplorerData:
        """From :func:`lib.pipeline.annotate`'s result; actor and topic views need its tables."""
        has_actors = getattr(corpus, "actors", None) is not None
        has_topics = getattr(corpus, "topics", None) is not None
        mentions = corpus.mentions if has_actors else None
        quotes = corpus.quotes if has_actors else None
        evidence = corpus.tone_evidence() if has_actors else None  # a cached stage
        table = corpus.actors if has_actors else None
        names = dict(table.names) if table is not None else {}
        index = WordIndex.cached(corpus) if hasattr(corpus, "derived") else None  # built once per corpus
        return cls(corpus.articles, corpus.sentences, mentions, quotes, corpus.topic_hits if has_topics else None,
                   evidence, names, index)

    def search(self, query: str, *, docs: set | None = None, width: int = 60) -> pd.DataFrame:
        """KWIC lines for ``query`` in the articles ``docs`` (all when None), with title, outlet and date."""
        lines = concordance(self.index, query, self.texts, docs=docs, width=width, mentions=self.mentions)
        meta = [c for c in ("title", "outlet", "date") if c in self.articles.columns]
        return lines.merge(self.articles[["doc_id", *meta]], on="doc_id", how="left")


def filter_columns(articles: pd.DataFrame) -> list[str]:
    """Metadata columns worth filtering by: not ids or text, 1 to MAX_FILTER_VALUES distinct values."""
    out = []
    for column in articles.columns:
        if column in _NOT_FILTERS or articles[column].dtype.kind in "fc":
            continue
        values = articles[column].dropna().astype(str).str.strip()
        if 1 <= values[values.ne("")].nunique() <= MAX_FILTER_VALUES:
            out.append(column)
    return out


def select_docs(data: ExplorerData, *, column: str | None = None, values: Sequence[str] = (),
                start: str | None = None, end: str | None = None) -> set:
    """The doc_ids that pass the filters: ``column`` in ``values`` (any value when empty) and a date in
    ``[start, end]`` (either may be None). With a date range set, undated articles are left out.

    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["x"] * 3, "outlet": ["X", "Y", "X"],
    ...                      "date": ["2020-01-05", "2020-03-01", None]})
    >>> d = ExplorerData(arts, pd.DataFrame(columns=["doc_id", "sent_id", "start", "end", "text"]))
    >>> sorted(select_docs(d, column="outlet", values=["X"])), sorted(select_docs(d, start="2020-02-01"))
    (['a', 'c'], ['b'])
    """
    keep = pd.Series(True, index=data.articles["doc_id"].values)
    if column and values:
        if column not in data.articles.columns:
            raise InputError(f"No column {column!r}; filter by one of {', '.join(filter_columns(data.articles))}.")
        keep &= data.articles[column].astype(str).isin([str(v) for v in values]).values
    if start or end:
        lo = pd.Timestamp(start) if start else pd.Timestamp.min
        hi = pd.Timestamp(end) if end else pd.Timestamp.max
        keep &= (data.dates.ge(lo) & data.dates.le(hi)).values
    return set(keep.index[keep.values])


def auto_query(mentions: pd.DataFrame, sentences: pd.DataFrame) -> str:
    """A query that fits any corpus: the most mentioned actor (``@actor_id``), else the most frequent word of
    five letters or more that is not a stop word (any word when there is none); "" for a corpus without words.

    >>> auto_query(pd.DataFrame({"actor_id": ["b", "a", "b"]}), pd.DataFrame({"text": []}))
    '@b'
    >>> auto_query(pd.DataFrame({"actor_id": []}), pd.DataFrame({"text": ["The flood, the flood and rivers."]}))
    'flood'
    """
    if len(mentions):
        counts = mentions["actor_id"].value_counts()
        return "@" + str(counts[counts == counts.max()].sort_index().index[0])
    from lib.text import STOPWORDS, words

    counts: dict[str, int] = {}
    for text in sentences["text"]:
        for word in words(str(text).lower()):
            if word.isalpha():
                counts[word] = counts.get(word, 0) + 1
    # content words of five letters or more first; any word when a corpus has none
    return min(counts, key=lambda w: (w in STOPWORDS or len(w) < 5, -counts[w], w)) if counts else ""


def hit_counts(lines: pd.DataFrame, articles: pd.DataFrame, *, by: str) -> pd.DataFrame:
    """Hits and articles with a hit per ``by``: "doc_id", "month" or any article column (e.g. "outlet").

    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "date": ["2020-01-05", "2020-02-01"]})
    >>> hit_counts(pd.DataFrame({"doc_id": ["a", "a", "b"]}), arts, by="month").values.tolist()
    [['2020-01', 2, 1], ['2020-02', 1, 1]]
    """
    frame = lines[["doc_id"]].merge(articles, on="doc_id", how="left")
    if by == "month":
        key = pd.to_datetime(frame.get("date"), errors="coerce").dt.strftime("%Y-%m").fillna("undated")
    elif by in frame.columns:
        key = frame[by].astype(str).replace({"": "(none)", "nan": "(none)", "None": "(none)"})
    else:
        raise InputError(f"Cannot count hits by {by!r}.")
    out = frame.assign(**{by: key}).groupby(by, sort=True).agg(hits=("doc_id", "size"),
                                                                 articles=("doc_id", "nunique"))
    out = out.reset_index()
    return out if by == "month" else out.sort_values(["hits", by], ascending=[False, True]).reset_index(drop=True)


def actor_view(data: ExplorerData, actor_id: str, *, docs: set | None = None) -> dict[str, pd.DataFrame]:
    """One actor over the selected articles: its tone per kind of unit (mean, interval, n), mentions per
    article, the tone units (portrayal, voice, others) with their scores, the actor's own quotes, and the
    actors named in the same sentences."""
    if data.mentions is None:
        raise InputError("The actor view needs an actor table.")
    keep = (lambda f: f) if docs is None else (lambda f: f[f["doc_id"].isin(docs)])
    mentions = keep(data.mentions)
    own = mentions[mentions["actor_id"].eq(actor_id)]
    per_article = own.groupby("doc_id").size().rename("mentions").reset_index()
    per_article = per_article.sort_values(["mentions", "doc_id"], ascending=[False, True], ignore_index=True)
    units = keep(data.evidence) if data.evidence is not None else pd.DataFrame(columns=["actor_id"])
    units = units[units["actor_id"].eq(actor_id)].drop(columns="actor_id").reset_index(drop=True)
    quotes = keep(data.quotes)
    quotes = quotes[quotes["speaker_actor_id"].eq(actor_id)].reset_index(drop=True)
    sentences = own[["doc_id", "sent_id"]].drop_duplicates()
    others = mentions.merge(sentences, on=["doc_id", "sent_id"])
    others = others[others["actor_id"].ne(actor_id)]
    co = others[["actor_id", "doc_id", "sent_id"]].drop_duplicates().groupby("actor_id").size()
    co = co.rename("shared_sentences").reset_index()
    co.insert(1, "name", co["actor_id"].map(data.names).fillna(co["actor_id"]))  # ids the table lacks: as is
    co = co.sort_values(["shared_sentences", "actor_id"], ascending=[False, True], ignore_index=True)
    return {"tone": _tone(units), "mentions": per_article, "units": units, "quotes": quotes, "co_mentioned": co}


EXPLORER_RESAMPLES = 500  # bootstrap resamples for the explorer's intervals (notebook 02: 2,000); keeps a pick fast


def _tone(units: pd.DataFrame) -> pd.DataFrame:
    """Mean score per kind of unit with its interval and n, by notebook 02's summary function (with
    EXPLORER_RESAMPLES resamples, so an actor with tens of thousands of units still answers at once)."""
    from lib.sentiment import tone_summary

    if units.empty:
        return pd.DataFrame(columns=["kind", "n", "mean", "ci_low", "ci_high"])
    summary = tone_summary(units.assign(actor_id="_"), by=("kind",), n_boot=EXPLORER_RESAMPLES)
    return summary[["kind", "n", "mean", "ci_low", "ci_high"]]


def topic_view(data: ExplorerData, topic: str, *, docs: set | None = None,
               limit: int = 500) -> dict[str, pd.DataFrame]:
    """One topic over the selected articles: the ``limit`` sentences with the most hits (terms marked ⟦ ⟧) and
    every term that matched, most frequent first."""
    from lib.topics import topic_evidence

    if data.topic_hits is None:
        raise InputError("The topic view needs a topic lexicon.")
    hits = data.topic_hits if docs is None else data.topic_hits[data.topic_hits["doc_id"].isin(docs)]
    hits = hits[hits["topic"].astype(str).eq(topic)]
    if hits.empty:
        empty = pd.DataFrame(columns=["doc_id", "sent_id", "hits", "terms", "sentence"])
        return {"sentences": empty, "terms": pd.DataFrame(columns=["term", "hits", "articles"])}
    per_sentence = hits.groupby(["doc_id", "sent_id"], sort=False).size().sort_values(ascending=False, kind="stable")
    top = per_sentence.head(limit).index
    shown = hits.set_index(["doc_id", "sent_id"]).loc[top].reset_index()
    sentences = topic_evidence(shown, data.sentences, topic=topic, limit=None)
    terms = hits.assign(term=hits["term"].str.lower()).groupby("term").agg(
        hits=("doc_id", "size"), articles=("doc_id", "nunique")).reset_index()
    terms = terms.sort_values(["hits", "term"], ascending=[False, True], ignore_index=True)
    return {"sentences": sentences, "terms": terms}
