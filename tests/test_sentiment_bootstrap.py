"""The batched bootstrap gives what one group at a time gives (lib.sentiment.bootstrap): the same draws, so the
same means and shares bit for bit and the same intervals up to the order of summation (1e-15)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lib.sentiment import tone_summary
from lib.sentiment.bootstrap import BLOCK, bootstrap_means, group_summaries, resample_counts, resample_indices


def one_group_at_a_time(evidence: pd.DataFrame, by: list[str], *, n_boot: int, seed: int, ci: float = 0.95,
                        positive: float = 0.05, negative: float = -0.05) -> pd.DataFrame:
    """The reference: every group sorted, resampled with its own generator, summarised on its own."""
    rows, alpha = [], (1 - ci) / 2
    for key, group in evidence.dropna(subset=["score"]).groupby(by, sort=True):
        x = np.sort(group["score"].to_numpy(dtype=float))
        means = bootstrap_means(x, n_boot, np.random.default_rng(seed))
        key = key if isinstance(key, tuple) else (key,)
        rows.append((*key, len(x), float(x.mean()), float(np.mean(x > positive)), float(np.mean(x < negative)),
                     float(np.quantile(means, alpha)), float(np.quantile(means, 1 - alpha))))
    return pd.DataFrame(rows, columns=[*by, "n", "mean", "share_positive", "share_negative", "ci_low", "ci_high"])


def evidence_of(sizes: list[int], seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    docs = np.repeat([f"d{i:03d}" for i in range(len(sizes))], sizes)
    frame = pd.DataFrame({"doc_id": docs, "actor_id": rng.choice(["a", "b"], size=len(docs)),
                          "kind": "portrayal", "score": rng.uniform(-1, 1, size=len(docs)).round(4)})
    frame.loc[frame.index[::17], "score"] = np.nan  # unscored units are left out
    return frame.sample(frac=1.0, random_state=1)  # row order must not matter


@pytest.mark.parametrize("by", [["doc_id"], ["doc_id", "actor_id", "kind"], ["actor_id", "kind"]])
def test_batched_summary_is_the_one_group_at_a_time_summary(by):
    evidence = evidence_of([1, 2, 2, 3, 7, 7, 7, 19, 40, 40, 130, 5, 1, 2])
    got = tone_summary(evidence, by=by, n_boot=700, seed=11)
    want = one_group_at_a_time(evidence, by, n_boot=700, seed=11)
    exact = [*by, "n", "mean", "share_positive", "share_negative"]
    pd.testing.assert_frame_equal(got[exact], want[exact], check_exact=True, check_dtype=False)
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=0, atol=1e-14, check_dtype=False)
    other_seed = tone_summary(evidence, by=by, n_boot=700, seed=12)
    assert not np.allclose(other_seed["ci_low"], want["ci_low"])  # the comparison above could fail


def test_large_groups_use_several_blocks_and_still_agree():
    n_boot = 3
    n = BLOCK // n_boot + 1  # more than one block of values per group: the one-at-a-time path
    values = np.sort(np.random.default_rng(2).uniform(-1, 1, size=n))
    stats = group_summaries(values, np.array([n]), n_boot=n_boot, seed=4)
    means = bootstrap_means(values, n_boot, np.random.default_rng(4))
    assert stats["ci_low"][0] == np.quantile(means, 0.025) and stats["ci_high"][0] == np.quantile(means, 0.975)


def test_resample_counts_count_each_draw():
    idx = resample_indices(4, 30, np.random.default_rng(1))
    counts = resample_counts(idx)
    assert counts.shape == (30, 4) and (counts.sum(axis=1) == 4).all()
    assert all(counts[r, v] == (idx[r] == v).sum() for r in range(30) for v in range(4))


def test_resample_indices_are_the_draws_of_bootstrap_means():
    x = np.arange(5, dtype=float)
    idx = resample_indices(5, 40, np.random.default_rng(9))
    assert idx.shape == (40, 5) and idx.min() >= 0 and idx.max() <= 4
    assert np.array_equal(x[idx].mean(axis=1), bootstrap_means(x, 40, np.random.default_rng(9)))


def test_group_summaries_on_no_groups_is_empty():
    stats = group_summaries(np.array([]), np.array([], dtype=int), n_boot=10, seed=0)
    assert all(len(v) == 0 for v in stats.values())


def test_a_constant_group_has_a_point_interval():
    stats = group_summaries(np.array([0.2, 0.2, 0.2, -0.5]), np.array([3, 1]), n_boot=100, seed=0)
    assert stats["ci_low"].tolist() == stats["ci_high"].tolist() == pytest.approx([0.2, -0.5])
    assert stats["share_positive"].tolist() == [1.0, 0.0] and stats["share_negative"].tolist() == [0.0, 1.0]


@pytest.mark.parametrize("groups", [1, 2, 3, 12])
def test_groups_of_one_size_batched_or_not_give_the_one_at_a_time_interval(groups):
    rng = np.random.default_rng(groups)
    rows = np.sort(rng.uniform(-1, 1, size=(groups, 6)).round(3), axis=1)
    stats = group_summaries(rows.ravel(), np.full(groups, 6), n_boot=300, seed=8)
    for i in range(groups):
        means = bootstrap_means(rows[i], 300, np.random.default_rng(8))
        assert stats["ci_low"][i] == pytest.approx(np.quantile(means, 0.025), abs=1e-14)
        assert stats["ci_high"][i] == pytest.approx(np.quantile(means, 0.975), abs=1e-14)


def test_groups_of_equal_scores_have_intervals_that_hold_their_mean():
    # many groups of one size share a matrix product; equal scores must not put a bound 1e-17 past the mean
    values = np.repeat([0.1, 0.7, -0.3, 0.2934, 0.0], 12)
    out = group_summaries(values, np.full(5, 12), n_boot=500, seed=0)
    assert (out["ci_low"] <= out["mean"]).all() and (out["ci_high"] >= out["mean"]).all()
    assert np.allclose(out["ci_low"], out["mean"]) and np.allclose(out["ci_high"], out["mean"])
