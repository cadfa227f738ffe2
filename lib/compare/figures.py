"""Figures for comparisons: small multiples with interval bands, a heat map with n in every cell, and a
dumbbell chart of two groups with the difference and its interval. All titled, labelled and sourced through
:func:`lib.plots.finish`; groups flagged ``small`` are drawn hollow or blank, never as a full result.

>>> t = pd.DataFrame({"period_start": pd.to_datetime(["2020-01-01", "2020-02-01"] * 2),
...                   "actor_id": ["a"] * 2 + ["b"] * 2, "share": [0.1, 0.2, 0.3, 0.2],
...                   "ci_low": [0.0, 0.1, 0.2, 0.1], "ci_high": [0.2, 0.3, 0.4, 0.3]})
>>> fig, axes = small_multiples(t, facet="actor_id", y="share", title="Share", ylabel="share")
>>> len(fig.axes)
2
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from lib.plots import finish

__all__ = ["dumbbell", "group_intervals", "heatmap_n", "small_multiples"]

_BLUE, _GREY, _ORANGE = "#3b6ea8", "#999999", "#d08c2b"


def small_multiples(table: pd.DataFrame, *, facet: str, y: str, x: str = "period_start", low: str = "ci_low",
                    high: str = "ci_high", labels: dict | None = None, title: str, ylabel: str, source: str = "",
                    band: tuple[float, float] | None = None, columns: int = 3, note: str = "",
                    order: list | None = None, sharey: bool = True):
    """One panel per value of ``facet`` (in ``order`` if given): ``y`` over ``x`` as a line, the interval
    ``low``–``high`` as a band; rows with ``small`` True are hollow grey points outside the line. ``band``
    shades a neutral zone; ``labels`` maps facet values to panel titles, ``note`` (formatted with the panel's
    totals, e.g. ``"(n={n})"``) is appended to them; ``sharey=False`` gives each panel its own scale."""
    present = set(table[facet])
    facets = [f for f in (order or []) if f in present] + [f for f in dict.fromkeys(table[facet])
                                                           if f not in set(order or [])]
    ncols = min(columns, len(facets))
    nrows = math.ceil(len(facets) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, 2.7 * nrows + 0.6), sharex=True, sharey=sharey,
                             squeeze=False)
    for ax, name in zip(axes.flat, facets):
        part = table[table[facet] == name].sort_values(x)
        small = part["small"].to_numpy(dtype=bool) if "small" in part.columns else np.zeros(len(part), bool)
        good = part[~small]
        if band is not None:
            ax.axhspan(*band, color="#eee", zorder=0)
        ax.fill_between(good[x], good[low], good[high], color=_BLUE, alpha=0.2, lw=0)
        ax.plot(good[x], good[y], color=_BLUE, lw=1.4, marker="o" if len(good) < 30 else None, ms=3)
        ax.plot(part[x][small], part[y][small], ls="", marker="o", mfc="none", mec=_GREY, ms=4)
        ax.set_title(f"{(labels or {}).get(name, name)}{note and ' ' + note.format(**_totals(part))}",
                     fontsize=9, loc="left")
        ax.tick_params(axis="x", labelrotation=30, labelsize=8)
    for ax in list(axes.flat)[len(facets):]:
        ax.set_visible(False)
    fig.supylabel(ylabel, fontsize=9)
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    if source:
        fig.text(0.01, 0.005, source, fontsize=8, color="#555", ha="left", va="bottom")
    fig.tight_layout(rect=(0.02, 0.03 if source else 0, 1, 1))
    return fig, axes


def _totals(part: pd.DataFrame) -> dict:
    return {c: int(part[c].sum()) for c in part.columns if c in ("n", "articles", "mentions", "articles_mentioning",
                                                                 "sentences_with_topic", "quotes")}


def heatmap_n(means: pd.DataFrame, counts: pd.DataFrame, *, min_n: int, title: str, xlabel: str = "",
              ylabel: str = "", source: str = "", colorbar: str = "", fmt: str = "{:+.2f}"):
    """A diverging heat map of ``means`` (rows × columns) with ``n=…`` written in every cell; cells with fewer
    than ``min_n`` units are left uncoloured and show only their n. The colour scale is symmetric around zero."""
    counts = counts.reindex(index=means.index, columns=means.columns).fillna(0).astype(int)
    shown = means.where(counts >= min_n)
    data = shown.to_numpy(dtype=float)
    finite = np.abs(data[np.isfinite(data)])
    limit = float(finite.max()) if finite.size else 1.0
    fig, ax = plt.subplots(figsize=(max(5.5, 0.95 * means.shape[1] + 3), max(2.6, 0.5 * means.shape[0] + 1.6)))
    image = ax.imshow(np.ma.masked_invalid(data), cmap="RdBu", vmin=-limit, vmax=limit, aspect="auto")
    ax.set_xticks(range(means.shape[1]), [str(c) for c in means.columns], rotation=35, ha="right")
    ax.set_yticks(range(means.shape[0]), [str(i) for i in means.index])
    for (i, j), n in np.ndenumerate(counts.to_numpy()):
        value = data[i, j]
        text = f"n={n}" if not np.isfinite(value) else f"{fmt.format(value)}\nn={n}"
        strong = np.isfinite(value) and abs(value) > 0.6 * limit
        ax.text(j, i, text, ha="center", va="center", fontsize=7, color="white" if strong else "black")
    fig.colorbar(image, ax=ax, shrink=0.8).set_label(colorbar)
    ax.spines[:].set_visible(False)
    finish(ax, title=title, xlabel=xlabel, ylabel=ylabel, source=source)
    return fig, ax


def dumbbell(diff: pd.DataFrame, *, label: str = "actor_id", name_a: str, name_b: str, title: str, xlabel: str,
             source: str = "", labels: dict | None = None):
    """Left: each row's value in group a and in group b joined by a line (columns ``mean_a``/``mean_b`` or
    ``share_a``/``share_b``, and ``n_a``/``n_b``). Right: the difference a − b with its interval and, dotted,
    the Bonferroni-adjusted interval. Rows flagged ``small`` are grey and unranked, at the bottom."""
    value = "mean" if "mean_a" in diff.columns else "share"
    frame = diff.iloc[::-1].reset_index(drop=True)  # ranked first at the top
    y = np.arange(len(frame))
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, max(2.6, 0.42 * len(frame) + 1.5)), sharey=True,
                                      gridspec_kw={"width_ratios": [3, 2]})
    colour = np.where(frame["small"], _GREY, _BLUE)
    left.hlines(y, frame[f"{value}_a"], frame[f"{value}_b"], color="#bbb", lw=2)
    left.scatter(frame[f"{value}_a"], y, color=_BLUE, zorder=3, label=name_a)
    left.scatter(frame[f"{value}_b"], y, color=_ORANGE, zorder=3, label=name_b)
    names = [(labels or {}).get(v, v) for v in frame[label]]
    left.set_yticks(y, [f"{n} (n={a}/{b}){' small' if s else ''}" for n, a, b, s in
                        zip(names, frame["n_a"], frame["n_b"], frame["small"])])
    left.legend(loc="best", fontsize=8, frameon=False)
    left.set_xlabel(xlabel)
    right.errorbar(frame["difference"], y, xerr=[frame["difference"] - frame["adj_low"],
                                                 frame["adj_high"] - frame["difference"]],
                   fmt="none", ecolor="#ccc", capsize=0, lw=1, ls=":")
    for k in range(len(frame)):
        row = frame.iloc[k]
        right.errorbar(row["difference"], k, xerr=[[row["difference"] - row["ci_low"]],
                                                   [row["ci_high"] - row["difference"]]],
                       fmt="o", color=colour[k], ecolor=colour[k], capsize=3)
    right.axvline(0, color="#888", lw=0.8)
    right.set_xlabel(f"{name_a} − {name_b} (95 % interval; dotted: adjusted)")
    finish(left, title=title, xlabel=xlabel, source=source)
    return fig, (left, right)


def group_intervals(table: pd.DataFrame, *, column: str, label: str = "actor_id", labels: dict | None = None,
                    title: str, xlabel: str, source: str = "", band: tuple[float, float] = (-0.05, 0.05)):
    """Per row label (an actor), one point per group of ``column`` with its interval (``mean``, ``ci_low``,
    ``ci_high``) and its n written beside it; rows flagged ``small`` are hollow. For a few groups (a leaning)."""
    groups = list(dict.fromkeys(table[column]))
    rows = list(dict.fromkeys(table[label]))
    colours = plt.get_cmap("tab10").colors
    fig, ax = plt.subplots(figsize=(8, max(2.6, 0.55 * len(rows) * max(1, len(groups)) / 2 + 1.4)))
    step = 0.7 / max(1, len(groups))
    for g, group in enumerate(groups):
        part = table[table[column] == group].set_index(label).reindex(rows)
        y = np.arange(len(rows)) + (g - (len(groups) - 1) / 2) * step
        small = part["small"].fillna(True).to_numpy(dtype=bool) if "small" in part else np.zeros(len(rows), bool)
        colour = colours[g % len(colours)]
        ax.errorbar(part["mean"], y, xerr=[(part["mean"] - part["ci_low"]).clip(lower=0),
                                          (part["ci_high"] - part["mean"]).clip(lower=0)], fmt="none",
                    ecolor=colour, capsize=2, lw=1)
        ax.scatter(part["mean"][~small], y[~small], color=colour, zorder=3, s=18, label=f"{group}")
        ax.scatter(part["mean"][small], y[small], facecolors="none", edgecolors=colour, zorder=3, s=18)
        for yy, (m, hi, n) in zip(y, part[["mean", "ci_high", "n"]].itertuples(index=False)):
            if pd.notna(m):
                ax.text(hi, yy, f"  n={int(n)}", va="center", fontsize=7, color="#555")
    ax.set_yticks(np.arange(len(rows)), [(labels or {}).get(r, r) for r in rows])
    ax.invert_yaxis()
    ax.axvspan(*band, color="#eee", zorder=0)
    ax.axvline(0, color="#888", lw=0.8)
    ax.legend(title=column, fontsize=8, frameon=False, loc="best")
    finish(ax, title=title, xlabel=xlabel, source=source)
    return fig, ax
