"""Intervals for shares and differences, with numbers a reader can check by hand.

* a share ``k / n`` gets the **Wilson score interval** (good coverage for small n and shares near 0 or 1,
  unlike the textbook ``p ± z·se``);
* a difference of two shares gets **Newcombe's hybrid score interval** (his method 10, built from the two
  Wilson intervals);
* a difference of two mean tones gets a **percentile bootstrap** interval, resampling the units of each group
  independently (with :func:`lib.sentiment.evidence.bootstrap_means`, the resampling of
  :func:`lib.sentiment.tone_summary`).

With ``k`` comparisons at once, :func:`bonferroni` gives the level at which each interval must be read so that
all ``k`` hold together with the stated confidence.

>>> [round(float(x), 3) for x in wilson(2, 4)]
[0.15, 0.85]
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np

from lib.errors import InputError

__all__ = ["bonferroni", "bootstrap_difference", "newcombe", "wilson", "z_value"]


def z_value(ci: float) -> float:
    """The two-sided standard normal quantile for confidence ``ci`` (1.96 for 0.95).

    >>> round(z_value(0.95), 2)
    1.96
    """
    if not 0 < ci < 1:
        raise InputError(f"ci must be between 0 and 1, got {ci!r}.")
    return NormalDist().inv_cdf(0.5 + ci / 2)


def wilson(k, n, *, ci: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of the share ``k / n`` (arrays allowed); NaN where ``n`` is 0.

    >>> low, high = wilson(0, 10)
    >>> float(low), round(float(high), 3)
    (0.0, 0.278)
    """
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    z = z_value(ci)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        low = np.where(k <= 0, 0.0, np.clip(centre - half, 0, 1))
        high = np.where(k >= n, 1.0, np.clip(centre + half, 0, 1))
    return np.where(n > 0, low, np.nan), np.where(n > 0, high, np.nan)


def newcombe(k1, n1, k2, n2, *, ci: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Newcombe's hybrid score interval for the difference of shares ``k1/n1 - k2/n2``.

    >>> [round(float(x), 4) for x in newcombe(56, 70, 48, 80)]
    [0.0524, 0.3339]
    """
    p1 = np.asarray(k1, dtype=float) / np.asarray(n1, dtype=float)
    p2 = np.asarray(k2, dtype=float) / np.asarray(n2, dtype=float)
    l1, u1 = wilson(k1, n1, ci=ci)
    l2, u2 = wilson(k2, n2, ci=ci)
    d = p1 - p2
    return d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)


def bootstrap_difference(a, b, *, n_boot: int = 2000, seed: int = 0, levels: tuple[float, ...] = (0.95,)):
    """Mean of ``a`` minus mean of ``b`` and, for each confidence level, a percentile bootstrap interval
    (each sample resampled on its own; inputs sorted first, so the row order does not matter).

    >>> diff, intervals = bootstrap_difference([0.5, 0.5], [0.1, 0.1])
    >>> round(diff, 3), [tuple(round(v, 3) for v in iv) for iv in intervals]
    (0.4, [(0.4, 0.4)])
    """
    a, b = np.sort(np.asarray(a, dtype=float)), np.sort(np.asarray(b, dtype=float))
    if not len(a) or not len(b):
        return float("nan"), [(float("nan"), float("nan")) for _ in levels]
    from lib.sentiment.evidence import bootstrap_means

    rng = np.random.default_rng(seed)
    draws = bootstrap_means(a, n_boot, rng) - bootstrap_means(b, n_boot, rng)
    intervals = [(float(np.quantile(draws, (1 - c) / 2)), float(np.quantile(draws, 1 - (1 - c) / 2))) for c in levels]
    return float(a.mean() - b.mean()), intervals


def bonferroni(ci: float, comparisons: int) -> float:
    """The per-comparison confidence that keeps ``comparisons`` intervals jointly at ``ci``.

    >>> bonferroni(0.95, 10)
    0.995
    """
    z_value(ci)
    return 1 - (1 - ci) / max(1, int(comparisons))
