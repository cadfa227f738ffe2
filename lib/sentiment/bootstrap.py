"""Percentile bootstrap of the mean for many groups at once, with the same draws as one group at a time.

:func:`lib.sentiment.tone_summary` resamples every group with its own generator seeded with the same ``seed``,
so two groups of the same size draw the same resample indices. :func:`group_summaries` therefore draws the
index matrix once per group *size*, turns it into counts (how often each value is drawn in each resample) and
gets every resample mean of every group of that size from one matrix product, instead of one generator, one
draw and one gather per group: on 7,711 articles (one group each, 390,000 sentences) about 10 times faster.
The draws are the ones :func:`bootstrap_means` makes for that group alone, so each interval is the same
interval: means and shares are identical, interval bounds agree to about 1e-15 (the product sums in another
order than ``mean``; ``tests/test_sentiment_bootstrap.py`` checks both against one group at a time). Groups
too large for one block (``n × n_boot`` over :data:`BLOCK`), and sizes shared by fewer than :data:`MIN_BATCH`
groups, are resampled one at a time by :func:`bootstrap_means`, exactly as before.

>>> sizes = np.array([2, 2])
>>> stats = group_summaries(np.array([0.0, 1.0, 0.5, 0.5]), sizes, n_boot=50, seed=0)
>>> stats["mean"].tolist(), stats["ci_low"].tolist()[1], stats["ci_high"].tolist()[1]
([0.5, 0.5], 0.5, 0.5)
"""

from __future__ import annotations

import numpy as np

__all__ = ["bootstrap_means", "group_summaries", "resample_counts", "resample_indices"]

BLOCK = 2_000_000  # values gathered at once (about 16 MB of float64): bounds the memory of every step
MIN_BATCH = 3  # groups of one size that pay for counting their shared draws (fewer: one gather each is cheaper)


def resample_indices(n: int, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """The ``n_boot`` × ``n`` resample indices that :func:`bootstrap_means` draws from ``rng`` for a group of
    ``n`` values (in the same blocks of at most :data:`BLOCK` values, so the same numbers).

    >>> resample_indices(3, 2, np.random.default_rng(0)).shape
    (2, 3)
    """
    step = max(1, BLOCK // max(1, n))
    blocks = [rng.integers(0, n, size=(min(step, n_boot - k), n)) for k in range(0, n_boot, step)]
    return np.concatenate(blocks)


def bootstrap_means(x: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """``n_boot`` means of resamples of ``x`` drawn with ``rng``, in blocks of at most :data:`BLOCK` values.

    >>> bootstrap_means(np.array([1.0, 1.0]), 3, np.random.default_rng(0)).tolist()
    [1.0, 1.0, 1.0]
    """
    means = np.empty(n_boot)
    step = max(1, BLOCK // max(1, len(x)))
    for k in range(0, n_boot, step):
        m = min(step, n_boot - k)
        means[k:k + m] = x[rng.integers(0, len(x), size=(m, len(x)))].mean(axis=1)
    return means


def resample_counts(idx: np.ndarray) -> np.ndarray:
    """How often each value is drawn in each resample: the ``n_boot`` × ``n`` weights of ``idx``.

    >>> resample_counts(np.array([[0, 0, 2], [1, 2, 0]])).tolist()
    [[2.0, 0.0, 1.0], [1.0, 1.0, 1.0]]
    """
    m, n = idx.shape
    flat = (idx + (np.arange(m) * n)[:, None]).ravel()
    return np.bincount(flat, minlength=m * n).reshape(m, n).astype(float)


def _same_size(rows: np.ndarray, n_boot: int, seed: int, q: list[float]) -> np.ndarray:
    """Bootstrap quantiles ``q`` of the mean of each row of ``rows`` (groups of one size, each sorted): one
    draw of indices for all rows, turned into counts, so every resample mean is one matrix product."""
    from threadpoolctl import threadpool_limits

    g, n = rows.shape
    out = np.empty((len(q), g))
    if n * n_boot > BLOCK or g < MIN_BATCH:  # large or few groups: one at a time, exactly as bootstrap_means
        for i in range(g):
            out[:, i] = np.quantile(bootstrap_means(rows[i], n_boot, np.random.default_rng(seed)), q)
        return out
    weights = resample_counts(resample_indices(n, n_boot, np.random.default_rng(seed))).T / n
    per = max(1, BLOCK // n_boot)
    with threadpool_limits(1, user_api="blas"):  # BLAS threads on busy cores are far slower than one
        for k in range(0, g, per):
            out[:, k:k + per] = np.quantile(rows[k:k + per] @ weights, q, axis=1)
    return out


def group_summaries(values: np.ndarray, sizes: np.ndarray, *, n_boot: int, seed: int, ci: float = 0.95,
                    positive: float = 0.05, negative: float = -0.05) -> dict[str, np.ndarray]:
    """Per group: ``mean``, ``share_positive`` (> ``positive``), ``share_negative`` (< ``negative``) and a
    percentile bootstrap interval ``ci_low``, ``ci_high`` (``n_boot`` resamples from ``default_rng(seed)``).

    ``values`` are the groups' scores one group after another, each group sorted; ``sizes`` the group sizes
    (all positive), in the same order.
    """
    sizes = np.asarray(sizes, dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    out = {name: np.empty(len(sizes)) for name in ("mean", "share_positive", "share_negative", "ci_low", "ci_high")}
    alpha = (1 - ci) / 2
    for n in np.unique(sizes):
        which = np.flatnonzero(sizes == n)
        rows = values[starts[which, None] + np.arange(n)]
        out["mean"][which] = rows.mean(axis=1)
        out["share_positive"][which] = (rows > positive).mean(axis=1)
        out["share_negative"][which] = (rows < negative).mean(axis=1)
        out["ci_low"][which], out["ci_high"][which] = _same_size(rows, n_boot, seed, [alpha, 1 - alpha])
    # the matrix product sums in another order than ``mean``: a bound that equals the mean (all scores alike)
    # can land 1e-17 on the wrong side of it, which would draw a negative error bar
    near = np.abs(out["ci_low"] - out["mean"]) < 1e-9
    out["ci_low"][near] = np.minimum(out["ci_low"][near], out["mean"][near])
    near = np.abs(out["ci_high"] - out["mean"]) < 1e-9
    out["ci_high"][near] = np.maximum(out["ci_high"][near], out["mean"][near])
    return out
