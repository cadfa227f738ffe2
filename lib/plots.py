"""Consistent, labelled figures: title, axis labels with units, and a source line on every plot.

>>> fig, ax = barh(pd.Series({"Putin": 12, "Trump": 9}), title="Mentions per actor",
...                xlabel="mentions (count)", source="bundled corpus, 5 articles")  # doctest: +SKIP
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

__all__ = ["MAX_ITEMS", "TYPE_COLOURS", "barh", "finish", "heatmap", "interval_plot", "largest", "network",
           "short_labels", "source_line"]

MAX_ITEMS = 40  # bars, heat-map rows or columns in one figure: beyond this a chart is no longer readable

# Presentation defaults for every notebook that imports this module: figures and tables look the same everywhere.
# Labels come from the data (file names, actor names): "$" must stay a dollar sign, never start mathtext.
plt.rcParams.update({"figure.dpi": 100, "axes.spines.top": False, "axes.spines.right": False, "font.size": 10,
                     "text.parse_math": False})
pd.set_option("display.precision", 3)


def source_line(n_articles: int, corpus: str = "") -> str:
    """The standard source note, e.g. 'Source: data/corpus, 5 articles'."""
    return f"Source: {corpus or 'corpus'}, {n_articles} article{'s' if n_articles != 1 else ''}"


def finish(ax, *, title: str, xlabel: str = "", ylabel: str = "", source: str = ""):
    """Title, axis labels and a small source note under the axes; returns the figure."""
    ax.set_title(title, loc="left", fontweight="bold")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig = ax.figure
    if source:
        fig.text(0.01, 0.005, source, fontsize=8, color="#555", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.03 if source else 0, 1, 1))
    return fig


def largest(weights, *, limit: int = MAX_ITEMS) -> tuple[list[int], str]:
    """Positions of the ``limit`` items with the largest absolute weight, in their original order, and a note
    for the title when some were left out. Positions, not labels: repeated labels cannot multiply rows.

    >>> largest([1, 5, 3], limit=2)
    ([1, 2], ' (top 2 of 3)')
    """
    weights = np.abs(np.nan_to_num(np.asarray(weights, dtype=float)))
    if len(weights) <= limit:
        return list(range(len(weights))), ""
    order = np.argsort(-weights, kind="stable")[:limit]
    return sorted(order.tolist()), f" (top {limit} of {len(weights)})"


def short_labels(ids, *, shortest: int = 3) -> list[str]:
    """The ids cut to the shortest prefix (at least ``shortest`` characters) that keeps them all distinct, so
    every notebook labels articles the same way.

    >>> short_labels(["000_da2076b4", "001_1a873a9b", "002_219828e9"])
    ['000', '001', '002']
    >>> short_labels(["a00001", "a00002"])
    ['a00001', 'a00002']
    """
    ids = [str(i) for i in ids]
    longest = max((len(i) for i in ids), default=0)
    for width in range(shortest, longest + 1):
        if len({i[:width] for i in ids}) == len(set(ids)):
            return [i[:width] for i in ids]
    return ids


def barh(values: pd.Series, *, title: str, xlabel: str, ylabel: str = "", source: str = "", color: str = "#3b6ea8",
         annotate: bool = True):
    """Horizontal bars, largest at the top, each labelled with its value (at most :data:`MAX_ITEMS` bars)."""
    shown, note = largest(values.to_numpy())
    values = values.iloc[shown].sort_values()
    title += note
    fig, ax = plt.subplots(figsize=(7, max(2.2, 0.32 * len(values) + 1.2)))
    bars = ax.barh([str(i) for i in values.index], values.to_numpy(), color=color)
    if annotate:
        ax.bar_label(bars, fmt="%g", padding=3, fontsize=8)
    finish(ax, title=title, xlabel=xlabel, ylabel=ylabel, source=source)
    return fig, ax


def heatmap(table: pd.DataFrame, *, title: str, xlabel: str = "", ylabel: str = "", source: str = "",
            colorbar: str = "", fmt: str = "{:g}", cmap: str = "Blues", counts: pd.DataFrame | None = None,
            min_n: int = 1, limits: tuple[float, float] | None = None):
    """A labelled heat map, each cell annotated with its value. Large tables keep the :data:`MAX_ITEMS` rows and
    columns with the largest totals (the title says so), so a corpus of thousands of articles still gives a
    readable figure. With ``counts`` (same shape: the n behind each cell) every cell also shows ``n=…``, and a
    cell with fewer than ``min_n`` is drawn grey and reads "too few" instead of a colour that could be ranked.
    ``limits`` fixes the colour scale (e.g. ``(-1, 1)`` for tone)."""
    if counts is not None:
        counts = counts.reindex(index=table.index, columns=table.columns)
        table = table.where(counts.fillna(0) >= min_n)
    rows, row_note = largest(table.abs().sum(axis=1, skipna=True).to_numpy())
    columns, column_note = largest(table.abs().sum(axis=0, skipna=True).to_numpy())
    table = table.iloc[rows, columns]
    title += row_note.replace(")", " rows)") + column_note.replace(")", " columns)")
    data = table.to_numpy(dtype=float)
    n = None if counts is None else counts.iloc[rows, columns].to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(max(5, 0.55 * table.shape[1] + 3), max(2.5, 0.35 * table.shape[0] + 1.5)))
    if n is not None:
        ax.imshow(np.where(np.nan_to_num(n) > 0, 1.0, np.nan), cmap="Greys", vmin=0, vmax=6, aspect="auto")
    vmin, vmax = limits if limits is not None else (None, None)
    image = ax.imshow(data, cmap=cmap, aspect="auto", vmin=vmin, vmax=vmax)
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], rotation=40, ha="right")
    ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
    _annotate_cells(ax, image, data, n, fmt=fmt)
    cbar = fig.colorbar(image, ax=ax, shrink=0.8)
    cbar.set_label(colorbar)
    ax.spines[:].set_visible(False)
    finish(ax, title=title, xlabel=xlabel, ylabel=ylabel, source=source)
    return fig, ax


def _annotate_cells(ax, image, data: np.ndarray, n: np.ndarray | None, *, fmt: str) -> None:
    """Write each cell's value (and its n, or "too few" where only n is known) in the cell, white on dark."""
    for (i, j), value in np.ndenumerate(data):
        count = "" if n is None or np.isnan(n[i, j]) else f"n={int(n[i, j])}"
        if not np.isnan(value):
            red, green, blue, _ = image.cmap(image.norm(value))
            dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5
            ax.text(j, i, fmt.format(value) + (f"\n{count}" if count else ""), ha="center", va="center",
                    fontsize=7 if count else 8, color="white" if dark else "black")
        elif count and n[i, j] > 0:
            ax.text(j, i, f"too few\n{count}", ha="center", va="center", fontsize=7, color="#555")


def interval_plot(frame: pd.DataFrame, *, title: str, xlabel: str, source: str = "",
                  band: tuple[float, float] = (0, 0), min_n: int = 1):
    """One row per label: the mean as a dot with its interval (columns label, n, mean, ci_low, ci_high), each
    label followed by its n; a grey band marks the neutral zone. Rows with fewer than ``min_n`` are left out
    (the title says how many), so they are never ranked. At most :data:`MAX_ITEMS` rows, those with the
    largest ``n``."""
    small = int((frame["n"] < min_n).sum())
    frame = frame[frame["n"] >= min_n]
    if small:
        title += f" ({small} with n < {min_n} left out)"
    if len(frame) > MAX_ITEMS:
        title += f" (top {MAX_ITEMS} of {len(frame)} by n)"
        frame = frame.nlargest(MAX_ITEMS, "n")
    frame = frame.sort_values("mean")
    fig, ax = plt.subplots(figsize=(7, max(2.4, 0.34 * len(frame) + 1.3)))
    y = np.arange(len(frame))
    ax.errorbar(frame["mean"], y, xerr=[(frame["mean"] - frame["ci_low"]).clip(lower=0),
                                            (frame["ci_high"] - frame["mean"]).clip(lower=0)],
                fmt="o", color="#3b6ea8", ecolor="#9bb3d4", capsize=3)
    ax.set_yticks(y, [f"{label} (n={n})" for label, n in zip(frame["label"], frame["n"])])
    ax.axvline(0, color="#888", lw=0.8)
    ax.axvspan(*band, color="#eee", zorder=0)
    ax.set_xlim(-1, 1)
    finish(ax, title=title, xlabel=xlabel, source=source)
    return fig, ax


TYPE_COLOURS = {"PERSON": "#3b6ea8", "ORG": "#d08c2b", "LOC": "#5a9e5a"}


def network(graph, *, title: str, source: str = "", xlabel: str = "node size: mentions; line width: sentences shared"):
    """A legible actor network: nodes coloured by ``type`` and sized by ``mentions``, edges as wide as their
    ``weight``, labels from ``name``; a fixed seed gives the same layout every run."""
    import networkx as nx
    from matplotlib.lines import Line2D

    fig, ax = plt.subplots(figsize=(9, 7))
    layout = nx.spring_layout(graph, weight="weight", seed=0, k=2.5 / max(1, len(graph)) ** 0.5)
    weights = [w for _, _, w in graph.edges(data="weight")]
    heaviest = max(weights, default=1)
    nx.draw_networkx_edges(graph, layout, ax=ax, edge_color="#777", alpha=0.5,
                           width=[0.6 + 5 * w / heaviest for w in weights])
    nx.draw_networkx_nodes(graph, layout, ax=ax, alpha=0.85,
                           node_color=[TYPE_COLOURS.get(graph.nodes[n].get("type"), "#999") for n in graph],
                           node_size=[120 + 25 * graph.nodes[n].get("mentions", 0) for n in graph])
    nx.draw_networkx_labels(graph, layout, ax=ax, labels={n: graph.nodes[n].get("name", n) for n in graph},
                            font_size=9, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
    ax.legend(handles=[Line2D([], [], marker="o", ls="", color=c, label=t) for t, c in TYPE_COLOURS.items()],
              loc="lower right", frameon=False, title="actor type")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.spines[:].set_visible(False)
    finish(ax, title=title, xlabel=xlabel, source=source)
    return fig, ax
