"""Consistent, labelled figures: title, axis labels with units, and a source line on every plot.

>>> fig, ax = barh(pd.Series({"Putin": 12, "Trump": 9}), title="Mentions per actor",
...                xlabel="mentions (count)", source="bundled corpus, 5 articles")  # doctest: +SKIP
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

__all__ = ["barh", "finish", "heatmap", "interval_plot", "source_line"]

# Presentation defaults for every notebook that imports this module: figures and tables look the same everywhere.
plt.rcParams.update({"figure.dpi": 100, "axes.spines.top": False, "axes.spines.right": False, "font.size": 10})
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


def barh(values: pd.Series, *, title: str, xlabel: str, ylabel: str = "", source: str = "", color: str = "#3b6ea8",
         annotate: bool = True):
    """Horizontal bars, largest at the top, each labelled with its value."""
    values = values.sort_values()
    fig, ax = plt.subplots(figsize=(7, max(2.2, 0.32 * len(values) + 1.2)))
    bars = ax.barh([str(i) for i in values.index], values.to_numpy(), color=color)
    if annotate:
        ax.bar_label(bars, fmt="%g", padding=3, fontsize=8)
    finish(ax, title=title, xlabel=xlabel, ylabel=ylabel, source=source)
    return fig, ax


def heatmap(table: pd.DataFrame, *, title: str, xlabel: str = "", ylabel: str = "", source: str = "",
            colorbar: str = "", fmt: str = "{:g}", cmap: str = "Blues"):
    """A labelled heat map of a small table, each cell annotated with its value."""
    data = table.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(max(5, 0.7 * table.shape[1] + 3), max(2.5, 0.4 * table.shape[0] + 1.5)))
    image = ax.imshow(data, cmap=cmap, aspect="auto")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], rotation=40, ha="right")
    ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
    top = np.nanmax(data) if data.size and not np.all(np.isnan(data)) else 0
    for (i, j), value in np.ndenumerate(data):
        if not np.isnan(value):
            ax.text(j, i, fmt.format(value), ha="center", va="center", fontsize=8,
                    color="white" if top and value > 0.6 * top else "black")
    cbar = fig.colorbar(image, ax=ax, shrink=0.8)
    cbar.set_label(colorbar)
    ax.spines[:].set_visible(False)
    finish(ax, title=title, xlabel=xlabel, ylabel=ylabel, source=source)
    return fig, ax


def interval_plot(frame: pd.DataFrame, *, title: str, xlabel: str, source: str = "",
                  band: tuple[float, float] = (0, 0)):
    """One row per label: the mean as a dot with its interval (columns label, n, mean, ci_low, ci_high); a grey
    band marks the neutral zone."""
    frame = frame.sort_values("mean")
    fig, ax = plt.subplots(figsize=(7, max(2.4, 0.34 * len(frame) + 1.3)))
    y = np.arange(len(frame))
    ax.errorbar(frame["mean"], y, xerr=[frame["mean"] - frame["ci_low"], frame["ci_high"] - frame["mean"]],
                fmt="o", color="#3b6ea8", ecolor="#9bb3d4", capsize=3)
    ax.set_yticks(y, [f"{label} (n={n})" for label, n in zip(frame["label"], frame["n"])])
    ax.axvline(0, color="#888", lw=0.8)
    ax.axvspan(*band, color="#eee", zorder=0)
    ax.set_xlim(-1, 1)
    finish(ax, title=title, xlabel=xlabel, source=source)
    return fig, ax
