"""The explorer's widgets (ipywidgets, JupyterLab): filters, concordance, article, actor and topic views.

Only this module imports ipywidgets. Each widget callback calls a function of :mod:`lib.explore.views` and
shows its frame; corpus text reaches the page escaped, through pandas or :func:`lib.explore.highlight`.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import ipywidgets as w
import pandas as pd
from IPython.display import HTML, display

from lib.errors import InputError
from lib.explore.highlight import highlight
from lib.explore.views import ExplorerData, actor_view, filter_columns, hit_counts, select_docs, topic_view

__all__ = ["Explorer", "kwic_html"]

_NONE = "(no filter)"


def kwic_html(lines: pd.DataFrame, *, limit: int = 200) -> str:
    """KWIC lines as an HTML table, the match marked, every piece of corpus text escaped."""
    rows = []
    for line in lines.head(limit).itertuples(index=False):
        meta = " · ".join(html.escape(str(v)) for v in (getattr(line, c, "") for c in ("doc_id", "outlet", "date"))
                          if isinstance(v, str) and v.strip())
        marked = highlight(line.match, [(0, len(line.match), "hit")], styled=True)
        rows.append(f'<tr><td style="color:#666;white-space:nowrap">{meta}</td>'
                    f'<td style="text-align:right">{html.escape(line.left)}</td><td>{marked}</td>'
                    f"<td>{html.escape(line.right)}</td></tr>")
    return '<table class="explorer-kwic-lines">' + "".join(rows) + "</table>"


class Explorer:
    """Interactive views over one annotated corpus; ``out_dir`` receives the CSV files the Save buttons write.

    >>> Explorer(data, out_dir="reports/explore").show()  # doctest: +SKIP
    """

    def __init__(self, data: ExplorerData, *, out_dir: str | Path, width: int = 60, limit: int = 200) -> None:
        self.data, self.out_dir, self.width, self.limit = data, Path(out_dir), width, limit
        self.docs: set | None = None
        self.current: dict[str, pd.DataFrame] = {}
        self._build_filters()
        self._build_views()

    # ------------------------------------------------------------ layout
    def _build_filters(self) -> None:
        self.column = w.Dropdown(options=[_NONE, *filter_columns(self.data.articles)], description="Filter by")
        self.values = w.SelectMultiple(options=[], rows=4, description="values")
        self.date_from = w.Text(placeholder="YYYY-MM-DD", description="from")
        self.date_to = w.Text(placeholder="YYYY-MM-DD", description="to")
        self.selected = w.HTML()
        self.column.observe(self._column_changed, "value")
        for widget in (self.values, self.date_from, self.date_to):
            widget.observe(lambda _: self.refresh(), "value")
        self._count_selected()

    def _build_views(self) -> None:
        self.query = w.Text(placeholder="word, phrase, negotiat* or @actor_id", description="Search",
                            continuous_update=False)
        self.query.add_class("explorer-query")
        self.count_by = w.Dropdown(options=["doc_id", "month", *filter_columns(self.data.articles)],
                                   description="count by")
        self.article = w.Dropdown(options=[], description="article")
        actors = [] if self.data.mentions is None else self.data.mentions["actor_id"].value_counts().index.tolist()
        self.actor = w.Dropdown(options=[(self.data.names.get(a, a), a) for a in actors], description="actor")
        topics = [] if self.data.topic_hits is None else sorted(self.data.topic_hits["topic"].astype(str).unique())
        self.topic = w.Dropdown(options=topics, description="topic")
        self.outputs = {name: w.Output() for name in ("concordance", "article", "actor", "topic")}
        self.outputs["concordance"].add_class("explorer-kwic")
        self.status = w.HTML()
        for widget in (self.query, self.count_by):
            widget.observe(lambda _: self.show_concordance(), "value")
        self.article.observe(lambda _: self.show_article(), "value")
        self.actor.observe(lambda _: self.show_actor(), "value")
        self.topic.observe(lambda _: self.show_topic(), "value")

    def show(self) -> w.Widget:
        """The whole explorer as one widget (display it, or leave it as a cell's last value)."""
        save = w.Button(description="Save view as CSV", icon="download")
        save.on_click(lambda _: self.save())
        tabs = w.Tab(children=[
            w.VBox([w.HBox([self.query, self.count_by]), self.outputs["concordance"]]),
            w.VBox([self.article, self.outputs["article"]]),
            w.VBox([self.actor, self.outputs["actor"]]),
            w.VBox([self.topic, self.outputs["topic"]]),
        ])
        for i, title in enumerate(("Concordance", "Article", "Actor", "Topic")):
            tabs.set_title(i, title)
        filters = w.HBox([self.column, self.values, w.VBox([self.date_from, self.date_to]), self.selected])
        self.refresh()
        return w.VBox([filters, tabs, w.HBox([save, self.status])])

    # ------------------------------------------------------------ callbacks
    def _column_changed(self, _) -> None:
        column = self.column.value
        values = [] if column == _NONE else sorted(self.data.articles[column].dropna().astype(str).unique())
        self.values.options = values
        self.refresh()

    def _count_selected(self) -> None:
        try:
            column = None if self.column.value == _NONE else self.column.value
            self.docs = select_docs(self.data, column=column, values=list(self.values.value),
                                    start=self.date_from.value.strip() or None, end=self.date_to.value.strip() or None)
            note = f"{len(self.docs):,} of {len(self.data.articles):,} articles selected"
        except (InputError, ValueError) as err:
            note = f"Filter not applied: {err}"
        self.selected.value = html.escape(note)

    def refresh(self) -> None:
        """Re-apply the filters and redraw every view."""
        self._count_selected()
        self.show_concordance()
        self.show_actor()
        self.show_topic()

    def _show(self, name: str, draw) -> None:
        out = self.outputs[name]
        out.clear_output()
        with out:
            try:
                draw()
            except InputError as err:
                print(err)

    def show_concordance(self) -> None:
        def draw():
            if not self.query.value.strip():
                print("Type a word, a phrase, a wildcard (negotiat*) or @actor_id and press Enter.")
                return
            lines = self.data.search(self.query.value, docs=self.docs, width=self.width)
            self.current["concordance"] = lines
            print(f"{len(lines):,} hits in {lines['doc_id'].nunique():,} articles"
                  + (f" (first {self.limit} shown)" if len(lines) > self.limit else ""))
            display(hit_counts(lines, self.data.articles, by=self.count_by.value).head(20))
            display(HTML(kwic_html(lines, limit=self.limit)))
            self.article.options = list(dict.fromkeys(lines["doc_id"]))
        self._show("concordance", draw)

    def show_article(self) -> None:
        def draw():
            doc = self.article.value
            if doc is None:
                return
            spans = [(a, b, "hit") for d, a, b in self.current.get("concordance", pd.DataFrame(
                columns=["doc_id", "start", "end"]))[["doc_id", "start", "end"]].itertuples(index=False) if d == doc]
            if self.data.mentions is not None:
                own = self.data.mentions[self.data.mentions["doc_id"].eq(doc)]
                spans += [(a, b, "actor") for a, b in zip(own["start"], own["end"])]
            text = highlight(self.data.texts.get(doc, ""), spans, styled=True)
            display(HTML(f'<div style="white-space:pre-wrap;max-width:60em">{text}</div>'))
        self._show("article", draw)

    def show_actor(self) -> None:
        def draw():
            if self.actor.value is None:
                print("No actor is mentioned in this corpus.")
                return
            view = actor_view(self.data, self.actor.value, docs=self.docs)
            self.current.update({f"actor_{k}": v for k, v in view.items()})
            for title, frame in view.items():
                print(f"{title.replace('_', ' ')}: {len(frame):,} rows")
                display(frame.head(15))
        self._show("actor", draw)

    def show_topic(self) -> None:
        def draw():
            if self.topic.value is None:
                print("No topic matched in this corpus.")
                return
            view = topic_view(self.data, self.topic.value, docs=self.docs)
            self.current.update({f"topic_{k}": v for k, v in view.items()})
            for title, frame in view.items():
                print(f"{title}: {len(frame):,} rows")
                display(frame.head(15))
        self._show("topic", draw)

    def save(self) -> list[Path]:
        """Write every table the views show now as CSV into ``out_dir``; returns the paths."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for name, frame in self.current.items():
            path = self.out_dir / f"explore_{re.sub(r'[^a-z0-9_]+', '_', name.lower())}.csv"
            frame.to_csv(path, index=False)
            written.append(path)
        self.status.value = html.escape(f"Saved {len(written)} tables to {self.out_dir}")
        return written
