"""Tone towards one mention, two methods (:data:`METHODS`): the fine-tuned encoder of :mod:`lib.sentiment.model`
(default, more accurate) and the explainable lexicon-cue vote: a 3-class logistic layer over the cues of
:mod:`lib.sentiment.cues`.

The lexicon method's weights (:data:`TARGET_WEIGHTS`, ``lib/resources/target_weights.txt``) were fitted on the NewsMTSC
training split with :func:`fit_target_weights`; the file's header gives the command and the cross-validated
score. The most probable class wins, and the graded score is placed so that ±0.05 are the class boundaries,
as with VADER's compound.

>>> target_polarity("Critics slammed Smith over the scandal.", 16, 21)
-1
>>> target_polarity("Voters praised Jones for her honesty.", 15, 20)
1
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from lib.errors import InputError, ResourceMissing
from lib.resources import RESOURCES, read_table
from lib.sentiment.cues import TARGET_FEATURES, target_features

if TYPE_CHECKING:  # pragma: no cover
    from lib.sentiment.vader import Vader

__all__ = ["METHODS", "MODEL_MENTION_LIMIT", "TARGET_WEIGHTS", "choose_method", "fit_target_weights", "graded_score",
           "target_polarity", "target_score"]

_CLASSES = ("negative", "neutral", "positive")
#: Ways to score tone towards a mention: the fine-tuned model (default) and the explainable lexicon-cue vote.
METHODS = ("model", "lexicon")
MODEL_MENTION_LIMIT = 50_000  # ~3 ms CPU a target: above this many mentions the model would take minutes per run


def choose_method(n_mentions: int, *, method: str = "model", limit: int = MODEL_MENTION_LIMIT) -> tuple[str, str]:
    """The target method to use on a corpus with ``n_mentions`` mentions, and a sentence saying which and why:
    ``method`` as asked, except that the model falls back to the lexicon cues above ``limit`` mentions.

    >>> choose_method(120)[0], choose_method(80_000)
    ('model', ('lexicon', 'Tone towards mentions: the lexicon cues, because the corpus has 80,000 mentions, more \
than the model limit of 50,000 (about 4 min of CPU for the model); raise the limit to use the model.'))
    """
    if method not in METHODS:
        raise InputError(f"method must be one of {', '.join(map(repr, METHODS))}, not {method!r}.")
    if method == "model" and n_mentions > limit:
        return "lexicon", (f"Tone towards mentions: the lexicon cues, because the corpus has {n_mentions:,} mentions, "
                           f"more than the model limit of {limit:,} (about {round(n_mentions * 0.003 / 60)} min of CPU "
                           "for the model); raise the limit to use the model.")
    name = "the fine-tuned model" if method == "model" else "the lexicon cues"
    return method, f"Tone towards mentions: {name} ({n_mentions:,} mentions)."


def _read_weights(name: str) -> tuple[tuple[float, ...], ...]:
    """Rows for negative, neutral, positive: intercept, then one weight per cue of :data:`TARGET_FEATURES`."""
    header, rows = read_table(name)
    if header != ("class", "intercept", *TARGET_FEATURES):
        raise ResourceMissing(f"{RESOURCES / name} must have the columns class, intercept and TARGET_FEATURES.")
    if tuple(row[0] for row in rows) != _CLASSES:
        raise ResourceMissing(f"{RESOURCES / name} must have one row per class: {', '.join(_CLASSES)}.")
    return tuple(tuple(float(v) for v in row[1:]) for row in rows)


#: Rows: negative, neutral, positive; columns: intercept then TARGET_FEATURES in order.
TARGET_WEIGHTS: tuple[tuple[float, ...], ...] = _read_weights("target_weights.txt")


def _class_probabilities(features: dict[str, float]) -> tuple[float, float, float]:
    logits = []
    for row in TARGET_WEIGHTS:
        z = row[0]
        for name, w in zip(TARGET_FEATURES, row[1:]):
            z += w * features[name]
        logits.append(z)
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = sum(exps)
    return exps[0] / total, exps[1] / total, exps[2] / total


def _graded(probs: tuple[float, float, float]) -> float:
    """One graded score from the class probabilities, consistent with the ±0.05 convention.

    The winning class decides the side: positive -> 0.05 + 0.95 x its margin over the runner-up, negative the
    mirror image, neutral -> 0.05 x (P(pos) - P(neg)) / (P(pos) + P(neg)), inside (-0.05, 0.05).
    """
    neg, neu, pos = probs
    if pos > neg and pos > neu:
        return 0.05 + 0.95 * (pos - max(neg, neu))
    if neg > pos and neg > neu:
        return -0.05 - 0.95 * (neg - max(pos, neu))
    return 0.05 * (pos - neg) / max(pos + neg, 1e-12) * (1 - 1e-9)


def graded_score(features: dict[str, float]) -> float:
    """The graded target score in [-1, 1] for one set of cues (see :func:`target_score`).

    >>> graded_score(target_features("Smith arrived.", 0, 5)) == target_score("Smith arrived.", 0, 5, method="lexicon")
    True
    """
    return _graded(_class_probabilities(features))


def target_score(text: str, start: int, end: int, *, method: str = "model", vader: Vader | None = None) -> float:
    """Graded tone towards ``text[start:end]`` in [-1, 1]; above +0.05 positive, below -0.05 negative.

    ``method="model"`` (default): the fine-tuned encoder of :mod:`lib.sentiment.model`. ``method="lexicon"``:
    the explainable cue vote of this module, reading word valences from ``vader`` (default
    :func:`lib.sentiment.news_analyzer`); ``vader`` is ignored by the model.

    >>> target_score("Critics slammed Smith over the scandal.", 16, 21) < -0.05
    True
    >>> target_score("Critics slammed Smith over the scandal.", 16, 21, method="lexicon") < -0.05
    True
    """
    if _method(method) == "model":
        from lib.sentiment.model import target_scores

        return target_scores([(text, start, end)])[0]
    return graded_score(target_features(text, start, end, vader=vader))


def target_polarity(text: str, start: int, end: int, *, method: str = "model", vader: Vader | None = None) -> int:
    """Tone towards ``text[start:end]``: -1 (negative), 0 (neutral) or 1 (positive); ``method`` as for
    :func:`target_score`.

    >>> target_polarity("Voters praised Smith for her honesty.", 15, 20)
    1
    >>> target_polarity("Voters praised Smith for her honesty.", 15, 20, method="lexicon")
    1
    """
    score = target_score(text, start, end, method=method, vader=vader)
    return 1 if score > 0.05 else (-1 if score < -0.05 else 0)


def _method(method: str) -> str:
    if method not in METHODS:
        raise InputError(f"method must be one of {', '.join(map(repr, METHODS))}, not {method!r}.")
    return method


def fit_target_weights(items: Iterable[tuple[str, int, int, int]], *, c: float = 0.3):
    """Fit :data:`TARGET_WEIGHTS` from ``(text, start, end, label)`` items, label in {-1, 0, 1}.

    A 3-class logistic regression (scikit-learn, inverse regularisation ``c``) over :func:`target_features`;
    the predicted class is the most probable one. ``benchmarks/target_weights.py`` fits the shipped weights on
    NewsMTSC ``train.jsonl`` (read by path, never copied into the project) and prints their cross-validated
    macro-F1; ``lib/resources/target_weights.txt`` records both.

    Returns rows for negative, neutral, positive: intercept, then one weight per feature.
    """
    items = list(items)
    x = np.array([[target_features(t, a, b)[k] for k in TARGET_FEATURES] for t, a, b, _ in items])
    y = np.array([int(g) for *_, g in items])
    return fit_weights_from_features(x, y, c=c)


def fit_weights_from_features(x: np.ndarray, y: np.ndarray, *, c: float = 0.3):
    """:func:`fit_target_weights` on a ready feature matrix ``x`` (columns in :data:`TARGET_FEATURES` order)."""
    from sklearn.linear_model import LogisticRegression

    if set(np.asarray(y).tolist()) != {-1, 0, 1}:
        raise InputError("fit_target_weights needs items of all three labels -1, 0 and 1.")
    if not c > 0:
        raise InputError(f"c must be positive, got {c!r}.")
    model = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    order = [list(model.classes_).index(k) for k in (-1, 0, 1)]
    return tuple(tuple(round(float(v), 4) for v in (model.intercept_[i], *model.coef_[i])) for i in order)
