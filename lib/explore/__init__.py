"""The explorer: search, filter and read an annotated corpus interactively in JupyterLab.

``Explorer(corpus).show()`` opens the widgets; the functions behind them (:func:`concordance`,
:func:`select_docs`, :func:`actor_view`, :func:`topic_view`, :func:`hit_counts`) return tidy frames, so a batch
report shows the same tables without widgets. Corpus text becomes HTML only through :func:`highlight`.
"""

from lib.explore.concordance import KWIC_COLUMNS, WordIndex, concordance, query_pattern
from lib.explore.highlight import highlight
from lib.explore.views import ExplorerData, actor_view, auto_query, filter_columns, hit_counts, select_docs, topic_view

__all__ = [
    "KWIC_COLUMNS",
    "Explorer",
    "ExplorerData",
    "WordIndex",
    "actor_view",
    "auto_query",
    "concordance",
    "filter_columns",
    "highlight",
    "hit_counts",
    "query_pattern",
    "select_docs",
    "topic_view",
]


def __getattr__(name: str):
    if name == "Explorer":  # ipywidgets is imported only when the widgets are wanted
        from lib.explore.widgets import Explorer

        return Explorer
    raise AttributeError(name)
