"""A validation exercise: label a sample of portrayal units by hand and measure how often the tool agrees.

The template (:func:`validation_sample`) lists sentences with the actor whose portrayal is asked about and
blank ``label``/``label_2`` columns; the tool's answer is not in it. :func:`read_labels` reads a filled-in
copy, :func:`with_tool` adds the tool's class for each row from the current evidence table, and
:func:`agreement` gives accuracy and Cohen's kappa for any two label columns.

>>> f = pd.DataFrame({"label": [1, 0, -1, 0], "tool": [1, 0, 0, 0]})
>>> agreement(f, a="label", b="tool")
{'n': 4, 'accuracy': 0.75, 'kappa': 0.555556}
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from lib.errors import InputError, require_columns

__all__ = ["LABEL_WORDS", "TEMPLATE_COLUMNS", "agreement", "cohen_kappa", "disagreements", "polarity_class",
           "read_labels", "validation_sample", "with_tool"]

TEMPLATE_COLUMNS = ["item", "doc_id", "sent_id", "actor_id", "actor", "text", "label", "label_2"]
KEY = ["doc_id", "sent_id", "actor_id"]
# What a student may write in a label column; anything else is an error naming the row.
LABEL_WORDS = {"-1": -1, "0": 0, "1": 1, "+1": 1, "-": -1, "+": 1, "neg": -1, "neu": 0, "pos": 1,
               "negative": -1, "neutral": 0, "positive": 1}


def polarity_class(score: float, *, positive: float = 0.05, negative: float = -0.05) -> int:
    """-1, 0 or 1 for a tone score with the notebook's cut-offs.

    >>> polarity_class(0.3), polarity_class(0.01), polarity_class(-0.2)
    (1, 0, -1)
    """
    return 1 if score > positive else -1 if score < negative else 0


def validation_sample(evidence: pd.DataFrame, *, n: int = 25, seed: int = 0) -> pd.DataFrame:
    """A labelling template: ``n`` portrayal units (one per sentence) drawn with ``seed``, in reading order.

    Columns :data:`TEMPLATE_COLUMNS`; ``actor`` is the ``name`` column of ``evidence`` when present; ``label``
    and ``label_2`` are blank for two students. The tool's score is left out on purpose.

    >>> ev = pd.DataFrame({"doc_id": ["a"] * 3, "actor_id": ["x", "y", "x"], "kind": ["portrayal"] * 3,
    ...                    "sent_id": [0, 0, 1], "score": [0.1, 0.2, 0.3], "text": ["S0", "S0", "S1"]})
    >>> validation_sample(ev, n=5)[["item", "sent_id", "text"]].values.tolist()
    [[1, 0, 'S0'], [2, 1, 'S1']]
    """
    require_columns(evidence, ["doc_id", "sent_id", "actor_id", "kind", "text"], "evidence")
    if not isinstance(n, int) or n < 1:
        raise InputError(f"The validation sample size must be a positive integer, got {n!r}.")
    units = evidence[evidence["kind"] == "portrayal"].dropna(subset=["sent_id"])
    rng = np.random.default_rng(seed)
    units = units.iloc[rng.permutation(len(units))].drop_duplicates(["doc_id", "sent_id"])
    units = units.head(n).sort_values(["doc_id", "sent_id"], kind="stable").reset_index(drop=True)
    names = units["name"] if "name" in units.columns else units["actor_id"]
    return pd.DataFrame({"item": range(1, len(units) + 1), "doc_id": units["doc_id"].astype(str),
                         "sent_id": units["sent_id"].astype(int), "actor_id": units["actor_id"],
                         "actor": names.to_numpy(), "text": units["text"], "label": "", "label_2": ""},
                        columns=TEMPLATE_COLUMNS)


def _parse_label(value: object, *, path: Path, row: int, column: str) -> float:
    if value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == "":
        return math.nan
    word = str(value).strip().lower()
    word = word[:-2] if word.endswith(".0") else word
    if word not in LABEL_WORDS:
        raise InputError(f"{path.name}, row {row}: {column} {value!r} is not a label; "
                         "write -1 (negative), 0 (neutral) or 1 (positive), or leave it blank.")
    return float(LABEL_WORDS[word])


def read_labels(path: str | Path) -> pd.DataFrame:
    """A filled-in template: key columns, ``text`` and the labels as -1/0/1 (``<NA>`` where left blank).

    Labels may be written as -1/0/1, +/-, or negative/neutral/positive; ``label_2`` is optional.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"Validation labels file {path} does not exist.")
    frame = pd.read_csv(path, dtype={"doc_id": str, "label": str, "label_2": str}, keep_default_na=False)
    require_columns(frame, [*KEY, "text", "label"], path.name)
    frame = frame.copy()
    for column in ("label", "label_2"):
        values = frame[column] if column in frame.columns else [""] * len(frame)
        parsed = [_parse_label(v, path=path, row=i + 2, column=column) for i, v in enumerate(values)]
        frame[column] = pd.array(parsed, dtype="Float64").astype("Int64")
    frame["sent_id"] = pd.to_numeric(frame["sent_id"], errors="coerce").astype("Int64")
    return frame


def with_tool(labels: pd.DataFrame, evidence: pd.DataFrame, *, positive: float = 0.05,
              negative: float = -0.05) -> pd.DataFrame:
    """``labels`` with ``score`` and ``tool`` (its class) from the portrayal rows of ``evidence``; rows whose
    sentence and actor are not in the evidence get ``<NA>`` (e.g. labels made for another corpus).

    >>> ev = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "actor_id": ["x"], "kind": ["portrayal"],
    ...                    "score": [-0.4]})
    >>> lab = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 9], "actor_id": ["x", "x"], "label": [-1, 0]})
    >>> with_tool(lab, ev)["tool"].tolist()
    [-1, <NA>]
    """
    require_columns(evidence, [*KEY, "kind", "score"], "evidence")
    tool = evidence[evidence["kind"] == "portrayal"][[*KEY, "score"]].copy()
    tool["doc_id"] = tool["doc_id"].astype(str)
    tool["sent_id"] = tool["sent_id"].astype("Int64")
    left = labels.drop(columns=["score", "tool"], errors="ignore").copy()
    left["doc_id"] = left["doc_id"].astype(str)
    left["sent_id"] = left["sent_id"].astype("Int64")
    out = left.merge(tool.drop_duplicates(KEY), on=KEY, how="left")
    tool_class = [polarity_class(s, positive=positive, negative=negative) if pd.notna(s) else None
                  for s in out["score"]]
    out["tool"] = pd.array(tool_class, dtype="Int64")
    return out


def cohen_kappa(a, b) -> float:
    """Cohen's kappa of two equally long label sequences: (p_o - p_e) / (1 - p_e); NaN when p_e is 1.

    >>> cohen_kappa([1, 0, -1, 0], [1, 0, 0, 0])
    0.555556
    """
    a, b = list(a), list(b)
    if len(a) != len(b) or not a:
        raise InputError("Cohen's kappa needs two non-empty label lists of the same length.")
    classes = sorted(set(a) | set(b))
    p_o = sum(x == y for x, y in zip(a, b)) / len(a)
    p_e = sum((a.count(c) / len(a)) * (b.count(c) / len(b)) for c in classes)
    return math.nan if math.isclose(p_e, 1.0) else round((p_o - p_e) / (1 - p_e), 6)


def _paired(frame: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    require_columns(frame, [a, b], "labels")
    return frame.dropna(subset=[a, b])


def agreement(frame: pd.DataFrame, *, a: str = "label", b: str = "tool") -> dict:
    """``n`` (rows where both columns have a label), ``accuracy`` (share equal) and Cohen's ``kappa``;
    accuracy and kappa are NaN when no row has both."""
    pairs = _paired(frame, a, b)
    if pairs.empty:
        return {"n": 0, "accuracy": math.nan, "kappa": math.nan}
    x, y = pairs[a].astype(int).tolist(), pairs[b].astype(int).tolist()
    accuracy = round(sum(p == q for p, q in zip(x, y)) / len(x), 6)
    return {"n": len(x), "accuracy": accuracy, "kappa": cohen_kappa(x, y)}


def disagreements(frame: pd.DataFrame, *, a: str = "label", b: str = "tool") -> pd.DataFrame:
    """The rows where both columns have a label and the labels differ, side by side with the text."""
    pairs = _paired(frame, a, b)
    columns = [c for c in ["item", "doc_id", "sent_id", "actor", "text", a, b, "score"] if c in pairs.columns]
    return pairs[pairs[a] != pairs[b]][columns].reset_index(drop=True)
