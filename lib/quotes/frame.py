"""The quotes frame: every quote of every article with its speaker, cue and whether it is a fragment.

>>> arts = pd.DataFrame({"doc_id": ["d1"], "text": ["“We are ready,” she said."]})
>>> find_quotes(arts)[["text", "cue_verb"]].values.tolist()
[['We are ready', 'said']]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from lib.actors.table import ActorTable, as_actor_table
from lib.errors import InputError, require_columns
from lib.quotes.attribute import attribute
from lib.quotes.scan import Segment, scan_quotes
from lib.quotes.speakers import WORD, Mention, Speakers

__all__ = ["FRAGMENT_MAX_WORDS", "QUOTE_COLUMNS", "find_quotes", "is_fragment", "quotes_in_text"]

FRAGMENT_MAX_WORDS = 3  # an embedded quote this short is a fragment even with a cue and a final period
QUOTE_COLUMNS = ["doc_id", "start", "end", "text", "speaker_actor_id", "cue_verb", "is_fragment"]
MENTION_FIELDS = ["doc_id", "start", "end", "actor_id", "actor_type", "match_kind"]
_SENTENCE_FINAL = re.compile(r"[.!?…][)\]’'\s]*$")


def is_fragment(text: str, segment: Segment, *, cue_verb: str | None) -> bool:
    """A short quote embedded in narration: it does not begin a paragraph or follow ``,`` ``:`` a dash or a
    sentence end, and it has no cue of its own, or no sentence-final punctuation inside, or at most
    ``FRAGMENT_MAX_WORDS`` words (“isolated.”).

    >>> t = "He ruled it out as “not at all possible”."
    >>> is_fragment(t, scan_quotes(t)[0], cue_verb=None)
    True
    """
    i = segment.open_mark
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    embedded = i > 0 and text[i - 1] not in '\n,:—–-.!?”"'
    if not embedded:
        return False
    inner = text[segment.start : segment.close_mark if segment.close_mark is not None else segment.end]
    short = len(WORD.findall(inner)) < FRAGMENT_MAX_WORDS + 1
    return cue_verb is None or short or not _SENTENCE_FINAL.search(inner)


def quotes_in_text(
    text: str,
    *,
    mentions: Sequence[Mention] = (),
    sentence_starts: Iterable[int] | None = None,
    sides: Mapping[str, str] | None = None,
    roles: Sequence[tuple[str, str]] = (),
    side_words: Mapping[str, str] | None = None,
    speakers: Speakers | None = None,
) -> list[tuple[int, int, str, str | None, str | None, bool]]:
    """Quotes of one article as ``(start, end, text, speaker_actor_id, cue_verb, is_fragment)``.

    ``speakers`` (or ``sides``, ``roles``, ``side_words`` as keywords) as in ``attribute``.

    >>> quotes_in_text("“Talks went well,” the envoy said.")
    [(1, 16, 'Talks went well', None, 'said', False)]
    """
    segments = scan_quotes(text)
    if not segments:
        return []
    who = attribute(text, segments, mentions=mentions, sentence_starts=sentence_starts, sides=sides, roles=roles,
                    side_words=side_words, speakers=speakers)
    return [
        (s.start, s.end, text[s.start : s.end], speaker, cue, is_fragment(text, s, cue_verb=cue))
        for s, (speaker, cue) in zip(segments, who)
    ]


def _mentions_by_doc(mentions: pd.DataFrame | None) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = {}
    if mentions is not None and len(mentions):
        for d, s, e, a, t, k in zip(*(mentions[c].tolist() for c in MENTION_FIELDS)):
            if isinstance(a, str) and a:
                out.setdefault(d, []).append((int(s), int(e), a, str(t), str(k)))
    return out


def _starts_by_doc(sentences: pd.DataFrame | None) -> dict[str, list[int]] | None:
    if sentences is None:
        return None
    out: dict[str, list[int]] = {}
    for d, s in zip(sentences["doc_id"].tolist(), sentences["start"].tolist()):
        out.setdefault(d, []).append(int(s))
    return out


def _quote_frame(rows: list[tuple]) -> pd.DataFrame:
    """The rows as a frame; unknown speakers and cues stay ``None`` (object columns), never NaN."""
    columns = list(zip(*rows)) if rows else [()] * len(QUOTE_COLUMNS)
    dtypes = {"start": "int64", "end": "int64", "is_fragment": bool, "speaker_actor_id": object, "cue_verb": object}
    return pd.DataFrame({name: pd.Series(list(values), dtype=dtypes.get(name))
                         for name, values in zip(QUOTE_COLUMNS, columns)}, columns=QUOTE_COLUMNS)


def find_quotes(
    articles: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    actors: ActorTable | pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The quotes frame: ``doc_id, start, end, text, speaker_actor_id, cue_verb, is_fragment``.

    ``sentences`` (from ``lib.text.sentence_table``) fixes sentence boundaries, ``mentions`` (from
    ``lib.actors.find_mentions``) and ``actors`` (the ``ActorTable``: sides, role descriptions, side words)
    name the speakers; each may be ``None`` (a simple sentence splitter is used; speakers stay ``None``
    without mentions or roles).
    """
    for frame, columns, name in (
        (articles, ["doc_id", "text"], "articles"),
        (sentences, ["doc_id", "start"], "sentences"),
        (mentions, MENTION_FIELDS, "mentions"),
    ):
        if frame is not None:
            require_columns(frame, columns, f"find_quotes: `{name}`")
    table = as_actor_table(actors, source="find_quotes: `actors`") if actors is not None else None
    speakers = Speakers.from_actors(table) if table is not None else Speakers()
    by_doc_mentions, by_doc_starts = _mentions_by_doc(mentions), _starts_by_doc(sentences)
    rows = []
    for doc_id, text in zip(articles["doc_id"].tolist(), articles["text"].tolist()):
        if not isinstance(text, str):
            raise InputError(f"find_quotes: article {doc_id!r} has no text (got {type(text).__name__}).")
        starts = by_doc_starts.get(doc_id, []) if by_doc_starts is not None else None
        for row in quotes_in_text(text, mentions=by_doc_mentions.get(doc_id, ()), sentence_starts=starts,
                                  speakers=speakers):
            rows.append((doc_id, *row))
    return _quote_frame(rows)
