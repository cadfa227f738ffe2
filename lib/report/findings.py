"""What the index page says about a run, read from the CSV tables the notebooks wrote (never recomputed): the
corpus in one line, warnings, and three or four headline findings, each with its n and a link to its report.

>>> facts = corpus_facts(Path("/nonexistent"))
>>> facts.articles is None
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

__all__ = ["CorpusFacts", "Finding", "MIN_TONE_UNITS", "actor_table_line", "corpus_facts", "findings",
           "render_findings", "table_warnings"]

MIN_TONE_UNITS = 10  # an actor's portrayal needs this many scored sentences to be a headline tone finding
TOP = 3  # items named in each finding
OVERVIEW, ENTITIES, TONE, TOPICS = ("00_corpus_overview", "01_entity_counts", "02_sentiment_per_actor",
                                    "03_topic_frequency")


@dataclass(frozen=True)
class CorpusFacts:
    """Articles, date range and outlets (most articles first) from notebook 00's ``articles.csv``."""

    articles: int | None = None
    first: str = ""
    last: str = ""
    undated: int = 0
    outlets: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Finding:
    """One headline: a title, a plain-text sentence with its n, and the report it comes from."""

    title: str
    text: str
    report: str


def read(out: Path, notebook: str, table: str) -> pd.DataFrame | None:
    """A table a notebook wrote (``out/<notebook>/<table>.csv``), or None when it is missing or unreadable."""
    path = Path(out) / notebook / f"{table}.csv"
    try:
        return pd.read_csv(path, keep_default_na=False, na_values=[""]) if path.is_file() else None
    except (OSError, ValueError, pd.errors.ParserError):
        return None


def corpus_facts(out: Path) -> CorpusFacts:
    """Articles, first and last date, undated articles and outlets (most articles first) of this run."""
    articles = read(out, OVERVIEW, "articles")
    if articles is None:
        return CorpusFacts()
    dates = pd.to_datetime(articles.get("date", pd.Series(dtype=str)), errors="coerce")
    outlets = articles.get("outlet", pd.Series(dtype=str)).dropna().astype(str).str.strip()
    counts = outlets[outlets != ""].value_counts()
    return CorpusFacts(len(articles), f"{dates.min():%Y-%m-%d}" if dates.notna().any() else "",
                       f"{dates.max():%Y-%m-%d}" if dates.notna().any() else "", int(dates.isna().sum()),
                       [(str(k), int(v)) for k, v in counts.items()])


def _named(frame: pd.DataFrame, value: str, fmt: str) -> str:
    return ", ".join(f"{row['name']} ({fmt.format(row[value])})" for _, row in frame.iterrows())


def actor_finding(out: Path) -> Finding | None:
    """The most mentioned actors, with their mentions and the total."""
    counts = read(out, ENTITIES, "mentions_per_actor")
    if counts is None or counts.empty or "mentions_with_roles" not in counts:
        return None
    top = counts.nlargest(TOP, "mentions_with_roles", keep="first")
    text = (f"{_named(top, 'mentions_with_roles', '{:,} mentions')}; n = {int(counts['mentions_with_roles'].sum()):,}"
            f" mentions of {len(counts):,} actors in all.")
    return Finding("Most mentioned actors", text, ENTITIES)


def topic_finding(out: Path) -> Finding | None:
    """The topics with the most hits, per 1,000 words, with the sentences they are in."""
    overall = read(out, TOPICS, "topic_frequency_overall")
    if overall is None or overall.empty or not overall["hits"].gt(0).any():
        return None
    top = overall[overall["hits"] > 0].nlargest(TOP, "hits", keep="first").rename(columns={"topic": "name"})
    parts = [f"{row['name']} ({row['per_1000_words']:.1f} per 1,000 words, n = {int(row['sentences_with_topic']):,}"
             " sentences)" for _, row in top.iterrows()]
    return Finding("Most frequent topics", "; ".join(parts) + f", of {int(overall['sentences'].iloc[0]):,} sentences.",
                   TOPICS)


def tone_finding(out: Path) -> Finding | None:
    """The most positively and the most negatively portrayed actors (at least :data:`MIN_TONE_UNITS` sentences
    each), taken from disjoint halves so that no actor is both."""
    summary = read(out, TONE, "tone_summary")
    if summary is None or summary.empty:
        return None
    portrayal = summary[(summary["kind"] == "portrayal") & (summary["n"] >= MIN_TONE_UNITS)]
    ranked = portrayal.sort_values(["mean", "name"], kind="stable")
    k = min(TOP, len(ranked) // 2)
    if not k:
        return None
    fmt = "{:+.2f}"
    low = ", ".join(f"{r['name']} ({fmt.format(r['mean'])}, n = {int(r['n']):,})" for _, r in ranked.head(k).iterrows())
    high = ", ".join(f"{r['name']} ({fmt.format(r['mean'])}, n = {int(r['n']):,})"
                     for _, r in ranked.tail(k).iloc[::-1].iterrows())
    spread = ranked["mean"].iloc[-1] - ranked["mean"].iloc[0]
    return Finding("Largest tone differences",
                   f"Highest mean portrayal (tone of narration, −1 … +1; n = sentences): {high}. Lowest: {low}. "
                   f"A spread of {spread:.2f} among {len(ranked)} actors with {MIN_TONE_UNITS}+ sentences.", TONE)


def findings(out: Path) -> list[Finding]:
    """The headline findings this run's tables support (none for a notebook that did not run)."""
    return [f for f in (actor_finding(out), topic_finding(out), tone_finding(out)) if f is not None]


def table_warnings(out: Path) -> list[str]:
    """Warnings the notebooks wrote: unreadable files (notebook 00's ``skipped_files.csv``) and any
    ``warning`` column of an ``actor_table_fit.csv`` (a given actor table that fits the corpus badly)."""
    found = []
    skipped = read(out, OVERVIEW, "skipped_files")
    if skipped is not None and len(skipped):
        shown = "; ".join(f"{r['file']} ({r['reason']})" for _, r in skipped.head(5).iterrows())
        more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        found.append(f"{len(skipped)} file(s) could not be read and were left out: {shown}{more}.")
    for path in sorted(Path(out).glob("*/actor_table_fit.csv"))[:1]:
        fit = read(out, path.parent.name, "actor_table_fit")
        if fit is not None and "warning" in fit:
            found += [str(w) for w in fit["warning"].dropna() if str(w).strip()]
    return found


def actor_table_line(out: Path) -> str:
    """One plain sentence about an actor table built automatically for this run (from notebook 01's
    ``actor_table_fit.csv``), naming ``actors_auto.csv`` beside the reports; empty otherwise."""
    fit = read(out, ENTITIES, "actor_table_fit")
    if fit is None or fit.empty or "automatic" not in fit or str(fit["automatic"].iloc[0]).lower() != "true":
        return ""
    table = Path(out) / "actors_auto.csv"
    n = int(fit["actors"].iloc[0])
    if not n:
        return (f"No actor table was given and no name is frequent enough for one built from the corpus ({table} is "
                "empty): pass a table with -p actors FILE to count actors.")
    return (f"No actor table was given: the {n} actors counted were found in the corpus and written to {table}; edit "
            f"it and pass it back with -p actors {table}.")


def render_findings(out: Path, *, link=lambda report: f"{report}.html") -> str:
    """The findings as an escaped HTML list (empty string when there is none)."""
    items = [f'<li><strong>{html.escape(f.title)}</strong>: {html.escape(f.text)} '
             f'<a href="{html.escape(link(f.report))}">{html.escape(f.report)}</a></li>' for f in findings(out)
             if (Path(out) / link(f.report)).is_file()]
    return f'<ul class="findings">{"".join(items)}</ul>' if items else ""
