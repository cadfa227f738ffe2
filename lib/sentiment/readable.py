"""Honest small numbers: tone summaries as a reader should see them, with ``n`` and "too few" below a minimum.

Every tone mean comes from :func:`lib.sentiment.tone_summary` (with its interval); these helpers only decide
how it is shown. A group with fewer than ``min_units`` units is never shown as a number that could be ranked.

>>> s = pd.DataFrame({"actor_id": ["a", "b"], "n": [8, 1], "mean": [0.2, -0.9],
...                   "ci_low": [0.05, -0.9], "ci_high": [0.33, -0.9]})
>>> tone_cells(s, min_units=3).tolist()
['+0.20 [+0.05, +0.33] n=8', 'too few (n=1)']
"""

from __future__ import annotations

import pandas as pd

from lib.errors import InputError, require_columns

__all__ = ["READ_AS_REAL", "enough_units", "tone_cells"]

READ_AS_REAL = ("Read a difference between two tone means as real only when both have at least {min_units} "
                "units and their 95 % intervals do not overlap; otherwise it may be chance.")


def _check_min(min_units: int) -> None:
    if not isinstance(min_units, int) or min_units < 1:
        raise InputError(f"min_units must be a positive integer, got {min_units!r}.")


def enough_units(summary: pd.DataFrame, *, min_units: int) -> pd.Series:
    """True for rows of a tone summary with at least ``min_units`` units.

    >>> enough_units(pd.DataFrame({"n": [1, 3, 5]}), min_units=3).tolist()
    [False, True, True]
    """
    _check_min(min_units)
    require_columns(summary, ["n"], "tone summary")
    return summary["n"] >= min_units


def tone_cells(summary: pd.DataFrame, *, min_units: int, digits: int = 2) -> pd.Series:
    """One string per row: ``mean [ci_low, ci_high] n=…``, or ``too few (n=…)`` below ``min_units``."""
    require_columns(summary, ["n", "mean", "ci_low", "ci_high"], "tone summary")
    ok = enough_units(summary, min_units=min_units)
    cells = [f"{m:+.{digits}f} [{lo:+.{digits}f}, {hi:+.{digits}f}] n={n}" if good else f"too few (n={n})"
             for m, lo, hi, n, good in zip(summary["mean"], summary["ci_low"], summary["ci_high"],
                                           summary["n"], ok)]
    return pd.Series(cells, index=summary.index, dtype=object)
