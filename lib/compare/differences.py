"""Two groups side by side: differences of tone and of shares with intervals, and keyness.

Every table here says how many comparisons it makes (``attrs["comparisons"]``, also a column) and carries, next
to the ordinary interval, a Bonferroni-adjusted one (``adj_low``, ``adj_high``): a difference whose adjusted
interval excludes zero is unlikely to be one of the false alarms that many comparisons produce. Rows whose
groups are too small (``small``) are shown but take no part in the ranking or the count of comparisons.

>>> g = pd.DataFrame({"doc_id": ["a", "b"], "side": ["left", "right"]})
>>> ev = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "actor_id": ["kim"] * 4, "kind": ["portrayal"] * 4,
...                    "score": [0.5, 0.3, -0.2, -0.4]})
>>> tone_difference(ev, g, column="side", a="left", b="right", min_units=2)[
...     ["actor_id", "n_a", "mean_a", "n_b", "mean_b", "difference"]].round(3).values.tolist()
[['kim', 2, 0.4, 2, -0.3, 0.7]]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from lib.compare.stats import bonferroni, bootstrap_difference, newcombe
from lib.errors import InputError, require_columns

__all__ = ["g2_p_value", "keyness", "share_difference", "term_counts", "tone_difference"]


def _check_pair(values: pd.Series, column: str, a: str, b: str) -> None:
    present = set(values.dropna().astype(str))
    for name, value in (("a", a), ("b", b)):
        if str(value) not in present:
            shown = ", ".join(sorted(present)[:10])
            raise InputError(f"Group {name}={value!r} is not a value of {column} (values: {shown}).")
    if str(a) == str(b):
        raise InputError(f"Groups a and b must differ; both are {a!r}.")


def _mean(x) -> float:
    return float(sum(x) / len(x)) if len(x) else float("nan")


def _finish(out: pd.DataFrame, ci: float, *, order: str) -> pd.DataFrame:
    """Count comparisons among rows that are not small, rank them by the absolute difference, flag exclusions."""
    k = int((~out["small"]).sum())
    out["comparisons"] = k
    out["excludes_zero"] = ~out["small"] & ((out["ci_low"] > 0) | (out["ci_high"] < 0))
    out["excludes_zero_adjusted"] = ~out["small"] & ((out["adj_low"] > 0) | (out["adj_high"] < 0))
    ranked = out.loc[~out["small"], order].abs().rank(ascending=False, method="first")
    out["rank"] = ranked.reindex(out.index).astype("Int64")
    out.attrs.update(comparisons=k, ci=ci, adjusted_ci=bonferroni(ci, k))
    return out.sort_values(["rank", order], na_position="last", kind="stable").reset_index(drop=True)


def tone_difference(evidence: pd.DataFrame, groups: pd.DataFrame, *, column: str, a: str, b: str,
                    actors: Sequence[str] | None = None, kind: str = "portrayal", min_units: int = 10,
                    n_boot: int = 2000, seed: int = 0, ci: float = 0.95) -> pd.DataFrame:
    """Mean tone in group ``a`` minus group ``b`` (of ``column``) per actor, for one ``kind`` of evidence, with
    a percentile bootstrap interval and a Bonferroni-adjusted one. ``small``: fewer than ``min_units`` units in
    either group. Columns: ``actor_id, n_a, mean_a, n_b, mean_b, difference, ci_low, ci_high, adj_low,
    adj_high, small, comparisons, excludes_zero, excludes_zero_adjusted, rank``.
    """
    require_columns(groups, ["doc_id", column], "The article groups table")
    _check_pair(groups[column], column, a, b)
    require_columns(evidence, ["doc_id", "actor_id", "kind", "score"], "The tone evidence table")
    ev = evidence.loc[evidence["kind"] == kind, ["doc_id", "actor_id", "score"]].dropna(subset=["score"])
    ev = ev.merge(groups[["doc_id", column]].astype({column: str}), on="doc_id")
    names = list(actors) if actors is not None else sorted(ev["actor_id"].unique())
    samples = {key: g["score"].to_numpy() for key, g in ev.groupby(["actor_id", column])}
    sizes = {n: (len(samples.get((n, str(a)), ())), len(samples.get((n, str(b)), ()))) for n in names}
    k = sum(1 for na, nb in sizes.values() if min(na, nb) >= min_units)
    levels = (ci, bonferroni(ci, k))
    rows = []
    for name in names:
        xa, xb = samples.get((name, str(a)), []), samples.get((name, str(b)), [])
        diff, (plain, adjusted) = bootstrap_difference(xa, xb, n_boot=n_boot, seed=seed, levels=levels)
        rows.append((name, len(xa), _mean(xa), len(xb), _mean(xb), diff, *plain, *adjusted,
                     min(len(xa), len(xb)) < min_units))
    out = pd.DataFrame(rows, columns=["actor_id", "n_a", "mean_a", "n_b", "mean_b", "difference", "ci_low",
                                      "ci_high", "adj_low", "adj_high", "small"])
    return _finish(out, ci, order="difference")


def share_difference(table: pd.DataFrame, *, column: str, a: str, b: str, item: str, count: str, total: str,
                     min_total: int = 10, ci: float = 0.95) -> pd.DataFrame:
    """Share in group ``a`` minus share in group ``b`` per ``item`` of a table from :mod:`lib.compare.measures`
    (e.g. :func:`attention`: ``count="articles_mentioning", total="articles"``), with Newcombe's interval and a
    Bonferroni-adjusted one; ``small``: fewer than ``min_total`` in either group.

    >>> t = pd.DataFrame({"side": ["l", "r"], "actor_id": ["kim", "kim"], "k": [56, 48], "n": [70, 80]})
    >>> share_difference(t, column="side", a="l", b="r", item="actor_id", count="k", total="n")[
    ...     ["difference", "ci_low", "ci_high"]].round(4).values.tolist()
    [[0.2, 0.0524, 0.3339]]
    """
    require_columns(table, [column, item, count, total], "The table of shares")
    _check_pair(table[column], column, a, b)
    side = {g: table[table[column].astype(str) == str(g)].set_index(item)[[count, total]] for g in (a, b)}
    both = side[a].add_suffix("_a").join(side[b].add_suffix("_b"), how="outer").fillna(0)
    ka, na, kb, nb = (both[f"{c}_{s}"].to_numpy(dtype=float) for s in "ab" for c in (count, total))
    out = pd.DataFrame({item: both.index, "k_a": ka.astype(int), "n_a": na.astype(int), "k_b": kb.astype(int),
                        "n_b": nb.astype(int)})
    with_data = (na > 0) & (nb > 0)
    out["share_a"], out["share_b"] = ka / na.clip(1), kb / nb.clip(1)
    out["difference"] = (out["share_a"] - out["share_b"]).where(with_data)
    out["small"] = (na < min_total) | (nb < min_total)
    k = int((~out["small"]).sum())
    out["ci_low"], out["ci_high"] = newcombe(ka, na, kb, nb, ci=ci)
    out["adj_low"], out["adj_high"] = newcombe(ka, na, kb, nb, ci=bonferroni(ci, k))
    return _finish(out, ci, order="difference")


def g2_p_value(g2: float) -> float:
    """p-value of a log-likelihood G² with one degree of freedom (chi-squared): ``erfc(sqrt(G²/2))``.

    >>> round(g2_p_value(3.841), 3), round(g2_p_value(10.83), 4)
    (0.05, 0.001)
    """
    return math.erfc(math.sqrt(max(0.0, float(g2)) / 2))


def term_counts(texts: pd.DataFrame) -> pd.DataFrame:
    """Content words per article (``doc_id, term, count``), tokenised exactly as
    :func:`lib.topics.distinctive_terms` does (:func:`lib.topics.content_words`): the slow step of keyness,
    done once per corpus (see :func:`lib.compare.term_table` for the cached version).

    >>> term_counts(pd.DataFrame({"doc_id": ["a"], "text": ["Tariffs, tariffs and trade."]})).values.tolist()
    [['a', 'tariffs', 2], ['a', 'trade', 1]]
    """
    from collections import Counter

    from lib.topics import content_words

    require_columns(texts, ["doc_id", "text"], "The texts table")
    rows = [(d, w, k) for d, t in zip(texts["doc_id"], texts["text"])
            for w, k in sorted(Counter(content_words(str(t))).items())]
    out = pd.DataFrame(rows, columns=["doc_id", "term", "count"])
    out["count"] = out["count"].astype("int64")
    return out


def _g2(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """:func:`lib.topics.log_likelihood` on arrays."""
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        first = np.where(a > 0, a * np.log(a / e1), 0.0)
        second = np.where(b > 0, b * np.log(b / e2), 0.0)
    return 2.0 * (first + second)


def keyness(counts: pd.DataFrame, groups: pd.DataFrame, *, column: str, a: str | None = None,
            b: str | None = None, top: int = 20, min_count: int = 5) -> pd.DataFrame:
    """Distinctive words of each group of ``column`` against all other groups, or of ``a`` against ``b`` (and
    ``b`` against ``a``) when both are given: Dunning's log-likelihood G² (the statistic quanteda's
    ``textstat_keyness`` calls ``lr``), with exactly the scores, effect sizes (``log_ratio``) and order of
    :func:`lib.topics.distinctive_terms`, computed from per-article :func:`term_counts`. Only words used more
    often in the group than elsewhere and at least ``min_count`` times are tested (``words_tested``); each has
    its chi-squared p-value (1 degree of freedom) and a Bonferroni flag over the words tested.

    Columns: ``[column], rank, term, count, count_rest, score`` (G²), ``log_ratio, p_value, words_tested,
    significant_adjusted``.
    """
    require_columns(counts, ["doc_id", "term", "count"], "The term counts table")
    require_columns(groups, ["doc_id", column], "The article groups table")
    if (a is None) != (b is None):
        raise InputError("Give both a and b to compare two groups, or neither to compare each with the rest.")
    keyed = groups[["doc_id", column]].dropna().astype({column: str})
    if a is not None:
        _check_pair(keyed[column], column, str(a), str(b))
        keyed = keyed[keyed[column].isin([str(a), str(b)])]
    if keyed[column].nunique() < 2:
        raise InputError(f"Keyness compares groups of {column!r} and needs at least 2; "
                         f"found {keyed[column].nunique()}.")
    table = counts.merge(keyed, on="doc_id").groupby([column, "term"], sort=True)["count"].sum().reset_index()
    total = table.groupby("term")["count"].transform("sum").to_numpy(dtype=float)
    size = table.groupby(column)["count"].transform("sum").to_numpy(dtype=float)
    k = table["count"].to_numpy(dtype=float)
    rest, n_rest = total - k, float(table["count"].sum()) - size
    with np.errstate(divide="ignore", invalid="ignore"):
        keep = (k >= min_count) & (n_rest > 0) & (k / size > rest / n_rest)
    table["count_rest"] = rest.astype("int64")
    table["score"] = np.round(_g2(k, rest, size, n_rest), 6)
    table["log_ratio"] = np.round(np.log2(((k + 0.5) / (size + 0.5)) / ((rest + 0.5) / (n_rest + 0.5))), 6)
    table = table[keep].assign(_order=-np.round(_g2(k, rest, size, n_rest)[keep], 9))
    table = table.sort_values([column, "_order", "term"], kind="stable").drop(columns="_order")
    table["rank"] = table.groupby(column).cumcount() + 1
    table["words_tested"] = table.groupby(column)["term"].transform("size")
    out = table[table["rank"] <= top].copy()
    out["p_value"] = [g2_p_value(x) for x in out["score"]]
    out["significant_adjusted"] = out["p_value"] < 0.05 / out["words_tested"]
    columns = [column, "rank", "term", "count", "count_rest", "score", "log_ratio", "p_value", "words_tested",
               "significant_adjusted"]
    return out[columns].reset_index(drop=True)
