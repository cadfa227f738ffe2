"""Which group is each article in: a period of its date and/or the value of any metadata column.

Every measure in :mod:`lib.compare` starts from one small frame made by :func:`article_groups` (one row per
article: ``doc_id``, ``words``, ``date``, ``period``, ``period_start`` and the metadata columns asked for), so
attention, tone, topics and voice are grouped the same way. Undated articles keep a row with an empty period:
they are counted, and left out of timelines only.

>>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "date": ["2020-01-03", "2020-02-10", ""],
...                      "outlet": ["X", "Y", "X"], "text": ["One two.", "Three.", "Four five six."]})
>>> g = article_groups(arts, by=["outlet"], period="month")
>>> g[["doc_id", "period", "outlet", "words"]].fillna("-").values.tolist()
[['a', '2020-01', 'X', 2], ['b', '2020-02', 'Y', 1], ['c', '-', 'X', 3]]
>>> g.attrs["undated"]
1
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from lib.errors import InputError, require_columns

__all__ = ["MISSING", "PERIODS", "article_groups", "choose_period", "comparisons_possible", "membership",
           "parse_dates", "period_labels"]

PERIODS = ("day", "week", "month", "quarter", "year")
_FREQ = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}
MISSING = "(unknown)"  # the group of articles with no value in a metadata column


def parse_dates(values) -> pd.Series:
    """Dates as timezone-naive days (``NaT`` where a value is empty or unreadable).

    >>> parse_dates(["2020-03-05", "5 March 2020", "", "soon"]).dt.strftime("%Y-%m-%d").tolist()
    ['2020-03-05', '2020-03-05', nan, nan]
    """
    raw = pd.Series(values, dtype=object).astype("string").str.strip()
    parsed = pd.to_datetime(raw.where(raw.fillna("") != ""), errors="coerce", format="mixed", utc=True)
    return parsed.dt.tz_localize(None).dt.normalize()


def _n_periods(dates: pd.Series, period: str) -> int:
    first, last = dates.min(), dates.max()
    return len(pd.period_range(first, last, freq=_FREQ[period]))


def choose_period(dates, *, max_periods: int = 60, min_per_period: float = 10.0) -> str:
    """The finest period with at most ``max_periods`` periods over the span of the dates and, on average, at
    least ``min_per_period`` articles in each; when none qualifies (a small corpus), the coarsest period that
    still gives two periods or more, so that a timeline exists; ``"day"`` when all dates are one.

    >>> days = pd.Series(pd.date_range("2016-01-01", "2020-07-21", periods=7711))
    >>> choose_period(days)
    'month'
    >>> choose_period(pd.Series(pd.date_range("2020-01-01", "2020-12-31", periods=2000)))
    'week'
    """
    dated = parse_dates(dates).dropna()
    if dated.empty or dated.min() == dated.max():
        return "day"
    counts = {period: _n_periods(dated, period) for period in PERIODS}
    for period in PERIODS:
        if counts[period] <= max_periods and len(dated) / counts[period] >= min_per_period:
            return period
    return next((p for p in reversed(PERIODS) if 2 <= counts[p] <= max_periods), "year")


def period_labels(dates, period: str) -> tuple[pd.Series, pd.Series]:
    """For each date, its period's first day and a readable label (``2020-03-02``, ``2020-W10``, ``2020-03``,
    ``2020-Q1``, ``2020``); missing dates give ``NaT`` and ``None``. Weeks are ISO weeks, Monday to Sunday.

    >>> start, label = period_labels(pd.Series(pd.to_datetime(["2020-03-04", None])), "week")
    >>> str(start[0].date()), label.tolist()
    ('2020-03-02', ['2020-W10', None])
    """
    if period not in PERIODS:
        raise InputError(f"period must be one of {', '.join(PERIODS)} or 'auto', not {period!r}.")
    dates = pd.Series(dates)
    start = dates.dt.to_period(_FREQ[period]).dt.start_time
    if period == "week":
        iso = start.dt.isocalendar()
        text = iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)
    else:
        fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "quarter": "%Y", "year": "%Y"}[period]
        text = start.dt.strftime(fmt).astype("string")
        if period == "quarter":
            text = text + "-Q" + start.dt.quarter.astype("Int64").astype("string")
    label = pd.Series([None if pd.isna(t) else str(t) for t in text], index=dates.index, dtype=object)
    return start, label


def article_groups(articles: pd.DataFrame, *, by: Sequence[str] | str = (), period: str | None = None,
                   max_periods: int = 60, min_per_period: float = 10.0, words=None) -> pd.DataFrame:
    """One row per article: ``doc_id``, ``words`` (``lib.text.word_count``, or the counts given in ``words``,
    one per article, e.g. from :func:`lib.compare.word_table`), ``date``, ``period``, ``period_start`` and each
    column of ``by`` as text (blank or missing -> :data:`MISSING`).

    ``period`` is one of :data:`PERIODS`, ``"auto"`` (:func:`choose_period`) or None (no time grouping).
    ``attrs`` hold ``period`` (as resolved), ``undated`` (articles without a readable date) and ``by``.
    """
    from lib.text import word_count

    by = [by] if isinstance(by, str) else list(by)
    require_columns(articles, ["doc_id", "text"], "The articles table")
    unknown = [c for c in by if c not in articles.columns]
    if unknown:
        raise InputError(f"Cannot group by {', '.join(map(repr, unknown))}: the corpus has no such column "
                         f"(it has {', '.join(c for c in articles.columns if c != 'text')}).")
    if words is None:
        words = np.fromiter((word_count(str(t)) for t in articles["text"]), dtype="int64", count=len(articles))
    elif len(words) != len(articles):
        raise InputError(f"words has {len(words)} counts for {len(articles)} articles.")
    out = pd.DataFrame({"doc_id": articles["doc_id"].to_numpy(), "words": np.asarray(words, dtype="int64")})
    dates = parse_dates(articles["date"]) if "date" in articles.columns else pd.Series(pd.NaT, index=articles.index)
    out["date"] = dates.to_numpy()
    resolved = None
    if period is not None:
        resolved = choose_period(dates, max_periods=max_periods, min_per_period=min_per_period) \
            if period == "auto" else period
        start, label = period_labels(out["date"], resolved)
        out["period"], out["period_start"] = label.to_numpy(), start.to_numpy()
    for column in by:
        values = articles[column].astype("string").str.strip().fillna("")
        out[column] = values.where(values != "", MISSING).astype(str).to_numpy()
    out.attrs.update(period=resolved, undated=int(out["date"].isna().sum()), by=by)
    return out


def comparisons_possible(groups: pd.DataFrame, *, by: Sequence[str] | str = (), min_articles: int = 1) -> pd.DataFrame:
    """Which comparisons this corpus allows, and why not when it does not: one row for time (when ``groups``
    has a ``period`` column) and one per column of ``by``. Columns: ``comparison, possible, groups, detail``;
    ``groups`` counts the groups with at least ``min_articles`` articles (at least two are needed).

    >>> g = article_groups(pd.DataFrame({"doc_id": ["a", "b"], "date": ["2020-01-01", "2020-01-01"],
    ...                                  "outlet": ["", ""], "text": ["x", "y"]}), by="outlet", period="auto")
    >>> comparisons_possible(g, by="outlet")["detail"].tolist()[1]
    'no article has a value for outlet'
    """
    by = [by] if isinstance(by, str) else list(by)
    rows = []
    if "period" in groups.columns:
        dated = groups.dropna(subset=["period"])
        sizes = dated.groupby("period").size()
        big = int((sizes >= min_articles).sum())
        period = groups.attrs.get("period") or "period"
        if dated.empty:
            detail = "no article has a readable date"
        elif len(dated) == 1:
            detail = f"only one article has a date ({sizes.index[0]})"
        elif len(sizes) == 1:
            detail = f"all {len(dated)} dated articles fall in one {period} ({sizes.index[0]})"
        elif big < 2:
            detail = f"only {big} of {len(sizes)} {period}s have at least {min_articles} articles"
        else:
            detail = f"{big} {period}s with at least {min_articles} articles"
        undated = groups.attrs.get("undated", int(groups["date"].isna().sum()))
        if undated:
            detail += f"; {undated} undated article(s) are counted but left out of timelines"
        rows.append(("over time", big >= 2, big, detail))
    for column in by:
        sizes = groups.loc[groups[column] != MISSING].groupby(column).size()
        big = int((sizes >= min_articles).sum())
        if sizes.empty:
            detail = f"no article has a value for {column}"
        elif len(sizes) == 1:
            detail = f"every article with a value has the same {column} ({sizes.index[0]!r})"
        elif big < 2:
            detail = f"only {big} of {len(sizes)} values of {column} have at least {min_articles} articles"
        else:
            detail = f"{big} values of {column} with at least {min_articles} articles"
        rows.append((f"by {column}", big >= 2, big, detail))
    return pd.DataFrame(rows, columns=["comparison", "possible", "groups", "detail"])


def membership(groups: pd.DataFrame, articles: pd.DataFrame, *, words: int = 10) -> pd.DataFrame:
    """Which groups each article is in, with a title to recognise it (its first ``words`` words in brackets when
    it has none): ``doc_id, title, date, period`` and the group columns.

    >>> arts = pd.DataFrame({"doc_id": ["a"], "title": [""], "date": [""], "text": ["Talks resumed in Riyadh today."]})
    >>> membership(article_groups(arts, period="month"), arts, words=3)["title"].tolist()
    ['[Talks resumed in …]']
    """
    require_columns(articles, ["doc_id", "text"], "The articles table")
    titles = articles["title"].fillna("").astype(str).str.strip() if "title" in articles.columns else \
        pd.Series("", index=articles.index)
    first = [str(t).split() for t in articles["text"]]
    shown = [t if t else "[" + " ".join(w[:words]) + (" …]" if len(w) > words else "]") for t, w in zip(titles, first)]
    named = pd.DataFrame({"doc_id": articles["doc_id"].to_numpy(), "title": shown})
    keep = ["doc_id", "date", *[c for c in ("period",) if c in groups.columns], *groups.attrs.get("by", [])]
    return named.merge(groups[keep], on="doc_id", how="right")
