"""Actor tone tables: portrayal (narration about an actor, quotes masked out), voice (the actor's own quotes)
and others' words (quotes by someone else that mention the actor), kept apart, with bootstrap intervals.

>>> ev = pd.DataFrame({"actor_id": ["a", "a"], "kind": ["voice", "voice"], "score": [0.5, -0.1]})
>>> tone_summary(ev, n_boot=200)[["actor_id", "n"]].values.tolist()
[['a', 2]]
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lib.errors import InputError, require_columns
from lib.sentiment.bootstrap import bootstrap_means, group_summaries
from lib.sentiment.cues import Valences, check_span, features_from_valences, token_valences
from lib.sentiment.target import METHODS, graded_score
from lib.sentiment.vader import sentence_score

if TYPE_CHECKING:  # pragma: no cover
    from lib.sentiment.vader import Vader

__all__ = [
    "EVIDENCE_COLUMNS",
    "KINDS",
    "SUMMARY_COLUMNS",
    "bootstrap_means",
    "mask_spans",
    "portrayal_vs_voice",
    "share_of_voice",
    "tone_evidence",
    "tone_summary",
]

EVIDENCE_COLUMNS = ["doc_id", "actor_id", "kind", "sent_id", "start", "end", "score", "text"]
SUMMARY_COLUMNS = ["n", "mean", "share_positive", "share_negative", "ci_low", "ci_high"]
KINDS = ("portrayal", "voice", "others")

Quote = tuple[int, int, str, object, bool]  # start, end, text, speaker (or None), left out as a fragment
Locate = Callable[[object, int], object]


def mask_spans(text: str, spans: Iterable[tuple[int, int]], *, fill: str = " ") -> str:
    """Replace ``text[a:b]`` for each span with ``fill`` characters (same length, offsets stay valid).

    >>> mask_spans('He said “we won” today', [(9, 15)])
    'He said “      ” today'
    """
    chars = list(text)
    for a, b in spans:
        a, b = max(0, int(a)), min(len(chars), int(b))
        chars[a:b] = fill * max(0, b - a)
    return "".join(chars)


def _quotes_by_doc(quotes: pd.DataFrame, *, fragments: bool) -> dict[object, list[Quote]]:
    frag = quotes["is_fragment"].tolist() if "is_fragment" in quotes.columns else [False] * len(quotes)
    out: dict[object, list[Quote]] = {}
    columns = ["doc_id", "start", "end", "text", "speaker_actor_id"]
    for (d, a, b, t, s), f in zip(zip(*(quotes[c].tolist() for c in columns)), frag):
        speaker = s if isinstance(s, str) and s else None
        out.setdefault(d, []).append((int(a), int(b), str(t), speaker, bool(f) and not fragments))
    return out


def _sentence_locator(sent_rows: dict[tuple[object, int], tuple[int, int, str]]) -> Locate:
    """A function ``(doc_id, offset) -> sent_id`` of the sentence where ``offset`` falls (None before the first)."""
    starts: dict[object, list[tuple[int, int]]] = {}
    for (d, i), (a, _, _) in sent_rows.items():
        starts.setdefault(d, []).append((a, i))
    for v in starts.values():
        v.sort()

    def sent_of(doc: object, offset: int) -> object:
        doc_starts = starts.get(doc, [])
        k = bisect_right(doc_starts, (offset, math.inf)) - 1
        return doc_starts[k][1] if k >= 0 else None

    return sent_of


def _memo_target_score(vader: Vader | None) -> Callable[[str, int, int], float]:
    """:func:`lib.sentiment.target_score`, with each text's word valences computed once (memo local to one call)."""
    memo: dict[str, Valences] = {}

    def score(text: str, a: int, b: int) -> float:
        check_span(text, a, b)
        toks = memo.get(text)
        if toks is None:
            toks = memo[text] = token_valences(text, vader=vader)
        return graded_score(features_from_valences(text, toks, a, b))

    return score


def _model_scores(mentions: pd.DataFrame, quotes_by_doc, sent_rows, sent_of: Locate) -> Callable:
    """The fine-tuned model's target scores for every unit :func:`_mention_rows` will ask about, in one batch."""
    from lib.sentiment.model import target_scores

    wanted: list[tuple[str, int, int]] = []
    _mention_rows(mentions, quotes_by_doc, sent_rows, sent_of, lambda t, a, b: wanted.append((t, a, b)) or 0.0)
    scores = dict(zip(wanted, target_scores(wanted)))
    return lambda t, a, b: scores[(t, a, b)]


def _mention_unit(mention, doc_quotes: list[Quote], sent_rows, sent_of: Locate):
    """``(unit key, text, start, end)`` to score one mention by, offsets into the unit's text; or None."""
    d, sid, a, b, actor = mention
    host = next((q for q in doc_quotes if q[0] <= a and b <= q[1]), None)
    if host is None:
        sent = sent_rows.get((d, int(sid)))
        if sent is None or not (sent[0] <= a and b <= sent[1]):
            return None
        s0, s1, stext = sent
        masked = mask_spans(stext, [(q[0] - s0, q[1] - s0) for q in doc_quotes if q[0] < s1 and q[1] > s0])
        return (d, actor, "portrayal", int(sid), s0, s1, stext), masked, a - s0, b - s0
    q0, q1, qtext, speaker, skip = host
    if speaker == actor or skip or qtext == "" or len(qtext) != q1 - q0 or a - q0 >= len(qtext):
        return None
    return (d, actor, "others", sent_of(d, q0), q0, q1, qtext), qtext, a - q0, b - q0


def _mention_rows(mentions: pd.DataFrame, quotes_by_doc, sent_rows, sent_of: Locate, score) -> list[tuple]:
    """Portrayal and others' rows: one per (actor, unit), the mean score of the actor's mentions in it."""
    grouped: dict[tuple, list[float]] = {}
    columns = ["doc_id", "sent_id", "start", "end", "actor_id"]
    for d, sid, a, b, actor in zip(*(mentions[c].tolist() for c in columns)):
        if not isinstance(actor, str) or not actor:
            continue
        unit = _mention_unit((d, sid, int(a), int(b), actor), quotes_by_doc.get(d, []), sent_rows, sent_of)
        if unit is not None:
            key, text, start, end = unit
            grouped.setdefault(key, []).append(score(text, start, end))
    return [(d, actor, kind, sid, a, b, float(np.mean(scores)), text)
            for (d, actor, kind, sid, a, b, text), scores in grouped.items()]


def tone_evidence(
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    quotes: pd.DataFrame,
    *,
    fragments: bool = True,
    vader: Vader | None = None,
    news_vader: Vader | None = None,
    method: str = "lexicon",
) -> pd.DataFrame:
    """One row per scored unit, keeping three kinds of evidence about each actor apart:

    - ``portrayal``: a sentence of narration that mentions the actor; the mention's target tone is scored with
      quoted material masked out (mentions inside quotes are not narration and are skipped here);
    - ``voice``: a quote whose ``speaker_actor_id`` is the actor, scored by sentence tone (news-aware VADER);
    - ``others``: a quote by someone else (or unattributed) that mentions the actor, scored by the target tone
      of that mention inside the quote.

    ``fragments=False`` leaves out quotes marked ``is_fragment`` (a few quoted words inside a sentence).
    Several mentions of one actor in one sentence (or quote) give one row, their mean score. Columns:
    ``doc_id, actor_id, kind, sent_id, start, end, score, text`` (offsets into the article; ``sent_id`` of the
    sentence where the unit starts). ``vader`` scores voice (default :func:`lib.sentiment.tone_analyzer`, news-aware),
    ``news_vader`` the target tone (default :func:`lib.sentiment.news_analyzer`). ``method`` scores portrayal
    and others' words: ``"lexicon"`` (default, the explainable cues) or ``"model"`` (:mod:`lib.sentiment.model`,
    all units in one batched run).
    """
    if method not in METHODS:
        raise InputError(f"method must be one of {', '.join(map(repr, METHODS))}, not {method!r}.")
    require_columns(sentences, ["doc_id", "sent_id", "start", "end", "text"], "sentences")
    require_columns(mentions, ["doc_id", "sent_id", "start", "end", "actor_id"], "mentions")
    require_columns(quotes, ["doc_id", "start", "end", "text", "speaker_actor_id"], "quotes")
    quotes_by_doc = _quotes_by_doc(quotes, fragments=fragments)
    sent_rows = {(d, int(i)): (int(a), int(b), t) for d, i, a, b, t in
                 zip(*(sentences[c].tolist() for c in ["doc_id", "sent_id", "start", "end", "text"]))}
    sent_of = _sentence_locator(sent_rows)
    score = (_model_scores(mentions, quotes_by_doc, sent_rows, sent_of) if method == "model"
             else _memo_target_score(news_vader))
    rows = _mention_rows(mentions, quotes_by_doc, sent_rows, sent_of, score)
    for d, doc_quotes in quotes_by_doc.items():
        for q0, q1, qtext, speaker, skip in doc_quotes:
            if speaker is not None and not skip:
                rows.append((d, speaker, "voice", sent_of(d, q0), q0, q1, sentence_score(qtext, vader=vader), qtext))
    out = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    out["sent_id"] = out["sent_id"].astype("Int64")
    return out.sort_values(["doc_id", "start", "actor_id", "kind"], kind="stable").reset_index(drop=True)


def _check_summary_options(n_boot: int, ci: float, positive: float, negative: float, by: list[str]) -> None:
    if not isinstance(n_boot, int) or n_boot < 1:
        raise InputError(f"n_boot must be a positive integer, got {n_boot!r}.")
    if not 0 < ci < 1:
        raise InputError(f"ci must be between 0 and 1, got {ci!r}.")
    if not 0 <= positive < 1:
        raise InputError(f"positive cut-off must be in [0, 1), got {positive!r}.")
    if not -1 < negative <= 0:
        raise InputError(f"negative cut-off must be in (-1, 0], got {negative!r}.")
    if not by:
        raise InputError("by must name at least one column of evidence.")


def tone_summary(
    evidence: pd.DataFrame,
    *,
    by: Sequence[str] = ("actor_id", "kind"),
    n_boot: int = 2000,
    seed: int = 0,
    ci: float = 0.95,
    positive: float = 0.05,
    negative: float = -0.05,
) -> pd.DataFrame:
    """Per group of ``evidence``: ``n, mean, share_positive, share_negative, ci_low, ci_high``.

    ``ci_low``/``ci_high`` are a percentile bootstrap interval of the mean (``n_boot`` resamples, each group
    drawn from its own generator seeded with ``seed``, so results do not depend on group order; groups of one
    size share their draws, made once: :func:`lib.sentiment.bootstrap.group_summaries`). A score
    counts as positive above ``positive`` and negative below ``negative``. Use ``by=("doc_id", "actor_id",
    "kind")`` for one row per article.

    >>> ev = pd.DataFrame({"actor_id": ["a", "a"], "kind": ["voice", "voice"], "score": [0.5, -0.1]})
    >>> row = tone_summary(ev, n_boot=200).iloc[0]
    >>> int(row["n"]), round(float(row["mean"]), 2), float(row["share_positive"])
    (2, 0.2, 0.5)
    """
    by = list(by)
    require_columns(evidence, [*by, "score"], "evidence")
    _check_summary_options(n_boot, ci, positive, negative, by)
    scored = evidence.dropna(subset=["score"])
    grouped = scored.groupby(by, sort=True, dropna=False, observed=True)
    keys = grouped.size().index.to_frame(index=False)
    codes = grouped.ngroup().to_numpy()
    scores = scored["score"].to_numpy(dtype=float)
    order = np.lexsort((scores, codes))  # by group, sorted within: same draws whatever the row order
    sizes = np.bincount(codes, minlength=len(keys))
    stats = group_summaries(scores[order], sizes, n_boot=n_boot, seed=seed, ci=ci, positive=positive,
                            negative=negative)
    out = keys.assign(n=sizes.astype("int64"), **stats)
    return out[[*by, *SUMMARY_COLUMNS]].reset_index(drop=True)


def portrayal_vs_voice(summary: pd.DataFrame, *, min_units: int = 3) -> pd.DataFrame:
    """Mean portrayal and mean voice per actor, for actors with at least ``min_units`` units of *both* kinds.

    Columns: actor_id, portrayal, voice, n_portrayal, n_voice. An empty frame (same columns) when no actor
    qualifies, e.g. when nobody in the table is quoted.

    >>> s = pd.DataFrame({"actor_id": ["a", "a", "b"], "kind": ["portrayal", "voice", "portrayal"],
    ...                   "mean": [0.1, 0.4, -0.2], "n": [5, 3, 9]})
    >>> portrayal_vs_voice(s, min_units=3).values.tolist()
    [['a', 0.1, 0.4, 5, 3]]
    >>> len(portrayal_vs_voice(s[s["kind"] == "portrayal"]))
    0
    """
    columns = ["actor_id", "portrayal", "voice", "n_portrayal", "n_voice"]
    means = summary.pivot_table(index="actor_id", columns="kind", values="mean", aggfunc="first")
    counts = summary.pivot_table(index="actor_id", columns="kind", values="n", aggfunc="first")
    if not {"portrayal", "voice"} <= set(means.columns):
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame({"portrayal": means["portrayal"], "voice": means["voice"],
                          "n_portrayal": counts["portrayal"], "n_voice": counts["voice"]}).dropna()
    table = table[(table["n_portrayal"] >= min_units) & (table["n_voice"] >= min_units)]
    table[["n_portrayal", "n_voice"]] = table[["n_portrayal", "n_voice"]].astype(int)
    return table.reset_index()[columns]


def share_of_voice(evidence: pd.DataFrame) -> pd.DataFrame:
    """Per actor: quotes of their own and narration sentences about them, most quoted first.

    >>> e = pd.DataFrame({"actor_id": ["a", "a", "b", "a", "b"],
    ...                   "kind": ["voice", "portrayal", "portrayal", "voice", "voice"]})
    >>> share_of_voice(e).values.tolist()
    [['a', 2, 1, 0.667], ['b', 1, 1, 0.333]]
    """
    counts = pd.crosstab(evidence["actor_id"], evidence["kind"])
    table = pd.DataFrame({"quotes": counts.get("voice", 0), "narration_sentences": counts.get("portrayal", 0)},
                         index=counts.index).fillna(0).astype(int)
    table["share_of_quotes"] = (table["quotes"] / max(1, table["quotes"].sum())).round(3)
    table = table.reset_index().sort_values(["quotes", "narration_sentences", "actor_id"],
                                            ascending=[False, False, True], kind="stable")
    return table.reset_index(drop=True)
